/**
 * The documents of a multi-document YAML text, one at a time. The `yaml` library's
 * streaming parser and composer are driven by hand instead of `parseAllDocuments`, for
 * two reasons:
 *
 * - Memory: only the document being handled has a syntax tree; a 100 MB stream never
 *   holds the trees of all its documents at once.
 * - Isolation: the parser recurses on nesting, and a document nested deep enough to
 *   exhaust the stack used to end the whole stream, blamed on document 0. Here the
 *   failing document is found (from the end of the last good one to the next `---`
 *   line), reported under its own index, and parsing restarts after it.
 */
import { Composer, type Document, Parser } from "yaml";

/** One document of the stream: parsed, or the region of one the parser could not read. */
export type StreamDocument =
  | { readonly ok: true; readonly doc: Document.Parsed; readonly base: number }
  | { readonly ok: false; readonly start: number; readonly end: number; readonly message: string };

/** A line that starts a document: `---` at column 0, then whitespace or the end. */
function isMarkerAt(text: string, i: number): boolean {
  if (!text.startsWith("---", i)) return false;
  const next = text[i + 3];
  return next === undefined || next === " " || next === "\t" || next === "\n" || next === "\r";
}

/** The offset of the next document-start line at or after `from` (a line start), or -1. */
function nextMarker(text: string, from: number): number {
  for (let i = from; i < text.length; ) {
    if (isMarkerAt(text, i)) return i;
    const nl = text.indexOf("\n", i);
    if (nl < 0) return -1;
    i = nl + 1;
  }
  return -1;
}

/** True when `text[from, to)` holds only blank and comment lines. */
function onlyBlankOrComments(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; ) {
    const nl = text.indexOf("\n", i);
    const lineEnd = nl < 0 || nl > to ? to : nl;
    const line = text.slice(i, lineEnd).trim();
    if (line !== "" && !line.startsWith("#")) return false;
    i = lineEnd + 1;
  }
  return true;
}

/** The start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf("\n", offset - 1) + 1;
}

/**
 * Yields every document of `text` in order. `options` are the `yaml` document options
 * (schema, merge keys, log level). Nothing in the text makes it throw.
 */
export function* yamlDocuments(text: string, options: ConstructorParameters<typeof Composer>[0]): Generator<StreamDocument> {
  for (let base = 0; ; ) {
    const composer = new Composer(options);
    // Where the last whole document of this round ended, relative to `base`.
    let parsedTo = 0;
    const parsed = (doc: Document.Parsed): StreamDocument => {
      parsedTo = Math.max(parsedTo, doc.range[2]);
      return { ok: true, doc, base };
    };
    let failure: string | undefined;
    try {
      for (const token of new Parser().parse(base === 0 ? text : text.slice(base))) {
        for (const doc of composer.next(token)) yield parsed(doc);
      }
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    // The documents that parsed before a failure are still whole: hand them out.
    for (const doc of composer.end()) yield parsed(doc);
    if (failure === undefined) return;

    // The failing document runs from the end of the last whole one to the next
    // document-start line after its own.
    const start = lineStart(text, base + parsedTo);
    let marker = nextMarker(text, start);
    if (marker >= 0 && onlyBlankOrComments(text, start, marker)) marker = nextMarker(text, afterLine(text, marker));
    const end = marker < 0 ? text.length : marker;
    yield { ok: false, start: contentStart(text, start, end), end, message: failure };
    if (marker < 0) return;
    base = marker;
  }
}

/** The first line of `[from, to)` that is not blank, a comment or a bare `---`: where a document's content starts. */
function contentStart(text: string, from: number, to: number): number {
  for (let i = from; i < to; i = afterLine(text, i)) {
    const line = text.slice(i, afterLine(text, i)).trim();
    if (line !== "" && line !== "---" && !line.startsWith("#")) return i;
  }
  return from;
}

/** The offset just after the line holding `offset`. */
function afterLine(text: string, offset: number): number {
  const nl = text.indexOf("\n", offset);
  return nl < 0 ? text.length : nl + 1;
}
