/**
 * Gateway API durations (`1h2m3s4ms`, GEP-2257) to protobuf JSON durations
 * (`3723.004s`), as Istio writes timeouts and backoffs.
 */

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Milliseconds in a Gateway API duration, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  // Sticky: each match is tried only where the previous one ended. A global regex would
  // retry from every later position after a mismatch, and on a long run of digits with
  // no unit each retry rescans the run, which is quadratic in the input.
  const re = /(\d+)(ms|h|m|s)/y;
  let total = 0;
  while (re.lastIndex < text.length) {
    const m = re.exec(text);
    if (m === null) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
  }
  return text.length > 0 ? total : undefined;
}

/** The protobuf JSON form of a duration in milliseconds. */
export function protoDuration(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(3).replace(/0+$/, "")}s`;
}
