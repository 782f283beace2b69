/**
 * Durations as written in Istio and Gateway API resources ("10s", "0.5s", "1m30s",
 * "250ms") to protobuf Durations. A malformed duration is undefined, never a throw: the
 * caller leaves the field unset, as if it had not been written.
 */
import { create } from "@bufbuild/protobuf";
import { DurationSchema, type Duration } from "@bufbuild/protobuf/wkt";

const UNIT_NANOS = new Map<string, bigint>([
  ["h", 3_600_000_000_000n],
  ["m", 60_000_000_000n],
  ["s", 1_000_000_000n],
  ["ms", 1_000_000n],
  ["us", 1_000n],
  ["µs", 1_000n],
  ["ns", 1n],
]);

/** Nanoseconds of a duration string, or undefined when it does not parse. */
export function parseDurationNanos(text: string): bigint | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (trimmed === "0") return 0n;
  const part = /(\d+(?:\.\d+)?|\.\d+)(h|ms|m|s|us|µs|ns)/y;
  let total = 0n;
  let at = 0;
  while (at < trimmed.length) {
    part.lastIndex = at;
    const m = part.exec(trimmed);
    if (m === null) return undefined;
    const [whole = "0", fraction = ""] = (m[1] ?? "").split(".");
    const unit = UNIT_NANOS.get(m[2] ?? "") ?? 0n;
    total += BigInt(whole === "" ? "0" : whole) * unit;
    if (fraction !== "") total += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    at = part.lastIndex;
  }
  return total;
}

export function durationFromNanos(nanos: bigint): Duration {
  return create(DurationSchema, { seconds: nanos / 1_000_000_000n, nanos: Number(nanos % 1_000_000_000n) });
}

/** The protobuf Duration of `text`, or undefined when it is absent or malformed. */
export function parseDuration(text: string | undefined): Duration | undefined {
  if (text === undefined) return undefined;
  const nanos = parseDurationNanos(text);
  return nanos === undefined ? undefined : durationFromNanos(nanos);
}
