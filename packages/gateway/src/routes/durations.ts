/**
 * Gateway API durations (`1h2m3s4ms`, GEP-2257) to protobuf JSON durations
 * (`3723.004s`), as Istio writes timeouts and backoffs.
 */

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Milliseconds in a Gateway API duration, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const re = /(\d+)(ms|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    if (m.index !== consumed) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    consumed += m[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : undefined;
}

/** The protobuf JSON form of a duration in milliseconds. */
export function protoDuration(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(3).replace(/0+$/, "")}s`;
}
