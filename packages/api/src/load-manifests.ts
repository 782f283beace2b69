/**
 * Multi-document YAML to typed objects. Every document is handled on its own: a bad one
 * becomes errors that name it (source, index, line, field) and the good ones still load.
 * Nothing in the text makes it throw.
 */
import type { Document } from "yaml";
import { parseDocument } from "./expand-list.js";
import { shorten, type FieldPath, type ManifestError } from "./errors.js";
import { ForwardLines, RegionLines } from "./loading/lines.js";
import { decodeUtf8, type DecodedText } from "./loading/utf8.js";
import { yamlDocuments } from "./loading/yaml-documents.js";
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
 * Loads multi-document YAML into typed objects of the known kinds. The input is text, or
 * bytes that must be UTF-8: a document holding invalid UTF-8 is reported (with its line)
 * and skipped, rather than read with replacement characters.
 *
 * Empty documents (nothing, or only comments, or a bare `null`) are skipped silently.
 * Lists (`kind: List`, `GatewayList`) are expanded into their items. A document with a
 * YAML syntax error, or nested too deep to parse, is reported under its own index and
 * skipped; the others load. YAML 1.2 (core schema) is used, with `<<` merge keys:
 * `yes`/`on` stay strings and timestamps stay text. Documents are parsed one at a time,
 * so memory holds the objects loaded and one document's syntax tree, not every tree.
 */
export function loadManifests(input: string | Uint8Array, source: string, options: LoadOptions = {}): LoadResult {
  const result: LoadResult = { objects: [], origins: [], errors: [] };
  let decoded: DecodedText;
  if (typeof input === "string") decoded = { text: input, invalidLines: [], scannedBefore: Number.POSITIVE_INFINITY };
  else if (input instanceof Uint8Array) decoded = decodeUtf8(input);
  else {
    result.errors.push({ source, documentIndex: 0, path: "", message: `expected text or bytes, got ${typeof input}` });
    return result;
  }
  const { text } = decoded;
  const maxAliasCount =
    options.maxAliasCount !== undefined && options.maxAliasCount >= 0 ? options.maxAliasCount : DEFAULT_MAX_ALIAS_COUNT;
  const lines = new ForwardLines(text);
  const invalid = new InvalidUtf8(decoded);
  let documentIndex = 0;
  // logLevel "silent": the library would otherwise print warnings (e.g. on a mapping
  // used as a key) to the process, and a library here does no I/O.
  for (const entry of yamlDocuments(text, { merge: true, logLevel: "silent" })) {
    const index = documentIndex++;
    const start = entry.ok ? entry.base + (entry.doc.contents?.range[0] ?? entry.doc.range[0]) : entry.start;
    const end = entry.ok ? entry.base + entry.doc.range[2] : entry.end;
    const line = lines.lineOf(start);
    const where = { source, documentIndex: index, line };
    if (!entry.ok) {
      result.errors.push({ ...where, path: "", message: `cannot parse YAML: ${shorten(entry.message)} (nested too deep?)` });
      continue;
    }
    const region = new RegionLines(text, entry.base + entry.doc.range[0], end, lines.lineOf(entry.base + entry.doc.range[0]));
    const badLine = invalid.lineIn(text, region, entry.base + entry.doc.range[0], end);
    if (badLine !== undefined) {
      result.errors.push({ ...where, fieldLine: badLine, path: "", message: "invalid UTF-8 in this document; it was not loaded" });
      continue;
    }
    try {
      loadDocument(entry.doc, where, (offset) => region.lineOf(entry.base + offset), maxAliasCount, result);
    } catch (err) {
      result.errors.push({ ...where, path: "", message: `cannot load document: ${shorten(String(err))}` });
    }
  }
  return result;
}

/** Which documents hold invalid UTF-8, from the lines the decoder located. */
class InvalidUtf8 {
  private next = 0;
  constructor(private readonly decoded: DecodedText) {}

  /** The first line of `[start, end)` holding invalid UTF-8, or undefined. Regions come in order. */
  lineIn(text: string, region: RegionLines, start: number, end: number): number | undefined {
    const { invalidLines, scannedBefore } = this.decoded;
    if (invalidLines.length === 0 && scannedBefore === Number.POSITIVE_INFINITY) return undefined;
    const first = region.lineOf(start);
    const last = region.lineOf(Math.max(start, end - 1));
    while (this.next < invalidLines.length && invalidLines[this.next]! < first) this.next++;
    const listed = invalidLines[this.next];
    if (listed !== undefined && listed <= last) return listed;
    if (last >= scannedBefore) {
      const replacement = text.indexOf("\uFFFD", start);
      if (replacement >= 0 && replacement < end) return region.lineOf(replacement);
    }
    return undefined;
  }
}

function loadDocument(
  doc: Document.Parsed,
  where: { source: string; documentIndex: number; line: number },
  lineOfOffset: (offset: number) => number,
  maxAliasCount: number,
  result: LoadResult,
): void {
  if (doc.errors.length > 0) {
    for (const err of doc.errors.slice(0, MAX_SYNTAX_ERRORS)) {
      result.errors.push({
        ...where,
        fieldLine: lineOfOffset(err.pos[0]),
        path: "",
        message: `YAML syntax error (${err.code}): ${shorten(errorText(err.message))}`,
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
        : `cannot read YAML: ${shorten(err instanceof Error ? err.message : String(err))}`;
    result.errors.push({ ...where, path: "", message });
    return;
  }
  if (value === null || value === undefined) return;
  const locate = (path: FieldPath) => locateField(doc, lineOfOffset, path);
  const parsed = parseDocument(value, where, locate);
  for (const { object, itemIndex } of parsed.objects) {
    result.objects.push(object);
    result.origins.push({ ...where, ...(itemIndex === undefined ? {} : { itemIndex }) });
  }
  for (const error of parsed.errors) result.errors.push(error);
}

/**
 * The 1-based line of the node at `path` in a document, or of its nearest ancestor that
 * exists in the text (a missing field is reported at the mapping that lacks it).
 */
function locateField(doc: Document.Parsed, lineOfOffset: (offset: number) => number, path: FieldPath): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range !== undefined) return lineOfOffset(range[0]);
  }
  return undefined;
}

/** The yaml library's message without its code frame and position (we report the line). */
function errorText(message: string): string {
  const end = message.indexOf("\n");
  const first = end < 0 ? message : message.slice(0, end);
  return first.replace(/ at line \d+, column \d+:?$/, "");
}
