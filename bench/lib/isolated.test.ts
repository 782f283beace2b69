import { afterEach, describe, expect, it } from "vitest";
import { childSubject, fmtSpread, perRoundRatios, roundsArg, spread } from "./isolated.js";

describe("isolated rounds helpers", () => {
  const saved = process.env.WEFT_BENCH_ROUNDS;
  afterEach(() => {
    if (saved === undefined) delete process.env.WEFT_BENCH_ROUNDS;
    else process.env.WEFT_BENCH_ROUNDS = saved;
  });

  it("--rounds wins over WEFT_BENCH_ROUNDS, which wins over the default", () => {
    delete process.env.WEFT_BENCH_ROUNDS;
    expect(roundsArg([], 3)).toBe(3);
    process.env.WEFT_BENCH_ROUNDS = "5";
    expect(roundsArg([], 3)).toBe(5);
    expect(roundsArg(["--rounds", "2"], 3)).toBe(2);
    expect(() => roundsArg(["--rounds", "0"])).toThrow();
    expect(() => roundsArg(["--rounds", "1.5"])).toThrow();
  });

  it("a ratio is taken within each round, not between medians", () => {
    const a = [{ ms: 2 }, { ms: 9 }, { ms: 4 }];
    const b = [{ ms: 1 }, { ms: 9 }, { ms: 1 }];
    expect(perRoundRatios(a, b, "ms")).toEqual([2, 1, 4]);
    expect(spread([2, 1, 4])).toEqual({ median: 2, min: 1, max: 4 });
    expect(fmtSpread([2, 1, 4], 1)).toBe("2.0 [1.0-4.0]");
  });

  it("only a child names its subject", () => {
    expect(childSubject(["--rounds", "3"])).toBeUndefined();
    expect(childSubject(["--isolated-child", "krt"])).toBe("krt");
  });
});

describe("cpu pinning", () => {
  it("reads taskset's CPU lists, and refuses anything else", async () => {
    const { parseCpuList } = await import("./cpu-pinning.js");
    expect(parseCpuList("0-1")).toEqual([0, 1]);
    expect(parseCpuList("0,2-3, 5")).toEqual([0, 2, 3, 5]);
    expect(parseCpuList("3-1")).toBeUndefined();
    expect(parseCpuList("a")).toBeUndefined();
  });

  it("WEFT_BENCH_PIN=0 leaves children unpinned", async () => {
    const { choosePinning } = await import("./cpu-pinning.js");
    const p = choosePinning({ WEFT_BENCH_PIN: "0" });
    expect(p.prefix(0)).toEqual([]);
    expect(p.description).toContain("unpinned");
  });

  it("a run of one subject is unpinned unless WEFT_BENCH_PIN=1 asks", async () => {
    const { choosePinning } = await import("./cpu-pinning.js");
    const single = choosePinning({}, false);
    expect(single.prefix(0)).toEqual([]);
    expect(single.description).toContain("one subject");
    const forced = choosePinning({ WEFT_BENCH_PIN: "1" }, false);
    if (forced.prefix(0).length === 0) return expect(forced.description).toContain("no taskset");
    expect(forced.prefix(0).slice(0, 2)).toEqual(["taskset", "-c"]);
    expect(choosePinning({ WEFT_BENCH_PIN: "0" }, true).prefix(0)).toEqual([]);
  });

  it("rounds take the allowed CPUs in turn where taskset exists", async () => {
    const { choosePinning } = await import("./cpu-pinning.js");
    const p = choosePinning({});
    if (p.prefix(0).length === 0) return expect(p.description).toContain("unpinned");
    expect(p.prefix(0).slice(0, 2)).toEqual(["taskset", "-c"]);
    // As many distinct CPUs over four rounds as this process may use (up to four).
    const { availableParallelism } = await import("node:os");
    expect(new Set([0, 1, 2, 3].map((r) => p.prefix(r)[2])).size).toBe(Math.min(4, availableParallelism()));
  });
});
