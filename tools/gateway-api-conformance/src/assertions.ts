/**
 * The transcribed assertions (../assertions.yaml): per test of the suite, its Go file,
 * features, manifests, whether it also checks traffic (out of this runner's reach),
 * and its steps, each with the mutations made before it and the status checks after.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { Check } from "./checks.js";

/** One change made mid-test, as the Go test makes it through the API server. Exactly one key is set. */
export interface Mutation {
  /** An RFC 7386 merge patch. */
  patch?: { kind: string; name: string; merge: Record<string, unknown> };
  /** An item appended to the list at a dotted path (`spec.listeners`). */
  append?: { kind: string; name: string; path: string; value: unknown };
  /** The items of the list at a dotted path whose fields equal `where`'s, removed. */
  remove?: { kind: string; name: string; path: string; where: Record<string, unknown> };
  delete?: { kind: string; name: string };
  /** An object created, as the test writes it. */
  create?: Record<string, unknown> & { kind: string; metadata: { name: string; namespace?: string } };
  /** `to` created (or replaced) with the content of `from`, as a test copies a ConfigMap. */
  copy?: { kind: string; from: string; to: string };
}

export interface Step {
  name?: string;
  mutate?: Mutation[];
  checks: Check[];
}

export interface TestCase {
  name: string;
  /** The Go file the assertions were read from (conformance/tests/...). */
  go: string;
  features: string[];
  manifests: string[];
  /** The test also sends requests; those parts are data-plane checks this runner cannot make. */
  traffic?: boolean;
  /** Nothing to check from statuses: the test is data-plane only. */
  dataPlaneOnly?: boolean;
  /** The Go test does nothing when the implementation claims this feature. */
  unlessSupported?: string;
  steps: Step[];
}

function fail(where: string, what: string): never {
  throw new Error(`assertions: ${where}: ${what}`);
}

/** Reads and shape-checks the assertions file. */
export function readAssertions(path: string): TestCase[] {
  const doc = parse(readFileSync(path, "utf8")) as { tests?: unknown };
  if (!Array.isArray(doc?.tests)) fail(path, "no tests list");
  const names = new Set<string>();
  return doc.tests.map((raw: unknown, i: number) => {
    const t = raw as Partial<TestCase> & { checks?: Check[] };
    const where = `tests[${i}] ${t?.name ?? ""}`;
    if (typeof t?.name !== "string" || typeof t.go !== "string") fail(where, "name and go are required");
    if (names.has(t.name)) fail(where, "duplicate name");
    names.add(t.name);
    if (!Array.isArray(t.features) || !Array.isArray(t.manifests)) fail(where, "features and manifests are lists");
    // A single-step test may list its checks directly.
    const steps = t.steps ?? (t.checks === undefined ? [] : [{ checks: t.checks }]);
    if (steps.length === 0 && t.dataPlaneOnly !== true) fail(where, "no checks and not marked dataPlaneOnly");
    for (const s of steps) for (const c of s.checks) if (Object.keys(c).length !== 1) fail(where, `a check has exactly one key (got ${Object.keys(c).join(", ")})`);
    return { name: t.name, go: t.go, features: t.features, manifests: t.manifests, ...(t.traffic === undefined ? {} : { traffic: t.traffic }), ...(t.dataPlaneOnly === undefined ? {} : { dataPlaneOnly: t.dataPlaneOnly }), ...(t.unlessSupported === undefined ? {} : { unlessSupported: t.unlessSupported }), steps };
  });
}
