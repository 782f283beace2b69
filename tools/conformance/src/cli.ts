/**
 * `pnpm conformance <folder> [--case NAME]... [--diff] [--expect FILE]`: one line per
 * case (`PASS name` or `FAIL name: <first difference>`), then `N passed, M failed`.
 * Exits non-zero when a case fails, or with --expect only when a listed case fails.
 */
import { existsSync } from "node:fs";
import { judge, readExpectFile } from "./expect.js";
import { listCases, runCase, type CaseTranslator } from "./run.js";

export interface CliOptions {
  folder: string;
  cases: string[];
  diff: boolean;
  expect?: string;
}

export function parseArgs(argv: readonly string[]): CliOptions | string {
  const opts: CliOptions = { folder: "", cases: [], diff: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--diff") opts.diff = true;
    else if (a === "--case" || a === "--expect") {
      const value = argv[++i];
      if (value === undefined) return `${a} needs a value`;
      if (a === "--case") opts.cases.push(value);
      else opts.expect = value;
    } else if (a.startsWith("--")) return `unknown option ${a}`;
    else if (opts.folder === "") opts.folder = a;
    else return `unexpected argument ${a}`;
  }
  return opts.folder === "" ? "usage: conformance <folder> [--case NAME]... [--diff] [--expect FILE]" : opts;
}

/** Runs the corpus and prints the report; returns the process exit code. */
export function main(argv: readonly string[], translate: CaseTranslator, print: (line: string) => void = console.log): number {
  const opts = parseArgs(argv);
  if (typeof opts === "string") {
    print(opts);
    return 2;
  }
  if (!existsSync(opts.folder)) {
    print(`no corpus folder at ${opts.folder}`);
    return 2;
  }
  const all = listCases(opts.folder);
  const unknown = opts.cases.filter((c) => !all.includes(c));
  if (unknown.length > 0) {
    print(`no such case: ${unknown.join(", ")}`);
    return 2;
  }
  const names = opts.cases.length > 0 ? opts.cases : all;
  const results = names.map((name) => runCase(opts.folder, name, translate, opts.diff));
  for (const r of results) {
    print(r.passed ? `PASS ${r.name}` : `FAIL ${r.name}: ${r.difference}`);
    if (r.diff !== undefined) print(r.diff);
  }
  const expected = opts.expect === undefined ? undefined : readExpectFile(opts.expect);
  const verdict = judge(results, expected, new Set(names));
  for (const note of verdict.notes) print(note);
  const passed = results.filter((r) => r.passed).length;
  print(`${passed} passed, ${results.length - passed} failed`);
  return verdict.failed ? 1 : 0;
}
