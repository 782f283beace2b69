/**
 * Splitting PEM text (RFC 7468) into its blocks, in time linear in the text. Secret
 * content is user input of up to a megabyte, and a regex that looks for a BEGIN line
 * and then lazily for an END line rescans the rest of the text from every BEGIN: one
 * `tls.crt` of repeated `-----BEGIN A-----` lines took the engine a minute. Here every
 * search resumes where the previous one of the same needle stopped, so each character
 * is looked at a bounded number of times whatever the text holds.
 */

/** One PEM block: its label (`CERTIFICATE`, `RSA PRIVATE KEY`...) and its decoded bytes. */
export interface PemBlock {
  readonly type: string;
  readonly der: Buffer;
}

const BEGIN = "-----BEGIN ";
const END = "-----END ";
const DASHES = "-----";

/**
 * `indexOf` for one needle over one text, for callers whose starting points never move
 * back: the last answer is reused while it still lies ahead, so the scans of all calls
 * together cover the text once.
 */
class ForwardSearch {
  private found = -2; // -2: nothing searched yet; -1: no occurrence after `searchedFrom`
  private searchedFrom = 0;
  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  next(from: number): number {
    if (from >= this.searchedFrom) {
      if (this.found === -1) return -1;
      if (this.found >= from) return this.found;
    }
    this.searchedFrom = from;
    this.found = this.text.indexOf(this.needle, from);
    return this.found;
  }
}

// Standard base64 with its padding, as PEM requires; whitespace is removed first.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The body's bytes: after optional RFC 1421 headers (`Proc-Type: ...` lines and a blank line). */
function decodeBody(body: string): Buffer | undefined {
  let text = body;
  const firstLineEnd = text.indexOf("\n");
  const firstLine = firstLineEnd < 0 ? text : text.slice(0, firstLineEnd);
  if (firstLine.includes(":")) {
    const blank = text.search(/\n\r?\n/);
    if (blank < 0) return undefined;
    text = text.slice(blank);
  }
  const compact = text.replace(/\s+/g, "");
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact, "base64");
}

function lineEndAt(text: string, newlines: ForwardSearch, from: number): number {
  const nl = newlines.next(from);
  return nl < 0 ? text.length : nl;
}

/**
 * Every well-formed block of `text`, in order. Text between blocks is ignored; a BEGIN
 * line without its matching END line, or a body that is not base64, is not a block
 * (the scan goes on after its BEGIN line), as Go's `encoding/pem` reads it.
 */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const begins = new ForwardSearch(text, BEGIN);
  const ends = new ForwardSearch(text, END);
  const newlines = new ForwardSearch(text, "\n");
  let pos = 0;
  for (;;) {
    const begin = begins.next(pos);
    if (begin < 0) break;
    const typeStart = begin + BEGIN.length;
    const typeLineEnd = lineEndAt(text, newlines, typeStart);
    const typeLine = text.slice(typeStart, typeLineEnd).trimEnd();
    pos = typeLineEnd; // wherever this block ends, the next BEGIN lies after this line
    if (!typeLine.endsWith(DASHES) || typeLine.length === DASHES.length) continue;
    const type = typeLine.slice(0, -DASHES.length);
    const end = ends.next(typeLineEnd);
    if (end < 0) break; // no END line follows, so no later BEGIN can be closed either
    // A body holding another BEGIN line is not base64; skipping it here (rather than
    // decoding it) keeps nested BEGIN lines from each re-reading the same body.
    const inner = begins.next(typeLineEnd);
    if (inner >= 0 && inner < end) continue;
    const endLineEnd = lineEndAt(text, newlines, end);
    const endLine = text.slice(end + END.length, endLineEnd).trimEnd();
    if (endLine !== `${type}${DASHES}`) continue;
    const der = decodeBody(text.slice(typeLineEnd + 1, end));
    if (der === undefined) continue;
    blocks.push({ type, der });
    pos = endLineEnd;
  }
  return blocks;
}
