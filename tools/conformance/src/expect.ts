/**
 * The ratchet: a file in the project listing the cases known to pass. With it, only a
 * listed case that fails fails the run, and a passing case missing from the list is
 * pointed out so it can be added; the list only grows.
 */
import { readFileSync } from "node:fs";
import type { CaseResult } from "./run.js";

/** Case names from an expect file: one per line; blank lines and # comments ignored. */
export function readExpectFile(path: string): Set<string> {
  return new Set(
    readFileSync(path, "utf8")
      .split("\n")
      .map((l) => l.replace(/#.*/, "").trim())
      .filter((l) => l !== ""),
  );
}

export interface Verdict {
  failed: boolean;
  notes: string[];
}

/** Whether the run fails, and what to point out, given the results and the optional list. */
export function judge(results: readonly CaseResult[], expected: Set<string> | undefined, ran: ReadonlySet<string>): Verdict {
  const failures = results.filter((r) => !r.passed);
  if (expected === undefined) return { failed: failures.length > 0, notes: [] };
  const notes: string[] = [];
  const regressions = failures.filter((r) => expected.has(r.name));
  for (const r of regressions) notes.push(`REGRESSION ${r.name} is listed as passing but failed`);
  for (const r of results) if (r.passed && !expected.has(r.name)) notes.push(`NEW PASS ${r.name}: add it to the expect file`);
  for (const name of expected) if (!ran.has(name)) notes.push(`MISSING ${name} is listed but not in this corpus`);
  return { failed: regressions.length > 0, notes };
}
