/**
 * Helpers shared by this package's tests: waiting for a condition without fixed sleeps
 * (the machine may be loaded), and small object builders.
 */
import type { StoredObject } from "./testing/fake-api-server.js";

/**
 * Resolves once `check` passes (returns without throwing and not false); rejects with
 * the last failure after `timeoutMs`. Polls, so it never depends on a lucky schedule.
 */
export async function eventually(check: () => unknown, timeoutMs = 15_000, intervalMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false) return;
      last = new Error("condition is false");
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw last instanceof Error ? last : new Error(String(last));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits `ms` of real time (only to show that something does NOT happen meanwhile). */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function service(namespace: string, name: string, labels?: Record<string, string>): StoredObject {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace, ...(labels === undefined ? {} : { labels }) }, spec: { ports: [{ port: 80 }] } };
}

/** Fast retries, so tests of failure paths finish quickly. */
export const FAST = { backoff: { initialMs: 5, maxMs: 50, jitter: 0 }, watchTimeoutSeconds: 30, notServedRetryMs: 50 } as const;
