import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseDuration, parseDurationNanos } from "./duration.js";

describe("durations", () => {
  test("Istio and Gateway API forms parse", () => {
    expect(parseDurationNanos("10s")).toBe(10_000_000_000n);
    expect(parseDurationNanos("1.5s")).toBe(1_500_000_000n);
    expect(parseDurationNanos("1m30s")).toBe(90_000_000_000n);
    expect(parseDurationNanos("250ms")).toBe(250_000_000n);
    expect(parseDurationNanos("1h")).toBe(3_600_000_000_000n);
    expect(parseDurationNanos("0")).toBe(0n);
  });

  test("malformed durations are undefined, never a throw", () => {
    for (const bad of ["", "10", "s", "1x", "-1s", "1s junk", "1.s"]) expect(parseDurationNanos(bad)).toBeUndefined();
    expect(parseDuration(undefined)).toBeUndefined();
  });

  test("seconds and nanos split a duration exactly", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (ns) => {
        const d = parseDuration(`${ns}ns`);
        return d !== undefined && d.seconds * 1_000_000_000n + BigInt(d.nanos) === ns && d.nanos < 1_000_000_000;
      }),
    );
  });
});
