/**
 * Turns one already-parsed value (from YAML, JSON or an informer) into a typed object of
 * a known kind, or into errors that say what is wrong and where. Nothing a caller passes
 * makes it throw.
 */
import { describeValue, formatPath, issueMessage, shorten, type FieldPath, type ManifestError, type Where } from "./errors.js";
import { lookupKind, type KubeObject } from "./registry.js";

/**
 * The outcome of parsing one object: the typed object, or at least one error.
 */
export type ParseResult =
  | { readonly ok: true; readonly object: KubeObject }
  | { readonly ok: false; readonly errors: readonly ManifestError[] };

/**
 * How many errors one object may produce before the rest are summed up in one more.
 * A hostile document with a million bad items must not yield a million errors.
 */
export const MAX_ERRORS_PER_OBJECT = 20;

/**
 * Where in a larger input the value sits, beyond {@link Where}: the path prefix from the
 * document root (`items[3]` for a List item), the item's index, and a way to find the
 * line of a field in the source text.
 */
export interface ParseContext {
  readonly prefix?: FieldPath;
  readonly itemIndex?: number;
  readonly locate?: (path: FieldPath) => number | undefined;
}

/** True for a value that can hold fields: a non-null, non-array object. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A field of a mapping, read only if it is the mapping's own (never inherited). */
export function ownField(value: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

function identity(value: Record<string, unknown>): { kind?: string; name?: string; namespace?: string } {
  const out: { kind?: string; name?: string; namespace?: string } = {};
  const kind = ownField(value, "kind");
  // Identity is quoted in every error of the object: quoted short, however long it is.
  if (typeof kind === "string") out.kind = shorten(kind);
  const metadata = ownField(value, "metadata");
  if (isMapping(metadata)) {
    const name = ownField(metadata, "name");
    const namespace = ownField(metadata, "namespace");
    if (typeof name === "string" && name !== "") out.name = shorten(name);
    if (typeof namespace === "string" && namespace !== "") out.namespace = shorten(namespace);
  }
  return out;
}

/**
 * Makes the error builder for one value: every error carries the source, document,
 * item and object identity, its path is prefixed to be relative to the document, and
 * its field line is looked up when the text is at hand.
 */
function errorFactory(where: Where, context: ParseContext, ident: ReturnType<typeof identity>) {
  const prefix = context.prefix ?? [];
  return (path: FieldPath, message: string): ManifestError => {
    const full = [...prefix, ...path];
    const fieldLine = context.locate?.(full);
    return {
      source: where.source,
      documentIndex: where.documentIndex ?? 0,
      ...(where.line === undefined ? {} : { line: where.line }),
      ...(fieldLine === undefined ? {} : { fieldLine }),
      ...(context.itemIndex === undefined ? {} : { itemIndex: context.itemIndex }),
      path: formatPath(full),
      message,
      ...ident,
    };
  };
}

/**
 * True when a document is a list of objects rather than an object: `kind: List`, or a
 * typed list (`GatewayList`) that carries an `items` field.
 */
export function isListKind(kind: string, value: Record<string, unknown>): boolean {
  return kind === "List" || (kind.endsWith("List") && Object.hasOwn(value, "items"));
}

/**
 * Parses a value with a located context; {@link parseObject} is this without one. The
 * loader calls it for each document and each List item.
 */
export function parseObjectAt(value: unknown, where: Where, context: ParseContext = {}): ParseResult {
  try {
    return parseUnguarded(value, where, context);
  } catch (err) {
    // Only a value built to misbehave (a throwing getter, a revoked proxy) gets here.
    const error = errorFactory(where, context, {})([], `could not be read: ${String(err)}`);
    return { ok: false, errors: [error] };
  }
}

function parseUnguarded(value: unknown, where: Where, context: ParseContext): ParseResult {
  if (!isMapping(value)) {
    const error = errorFactory(where, context, {});
    const what = Array.isArray(value) ? "a list" : value === null ? "null" : `a ${typeof value}`;
    return { ok: false, errors: [error([], `expected an object (a mapping with apiVersion and kind), got ${what}`)] };
  }
  const error = errorFactory(where, context, identity(value));
  const apiVersion = ownField(value, "apiVersion");
  const kind = ownField(value, "kind");
  const errors: ManifestError[] = [];
  for (const [field, got] of [["apiVersion", apiVersion], ["kind", kind]] as const) {
    if (got === undefined) errors.push(error([field], "missing required field (a string)"));
    else if (typeof got !== "string") errors.push(error([field], `expected a string, got ${describeValue(got)}`));
    else if (got === "") errors.push(error([field], "must not be empty"));
  }
  if (typeof apiVersion !== "string" || typeof kind !== "string" || errors.length > 0) return { ok: false, errors };

  if (isListKind(kind, value)) {
    return { ok: false, errors: [error(["kind"], `${shorten(kind)} is a list; lists are expanded by loadManifests, not parsed as one object`)] };
  }
  const lookup = lookupKind(apiVersion, kind);
  if (!lookup.found) {
    const field = lookup.reason === "unknown-kind" ? "kind" : "apiVersion";
    return { ok: false, errors: [error([field], lookup.message)] };
  }

  const metadata = ownField(value, "metadata");
  const nameMissing = !isMapping(metadata) || ownField(metadata, "name") === undefined || ownField(metadata, "name") === null;
  if (nameMissing) errors.push(error(["metadata", "name"], "missing required field (every object needs a name)"));

  const result = lookup.info.schema.safeParse(value, { reportInput: true });
  if (result.success && errors.length === 0) return { ok: true, object: result.data };
  // A missing name was reported above in better words than the schema's.
  const issues = (result.error?.issues ?? []).filter(
    (issue) => !(nameMissing && issue.path[0] === "metadata" && issue.path.length <= 2),
  );
  for (const [i, issue] of issues.entries()) {
    if (errors.length === MAX_ERRORS_PER_OBJECT) {
      errors.push(error([], `${issues.length - i} more error(s) in this object not shown`));
      break;
    }
    errors.push(error(issue.path, issueMessage(issue)));
  }
  return { ok: false, errors };
}

/**
 * Parses one already-parsed JS value (an informer's object, a JSON body) into a typed
 * object of a known kind. `where` labels the errors. A List is not expanded here; use
 * {@link loadManifests} for text, which does.
 */
export function parseObject(value: unknown, where: Where): ParseResult {
  return parseObjectAt(value, where);
}
