/**
 * Assert mode: the engine checks its own invariants while it runs, and throws a
 * KrtError naming the collection when one does not hold. Off by default (the checks
 * cost time); on when the environment variable KRT_ASSERT is set to 1 when the
 * engine loads, or through `setAssertions` (tests; the property test runs with it).
 *
 * What is checked, and where:
 * - height order: a collection recomputes only above every collection it reads
 *   (scheduler.ts, at each recompute);
 * - the deferred re-run: a run whose fetch raised its collection's height commits
 *   nothing, and the key runs again (transform-node.ts);
 * - which input owns a shared output key: the visible output is the smallest input
 *   key's (transform-node.ts, after each claim or release);
 * - dependency records reused by position: a record is confirmed at the position it
 *   was filed at, once per run (context.ts);
 * - each record filed under one narrowing filter (dependencies.ts);
 * - fetch memoisation: a cached result equals a fresh evaluation (context.ts).
 */
import { KrtError } from "./errors.js";

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
let enabled = env?.KRT_ASSERT === "1";

/** Whether assert mode is on. */
export function assertionsOn(): boolean {
  return enabled;
}

/** Turns assert mode on or off; returns the previous setting so a test can restore it. */
export function setAssertions(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}

/** An invariant that does not hold; thrown only in assert mode. */
export function broken(collection: string, what: string): never {
  throw new KrtError(collection, `assert: ${what}`);
}

/** Dependency records currently filed in a dependents index (assert mode only). */
const filedRecords = new WeakSet<object>();

/** A record is filed once, under the place its narrowing filter names. */
export function assertFiling(collection: string, rec: object, filing: boolean): void {
  if (filing === filedRecords.has(rec)) {
    broken(collection, filing ? "a dependency record was filed twice" : "a dependency record was removed without being filed");
  }
  if (filing) filedRecords.add(rec);
  else filedRecords.delete(rec);
}
