/**
 * Multi-document YAML to typed objects. Every document is handled on its own: a bad one
 * becomes errors that name it (source, index, line, field) and the good ones still load.
 * Nothing in the text makes it throw.
 */
import { type Document, LineCounter, parseAllDocuments } from "yaml";
import { parseDocument } from "./expand-list.js";
import type { FieldPath, ManifestError } from "./errors.js";
import type { KubeObject } from "./registry.js";

/**
 * Where a loaded object came from, so a tool can point back at the text (and a test can
 * check that every document was accounted for).
 */
export interface ObjectOrigin {
  readonly source: string;
  readonly documentIndex: number;
  readonly line: number;
  readonly itemIndex?: number;
}

/**
 * The outcome of loading a text: every object that parsed, and every error, in document
 * order. `origins[i]` says where `objects[i]` came from.
 */
export interface LoadResult {
  readonly objects: KubeObject[];
  readonly origins: ObjectOrigin[];
  readonly errors: ManifestError[];
}

/**
 * Options of {@link loadManifests}.
 *
 * - `maxAliasCount`: how many alias expansions one document may perform (the `yaml`
 *   library's guard against "billion laughs" documents). Default 100; -1 would lift the
 *   guard, so values below 0 are treated as the default.
 */
export interface LoadOptions {
  readonly maxAliasCount?: number;
}

/** The default bound on alias expansions per document. */
export const DEFAULT_MAX_ALIAS_COUNT = 100;

/** How many YAML syntax errors of one document are reported; the rest are counted. */
const MAX_SYNTAX_ERRORS = 5;

/**
 * Loads multi-document YAML text into typed objects of the known kinds.
 *
 * Empty documents (nothing, or only comments, or a bare `null`) are skipped silently.
 * Lists (`kind: List`, `GatewayList`) are expanded into their items. A document with a
 * YAML syntax error is reported and skipped; the others load as far as the `yaml`
 * library could separate them. YAML 1.2 (core schema) is used, with `<<` merge keys:
 * `yes`/`on` stay strings and timestamps stay text.
 */
export function loadManifests(text: string, source: string, options: LoadOptions = {}): LoadResult {
  const result: LoadResult = { objects: [], origins: [], errors: [] };
  if (typeof text !== "string") {
    result.errors.push({ source, documentIndex: 0, path: "", message: `expected text, got ${typeof text}` });
    return result;
  }
  const maxAliasCount =
    options.maxAliasCount !== undefined && options.maxAliasCount >= 0 ? options.maxAliasCount : DEFAULT_MAX_ALIAS_COUNT;
  const lineCounter = new LineCounter();
  let documents: Document.Parsed[];
  try {
    // logLevel "silent": the library would otherwise print warnings (e.g. on a mapping
    // used as a key) to the process, and a library here does no I/O.
    documents = Array.from(parseAllDocuments(text, { lineCounter, merge: true, logLevel: "silent" }));
  } catch (err) {
    // The parser gave up on the whole stream (e.g. nesting deep enough to exhaust the stack).
    result.errors.push({ source, documentIndex: 0, line: 1, path: "", message: `cannot parse YAML: ${String(err)}` });
    return result;
  }
  for (const [documentIndex, doc] of documents.entries()) {
    const start = doc.contents?.range[0] ?? doc.range[0];
    const line = lineCounter.linePos(start).line;
    try {
      loadDocument(doc, { source, documentIndex, line }, lineCounter, maxAliasCount, result);
    } catch (err) {
      result.errors.push({ source, documentIndex, line, path: "", message: `cannot load document: ${String(err)}` });
    }
  }
  return result;
}

function loadDocument(
  doc: Document.Parsed,
  where: { source: string; documentIndex: number; line: number },
  lineCounter: LineCounter,
  maxAliasCount: number,
  result: LoadResult,
): void {
  if (doc.errors.length > 0) {
    for (const err of doc.errors.slice(0, MAX_SYNTAX_ERRORS)) {
      const fieldLine = err.linePos?.[0].line;
      result.errors.push({
        ...where,
        ...(fieldLine === undefined ? {} : { fieldLine }),
        path: "",
        message: `YAML syntax error (${err.code}): ${errorText(err.message)}`,
      });
    }
    if (doc.errors.length > MAX_SYNTAX_ERRORS) {
      const message = `${doc.errors.length - MAX_SYNTAX_ERRORS} more YAML syntax error(s) in this document not shown`;
      result.errors.push({ ...where, path: "", message });
    }
    return;
  }
  if (doc.contents === null) return;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount });
  } catch (err) {
    const message =
      err instanceof Error && /excessive alias count|alias resolution is disabled/i.test(err.message)
        ? `too many YAML alias expansions (more than ${maxAliasCount}); refusing a possible alias bomb`
        : `cannot read YAML: ${err instanceof Error ? err.message : String(err)}`;
    result.errors.push({ ...where, path: "", message });
    return;
  }
  if (value === null || value === undefined) return;
  const locate = (path: FieldPath) => locateField(doc, lineCounter, path);
  const parsed = parseDocument(value, where, locate);
  for (const { object, itemIndex } of parsed.objects) {
    result.objects.push(object);
    result.origins.push({ ...where, ...(itemIndex === undefined ? {} : { itemIndex }) });
  }
  result.errors.push(...parsed.errors);
}

/**
 * The 1-based line of the node at `path` in a document, or of its nearest ancestor that
 * exists in the text (a missing field is reported at the mapping that lacks it).
 */
function locateField(doc: Document.Parsed, lineCounter: LineCounter, path: FieldPath): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range !== undefined) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}

/** The yaml library's message without its code frame and position (we report the line). */
function errorText(message: string): string {
  const end = message.indexOf("\n");
  const first = end < 0 ? message : message.slice(0, end);
  return first.replace(/ at line \d+, column \d+:?$/, "");
}
