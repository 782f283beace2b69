/**
 * Merging the parent statuses this controller computes for a route into the ones the
 * route already carries (Istio 1.26.3 / 1.28.1 behaviour):
 *  - entries written by other controllers are kept untouched, in place;
 *  - an entry of ours that still corresponds to a parent we handle is updated in
 *    place (its conditions merged by type, see conditions.ts);
 *  - an entry of ours for a parent we no longer handle is pruned;
 *  - our entries for new parents are appended in the order we computed them.
 * Two parentRefs are the same parent when their identities are equal: defaults
 * applied to absent fields only (see parent-identity.ts). Our entries keep the
 * parentRef as the route's spec wrote it.
 */
import type { RouteParentStatus } from "../gateway-api/shared.js";
import { mergeConditions, type Declared, type StatusCondition } from "./conditions.js";
import { parentIdentity } from "./parent-identity.js";

/**
 * One entry of a route's status.parents, as `RouteParentStatusSchema` infers
 * it, with conditions whose lastTransitionTime the merge stamps (ours always carry
 * conditions; others may not).
 */
export type StatusRouteParent = Omit<Declared<RouteParentStatus>, "conditions"> & { conditions?: StatusCondition[] | undefined };


/** Who is writing a route's parent statuses, and when: what merging them needs beyond the entries. */
export interface RouteParentsWrite {
  /** Our controller name: entries of others are kept untouched. */
  controllerName: string;
  /** The route's namespace, which a parentRef without one refers to. */
  routeNamespace: string;
  /** The time stamped on conditions whose status changed. */
  now: string;
  /** The route's metadata.generation, written as observedGeneration. */
  generation?: number | undefined;
}

/** The merged status.parents of a route. */
export function mergeRouteParents(existing: readonly StatusRouteParent[] | undefined, ours: readonly StatusRouteParent[], write: RouteParentsWrite): StatusRouteParent[] {
  const { controllerName, routeNamespace, now, generation } = write;
  const pending = new Map(ours.map((p) => [parentIdentity(p.parentRef, routeNamespace), p]));
  const out: StatusRouteParent[] = [];
  for (const entry of Array.isArray(existing) ? existing : []) {
    if (entry.controllerName !== controllerName) {
      out.push(entry);
      continue;
    }
    const id = parentIdentity(entry.parentRef, routeNamespace);
    const next = pending.get(id);
    if (next === undefined) continue; // ours, but no longer handled: prune
    pending.delete(id);
    out.push({ ...next, conditions: mergeConditions(entry.conditions, next.conditions ?? [], now, generation) });
  }
  for (const next of pending.values()) out.push({ ...next, conditions: mergeConditions(undefined, next.conditions ?? [], now, generation) });
  return out;
}
