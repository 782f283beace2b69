/**
 * Line numbers of offsets in a large text without an index of every line: documents are
 * met in order, so their start lines come from one cursor moving forward through the
 * text, and the lines of fields inside one document come from an index of that document's
 * lines alone, built only when one of its errors needs it. Memory stays bounded by one
 * document, and time by the text's length.
 */

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** 1-based lines of offsets that never move back (document starts). */
export class ForwardLines {
  private offset = 0;
  private line = 1;
  constructor(private readonly text: string) {}

  /** The line of `offset`; offsets must not decrease from one call to the next. */
  lineOf(offset: number): number {
    if (offset < this.offset) return this.line - countNewlines(this.text, offset, this.offset);
    this.line += countNewlines(this.text, this.offset, offset);
    this.offset = offset;
    return this.line;
  }
}

/** 1-based lines of any offsets inside one region (a document), from a lazily built index. */
export class RegionLines {
  private starts: number[] | undefined;
  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
    private readonly startLine: number,
  ) {}

  lineOf(offset: number): number {
    if (this.starts === undefined) {
      const starts = [this.start];
      for (let i = this.text.indexOf("\n", this.start); i >= 0 && i < this.end; i = this.text.indexOf("\n", i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.startLine + lo;
  }
}
