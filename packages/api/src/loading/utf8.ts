/**
 * Bytes to text for the loader. Invalid UTF-8 is not silently replaced: the lines that
 * hold it are found, so the documents on them are reported (with their line) while the
 * others still load.
 */

/** How many lines with invalid UTF-8 are listed; past them, a U+FFFD in the text is taken as one. */
const MAX_LOCATED = 10_000;

/**
 * Text decoded from UTF-8 bytes: invalid sequences read as U+FFFD, `invalidLines` lists
 * the 1-based lines holding them (in order), and from line `scannedBefore` on (when the
 * list is full) any U+FFFD counts as invalid input.
 */
export interface DecodedText {
  readonly text: string;
  readonly invalidLines: readonly number[];
  readonly scannedBefore: number;
}

/** Decodes `bytes`, locating invalid UTF-8 by line. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), invalidLines: [], scannedBefore: Number.POSITIVE_INFINITY };
  } catch {
    // Invalid somewhere: find where below.
  }
  const invalidLines: number[] = [];
  let line = 1;
  let i = 0;
  // A byte-order mark is not content (TextDecoder drops it too).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  for (; i < bytes.length; ) {
    if (invalidLines.length === MAX_LOCATED) return { text: new TextDecoder("utf-8").decode(bytes), invalidLines, scannedBefore: line };
    const b = bytes[i]!;
    if (b < 0x80) {
      if (b === 0x0a) line++;
      i++;
      continue;
    }
    const length = validSequenceLength(bytes, i);
    if (length === 0) {
      if (invalidLines[invalidLines.length - 1] !== line) invalidLines.push(line);
      i++;
    } else i += length;
  }
  return { text: new TextDecoder("utf-8").decode(bytes), invalidLines, scannedBefore: Number.POSITIVE_INFINITY };
}

const continuation = (b: number | undefined) => b !== undefined && (b & 0xc0) === 0x80;

/** The length of the well-formed multi-byte sequence at `i` (RFC 3629), or 0. */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const b1 = bytes[i + 1];
  if (b >= 0xc2 && b <= 0xdf) return continuation(b1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    if (!continuation(b1) || !continuation(bytes[i + 2])) return 0;
    if (b === 0xe0 && b1! < 0xa0) return 0; // overlong
    if (b === 0xed && b1! > 0x9f) return 0; // surrogate
    return 3;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    if (!continuation(b1) || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) return 0;
    if (b === 0xf0 && b1! < 0x90) return 0; // overlong
    if (b === 0xf4 && b1! > 0x8f) return 0; // beyond U+10FFFF
    return 4;
  }
  return 0;
}
