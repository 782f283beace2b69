/**
 * The parent statuses of a route: per parentRef, whether it bound to any listener,
 * merged into the route's existing status (see status/route-parents.ts).
 */
import type { Condition } from "../status/conditions.js";
import { mergeRouteParents, type ParentReference, type RouteParentStatus } from "../status/route-parents.js";

/** What happened to one parentRef. */
export interface ParentOutcome {
  ref: ParentReference;
  /** How many listeners it bound to. */
  bound: number;
  /** Orders the parents in the status (Istio lists them by generated gateway name). */
  order: string;
}

export function parentConditions(outcome: ParentOutcome): Condition[] {
  const accepted = outcome.bound > 1 ? `Route was valid, bound to ${outcome.bound} parents` : "Route was valid";
  return [
    { type: "Accepted", status: "True", reason: "Accepted", message: accepted },
    { type: "ResolvedRefs", status: "True", reason: "ResolvedRefs", message: "All references resolved" },
  ];
}

export function routeParentStatuses(
  existing: readonly RouteParentStatus[] | undefined,
  outcomes: readonly ParentOutcome[],
  controllerName: string,
  routeNamespace: string,
  now: string,
): RouteParentStatus[] {
  const ours = [...outcomes]
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
    .map((o): RouteParentStatus => ({ parentRef: o.ref, controllerName, conditions: parentConditions(o) }));
  return mergeRouteParents(existing, ours, controllerName, routeNamespace, now);
}
