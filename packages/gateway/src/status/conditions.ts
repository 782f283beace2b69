/**
 * Kubernetes conditions as status writers merge them: a condition is replaced by
 * type, keeping its lastTransitionTime when its status did not change; conditions of
 * other types that were already there stay, in their place; new types are appended.
 */

import { items } from "../model/lists.js";

/** A metav1.Condition. */
export interface Condition {
  type: string;
  /** "True", "False" or "Unknown" (typed loosely: existing statuses are read as written). */
  status: string;
  reason: string;
  message: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/** Merges `desired` into `existing`; `now` stamps conditions whose status changed. */
export function mergeConditions(existing: readonly Condition[] | null | undefined, desired: readonly Condition[], now: string): Condition[] {
  const byType = new Map(desired.map((c) => [c.type, c]));
  const out: Condition[] = [];
  const placed = new Set<string>();
  for (const old of items(existing)) {
    const next = byType.get(old.type);
    if (next === undefined) {
      out.push(old);
      continue;
    }
    placed.add(old.type);
    out.push({ ...next, lastTransitionTime: old.status === next.status && old.lastTransitionTime !== undefined ? old.lastTransitionTime : (next.lastTransitionTime ?? now) });
  }
  for (const c of desired) if (!placed.has(c.type)) out.push({ ...c, lastTransitionTime: c.lastTransitionTime ?? now });
  return out;
}
