import { describe, expect, it } from "vitest";
import { parseDuration } from "./durations.js";

describe("Gateway API durations", () => {
  it("parse unit by unit from the start, and anything else is no duration", () => {
    expect(parseDuration("1h2m3s4ms")).toBe(3_723_004);
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("")).toBeUndefined();
    expect(parseDuration("x1s")).toBeUndefined();
    expect(parseDuration("1s ")).toBeUndefined();
    expect(parseDuration("1s2")).toBeUndefined();
  });

  // A global regex retried from every position after a mismatch, rescanning the digits
  // each time: 200 000 digits took minutes. The timeout only catches that hang.
  it("a duration is read in time linear in its length, however many digits it has", () => {
    expect(parseDuration("1".repeat(200_000))).toBeUndefined();
    expect(parseDuration(`${"1s".repeat(50_000)}${"9".repeat(100_000)}`)).toBeUndefined();
  }, 10_000);
});
