/**
 * Process-isolated, interleaved rounds. Each implementation (or, for a benchmark with
 * one subject, each round) runs in its own child process, so no implementation pays
 * for another's garbage, heap shape or JIT state; within a round the order rotates,
 * so none always runs right after the same neighbour. The parent collects one record
 * of named figures per child and reports medians with the spread (min-max over the
 * rounds; with a handful of rounds an IQR would be no more informative).
 *
 * Ratios are taken per round (numerator and denominator measured minutes apart, under
 * the same machine load) and then summarised, which is what makes them the figures to
 * trust on a shared, noisy machine.
 *
 * When there are several subjects, every child of a round runs on the same CPU, rounds
 * taking the CPUs in turn (see cpu-pinning.ts: on this project's VMs one core ran at half
 * the speed of the other); a benchmark of one subject runs unpinned.
 *
 * The round count is `--rounds N`, else the WEFT_BENCH_ROUNDS environment variable,
 * else the benchmark's default.
 */
import { spawnSync } from "node:child_process";
import { choosePinning } from "./cpu-pinning.js";
import { fmt, median } from "./stats.js";

/** Named figures measured by one child process. */
export type Figures = Record<string, number>;

const CHILD_FLAG = "--isolated-child";
const RESULT_PREFIX = "@figures ";

/** The round count: `--rounds N`, else WEFT_BENCH_ROUNDS, else `fallback`. */
export function roundsArg(args: readonly string[], fallback = 3): number {
  const i = args.indexOf("--rounds");
  const raw = i >= 0 ? args[i + 1] : process.env.WEFT_BENCH_ROUNDS;
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error("--rounds / WEFT_BENCH_ROUNDS needs a positive integer");
  return n;
}

/** In a child, the implementation it must measure; undefined in the parent. */
export function childSubject(args: readonly string[]): string | undefined {
  const i = args.indexOf(CHILD_FLAG);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Hands a child's figures to the parent (on stdout, one line). */
export function reportFigures(figures: Figures): void {
  console.log(RESULT_PREFIX + JSON.stringify(figures));
}

/**
 * Runs every subject in its own child process (this same bundle, same node flags),
 * `rounds` times, rotating the order each round. A child's other output is shown for
 * the first round only (detail such as per-type tables), prefixed with its subject.
 * Returns, per subject, one Figures per round, in round order.
 */
export function runIsolated(args: readonly string[], subjects: readonly string[], rounds: number): Map<string, Figures[]> {
  const script = process.argv[1];
  if (script === undefined) throw new Error("cannot find this script to re-run it in a child process");
  const out = new Map<string, Figures[]>(subjects.map((s) => [s, []]));
  const pinning = choosePinning(process.env, subjects.length > 1);
  console.log(pinning.description);
  for (let r = 0; r < rounds; r++) {
    const order = subjects.map((_, i) => subjects[(i + r) % subjects.length]!);
    for (const subject of order) {
      const [command, ...prefixArgs] = [...pinning.prefix(r), process.execPath];
      const child = spawnSync(command!, [...prefixArgs, ...process.execArgv, script, ...args, CHILD_FLAG, subject], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 64 * 1024 * 1024,
      });
      if (child.status !== 0) throw new Error(`${subject} (round ${r + 1}) exited with ${child.status ?? child.signal}`);
      let figures: Figures | undefined;
      for (const line of child.stdout.split("\n")) {
        if (line.startsWith(RESULT_PREFIX)) figures = JSON.parse(line.slice(RESULT_PREFIX.length)) as Figures;
        else if (r === 0 && line !== "") console.log(subjects.length > 1 ? `[${subject}] ${line}` : line);
      }
      if (figures === undefined) throw new Error(`${subject} (round ${r + 1}) reported no figures`);
      out.get(subject)!.push(figures);
      process.stderr.write(`  round ${r + 1}/${rounds}: ${subject} done\n`);
    }
  }
  return out;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** `median [min-max]`. */
export function fmtSpread(values: readonly number[], digits = 3): string {
  const s = spread(values);
  return values.length === 1 ? fmt(s.median, digits) : `${fmt(s.median, digits)} [${fmt(s.min, digits)}-${fmt(s.max, digits)}]`;
}

/** One figure across the rounds of one subject. */
export function column(rounds: readonly Figures[], key: string): number[] {
  return rounds.map((f) => {
    const v = f[key];
    if (v === undefined) throw new Error(`no figure ${key}`);
    return v;
  });
}

/** Per-round ratios of one figure between two subjects (same round, same machine load). */
export function perRoundRatios(numerator: readonly Figures[], denominator: readonly Figures[], key: string): number[] {
  const a = column(numerator, key);
  const b = column(denominator, key);
  return a.map((v, i) => v / b[i]!);
}
