/**
 * Errors as values: what a bad document or object becomes instead of an exception. Each
 * error names where the problem is (source, document, line, field path) and says what is
 * wrong in words a person editing the manifest can act on.
 */
import type { z } from "zod";

/**
 * One problem found while loading manifests or parsing an object.
 *
 * - `source`: the file name (or other label) the caller gave.
 * - `documentIndex`: 0-based position of the document in a multi-document stream.
 * - `line`: 1-based line where that document starts, when the input was text.
 * - `fieldLine`: 1-based line of the offending field (or its nearest present ancestor),
 *   when it could be found in the text.
 * - `itemIndex`: the item's position when the document is a List.
 * - `path`: the field, as `spec.listeners[0].port`; "" for the document as a whole.
 * - `kind`, `name`, `namespace`: the object's identity, as far as it could be read.
 */
export interface ManifestError {
  readonly source: string;
  readonly documentIndex: number;
  readonly line?: number;
  readonly fieldLine?: number;
  readonly itemIndex?: number;
  readonly path: string;
  readonly message: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/**
 * Where a value came from, for the errors about it: a source label, and for text input
 * the document index and the line it starts at.
 */
export interface Where {
  readonly source: string;
  readonly documentIndex?: number;
  readonly line?: number;
}

/** A path into a value: object keys and array indexes, outermost first. */
export type FieldPath = readonly PropertyKey[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** How much of a value taken from the input an error message quotes. */
export const MAX_QUOTED = 100;

/**
 * `text` cut to `max` characters, saying how long it was: input echoed in an error (a
 * name, a key, a kind) must not make the error as big as the input.
 */
export function shorten(text: string, max: number = MAX_QUOTED): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/**
 * Writes a field path the way people read it: `spec.listeners[0].port`, with keys that
 * are not plain identifiers quoted (`metadata.annotations["example.com/x"]`).
 */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else {
      const key = shorten(String(segment));
      if (IDENTIFIER.test(key)) out += out === "" ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

const EXPECTED: Readonly<Record<string, string>> = {
  int: "an integer",
  number: "a number",
  string: "a string",
  boolean: "a boolean",
  object: "a mapping",
  array: "a list",
  record: "a mapping",
};

/**
 * A short description of a value for an error message: its type and, for scalars, the
 * value itself (long strings cut short, so a huge input cannot make a huge message).
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string": {
      const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
      return `string ${JSON.stringify(shown)}`;
    }
    case "number":
    case "boolean":
    case "bigint":
      return `${typeof value} ${String(value)}`;
    case "object":
      return value instanceof Date ? "a date" : "a mapping";
    default:
      return typeof value;
  }
}

/**
 * The message for one zod issue. Type mismatches and missing fields get messages that
 * say what was found; other issues keep zod's message (or the one a schema set).
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  const hasInput = "input" in issue && input !== undefined;
  switch (issue.code) {
    case "invalid_type": {
      if (typeof input === "number" && !Number.isFinite(input)) return `expected a finite number, got ${input}`;
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return hasInput ? `expected ${expected}, got ${describeValue(input)}` : `missing required field (${expected})`;
    }
    case "invalid_value": {
      const wanted = issue.values.map((v) => JSON.stringify(v)).join(", ");
      const got = hasInput ? `, got ${describeValue(input)}` : "";
      return issue.values.length === 1 ? `expected ${wanted}${got}` : `expected one of ${wanted}${got}`;
    }
    case "invalid_union":
      return hasInput ? `${issue.message}, got ${describeValue(input)}` : issue.message;
    default:
      return issue.message;
  }
}

/**
 * One line of text for an error, as a CLI prints it:
 * `routes.yaml:14: document 2, HTTPRoute default/web: spec.rules[0].backendRefs[0].port: expected an integer, got string "http"`.
 */
export function formatManifestError(error: ManifestError): string {
  const line = error.fieldLine ?? error.line;
  const where = line === undefined ? error.source : `${error.source}:${line}`;
  let doc = `document ${error.documentIndex}`;
  if (error.itemIndex !== undefined) doc += ` item ${error.itemIndex}`;
  if (error.kind !== undefined && error.name !== undefined) {
    doc += `, ${error.kind} ${error.namespace === undefined ? "" : `${error.namespace}/`}${error.name}`;
  }
  return `${where}: ${doc}: ${error.path === "" ? "" : `${error.path}: `}${error.message}`;
}
