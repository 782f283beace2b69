/**
 * Kubernetes conditions as status writers merge them: a condition is replaced by
 * type, keeping its lastTransitionTime when its status did not change; conditions of
 * other types that were already there stay, in their place; new types are appended.
 * Every condition written carries the generation of the object it describes as its
 * observedGeneration (a generation of 0 or none, as in objects that never went
 * through an API server, writes none: the API omits a zero observedGeneration).
 */

import type { Condition } from "../meta.js";

/** The declared fields of a loose-object type, without its index signature (which Omit would keep alone). */
export type Declared<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

/**
 * A metav1.Condition as `ConditionSchema` infers it, but with lastTransitionTime
 * optional: the translators leave it to {@link mergeConditions} to stamp, and existing
 * statuses are read as written.
 */
export type StatusCondition = Omit<Declared<Condition>, "lastTransitionTime"> & { lastTransitionTime?: string };

/** The conditions with `generation` as their observedGeneration (unchanged without a positive one). */
export function withObservedGeneration(conditions: readonly StatusCondition[], generation: number | undefined): StatusCondition[] {
  if (generation === undefined || !Number.isInteger(generation) || generation <= 0) return [...conditions];
  return conditions.map((c) => ({ ...c, observedGeneration: generation }));
}

/**
 * Merges `desired` into `existing`; `now` stamps conditions whose status changed, and
 * `generation` (the object's metadata.generation) is written as observedGeneration.
 */
export function mergeConditions(existing: readonly StatusCondition[] | null | undefined, desired: readonly StatusCondition[], now: string, generation?: number): StatusCondition[] {
  const byType = new Map(withObservedGeneration(desired, generation).map((c) => [c.type, c]));
  const out: StatusCondition[] = [];
  const placed = new Set<string>();
  for (const old of Array.isArray(existing) ? existing : []) {
    const next = byType.get(old.type);
    if (next === undefined) {
      out.push(old);
      continue;
    }
    placed.add(old.type);
    out.push({ ...next, lastTransitionTime: old.status === next.status && old.lastTransitionTime !== undefined ? old.lastTransitionTime : (next.lastTransitionTime ?? now) });
  }
  for (const c of byType.values()) if (!placed.has(c.type)) out.push({ ...c, lastTransitionTime: c.lastTransitionTime ?? now });
  return out;
}

/**
 * A condition of type `T` whose reason is one of `R`: the shape every per-condition
 * reason union (route-reasons.ts, gateway-reasons.ts, policy-reasons.ts,
 * inference-reasons.ts) is written in.
 */
export type TypedCondition<T extends string, R extends string> = Omit<StatusCondition, "type" | "reason"> & { type: T; reason: R };
