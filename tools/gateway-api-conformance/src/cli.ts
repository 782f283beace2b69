/**
 * `pnpm conformance:gateway-api [--suite DIR] [--test NAME]... [--channel standard|experimental]
 * [--report FILE] [--expect FILE]`: one line per test (`PASS name` or `FAIL name: <first
 * mismatch>`), totals per feature, then `N passed, M failed`. Exits non-zero when a test
 * fails, or with --expect only when a listed test fails (the ratchet).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readAssertions } from "./assertions.js";
import { channelDefaulter, setupObjects, type Channel } from "./cluster.js";
import { featureTotals, reportYaml } from "./report.js";
import { runTest, type TestResult } from "./run.js";

const HERE = dirname(fileURLToPath(import.meta.url));

/** The suite commit the assertions were transcribed from (../shared/conformance/gateway-api/README.md). */
const SUITE_COMMIT = "4564255ac2c35d582249b3cdf261bdf51c8bca32";

export interface CliOptions {
  suite: string;
  assertions: string;
  tests: string[];
  channel: Channel;
  report?: string;
  expect?: string;
  /** The features the implementation claims (one per line). */
  claimed: string;
}

const USAGE = "usage: conformance:gateway-api [DIR | --suite DIR] [--assertions FILE] [--test NAME]... [--channel standard|experimental] [--claimed FILE] [--report FILE] [--expect FILE]";

export function parseArgs(argv: readonly string[]): CliOptions | string {
  const opts: CliOptions = { suite: "../shared/conformance/gateway-api", assertions: join(HERE, "..", "assertions.yaml"), tests: [], channel: "experimental", claimed: join(HERE, "..", "claimed-features.txt") };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = argv[i + 1];
    // The suite folder may also be given alone, as `pnpm conformance <folder>` takes Istio's corpus.
    if (!a.startsWith("-")) {
      opts.suite = a;
      continue;
    }
    if (!["--suite", "--assertions", "--test", "--channel", "--report", "--expect", "--claimed"].includes(a)) return a === "--help" ? USAGE : `unknown argument ${a}\n${USAGE}`;
    if (value === undefined) return `${a} needs a value`;
    i += 1;
    if (a === "--suite") opts.suite = value;
    else if (a === "--assertions") opts.assertions = value;
    else if (a === "--test") opts.tests.push(value);
    else if (a === "--report") opts.report = value;
    else if (a === "--expect") opts.expect = value;
    else if (a === "--claimed") opts.claimed = value;
    else if (value === "standard" || value === "experimental") opts.channel = value;
    else return `--channel is standard or experimental (got ${value})`;
  }
  return opts;
}

/** Names from a list file: one per line; blank lines and # comments ignored. */
function readExpectFile(path: string): Set<string> {
  return new Set(readFileSync(path, "utf8").split("\n").map((l) => l.replace(/#.*/, "").trim()).filter((l) => l !== ""));
}

/** Runs the suite's status assertions and prints the report; returns the exit code. */
export function main(argv: readonly string[], print: (line: string) => void = console.log): number {
  const opts = parseArgs(argv);
  if (typeof opts === "string") {
    print(opts);
    return 2;
  }
  if (!existsSync(join(opts.suite, "conformance", "base", "manifests.yaml"))) {
    print(`no Gateway API conformance suite at ${opts.suite}`);
    return 2;
  }
  const all = readAssertions(opts.assertions);
  const unknown = opts.tests.filter((t) => !all.some((c) => c.name === t));
  if (unknown.length > 0) {
    print(`no such test: ${unknown.join(", ")}`);
    return 2;
  }
  const selected = opts.tests.length > 0 ? all.filter((t) => opts.tests.includes(t.name)) : all;
  const now = new Date("2026-01-01T00:00:00Z");
  const ctx = { suiteRoot: opts.suite, defaulter: channelDefaulter(opts.suite, opts.channel), setup: setupObjects(new Date()), now };
  const claimed = readExpectFile(opts.claimed);
  const results: TestResult[] = [];
  const dataPlaneOnly: string[] = [];
  const notApplicable: string[] = [];
  for (const test of selected) {
    if (test.unlessSupported !== undefined && claimed.has(test.unlessSupported)) {
      notApplicable.push(test.name);
      print(`N/A ${test.name}: only for implementations without ${test.unlessSupported} (claimed)`);
      continue;
    }
    if (test.dataPlaneOnly === true) {
      dataPlaneOnly.push(test.name);
      print(`DATA-PLANE ${test.name}: no status assertions (traffic only; not run)`);
      continue;
    }
    const r = runTest(test, ctx);
    results.push(r);
    print(r.passed ? `PASS ${r.name}` : `FAIL ${r.name}: ${r.failure}`);
  }
  print("--- per feature (passed/failed; a claimed feature counts only tests needing nothing unclaimed)");
  for (const t of featureTotals(results, claimed)) print(`${t.feature}: ${t.passed}/${t.failed}${t.claimed ? "" : " (not claimed)"}`);
  if (opts.report !== undefined) {
    const info = { channel: opts.channel, suiteCommit: SUITE_COMMIT, date: new Date().toISOString(), claimed, dataPlaneOnly, notApplicable };
    writeFileSync(opts.report, reportYaml(results, info));
    print(`report written to ${opts.report}`);
  }
  let failed = results.some((r) => !r.passed);
  if (opts.expect !== undefined) {
    const expected = readExpectFile(opts.expect);
    const regressions = results.filter((r) => !r.passed && expected.has(r.name));
    for (const r of regressions) print(`REGRESSION ${r.name} is listed as passing but failed`);
    for (const r of results) if (r.passed && !expected.has(r.name)) print(`NEW PASS ${r.name}: add it to the expect file`);
    for (const name of expected) if (!all.some((t) => t.name === name)) print(`MISSING ${name} is listed but not in the assertions`);
    failed = regressions.length > 0;
  }
  if (dataPlaneOnly.length > 0) print(`${dataPlaneOnly.length} data-plane-only tests not run`);
  if (notApplicable.length > 0) print(`${notApplicable.length} tests not applicable to the claimed features`);
  const passed = results.filter((r) => r.passed).length;
  print(`${passed} passed, ${results.length - passed} failed`);
  return failed ? 1 : 0;
}
