/**
 * `waitUntilSynced`: promises settled when a collection's inputs have all synced.
 * Sync only ever goes from false to true, so waiters are re-checked after each flush
 * and each `markSynced` and then forgotten.
 */
import { onAfterFlush } from "./scheduler.js";

interface Waiter {
  node: { hasSynced(): boolean };
  resolve: () => void;
  reject: (reason: unknown) => void;
  cleanup: () => void;
}

const waiters = new Set<Waiter>();

/** Resolves every waiter whose collection has synced by now. */
export function checkSyncWaiters(): void {
  if (waiters.size === 0) return;
  for (const w of waiters) {
    if (!w.node.hasSynced()) continue;
    waiters.delete(w);
    w.cleanup();
    w.resolve();
  }
}

onAfterFlush(checkSyncWaiters);

/** A promise that resolves once `node` has synced, or rejects when `signal` aborts. */
export function waitForSync(node: { hasSynced(): boolean }, signal?: AbortSignal): Promise<void> {
  if (node.hasSynced()) return Promise.resolve();
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      waiters.delete(waiter);
      reject(signal!.reason);
    };
    const waiter: Waiter = { node, resolve, reject, cleanup: () => signal?.removeEventListener("abort", onAbort) };
    signal?.addEventListener("abort", onAbort, { once: true });
    waiters.add(waiter);
  });
}
