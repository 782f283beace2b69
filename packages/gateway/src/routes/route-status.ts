/**
 * The parent statuses of a route: per resolved parentRef, Accepted (bound, or why
 * not) and ResolvedRefs (whether every backend resolved), merged into the route's
 * existing status (see status/route-parents.ts).
 */
import type { Condition } from "../status/conditions.js";
import { mergeRouteParents, type RouteParentStatus } from "../status/route-parents.js";
import type { ParentResolution } from "./parents.js";

/** Whether the route's backends all resolved, or the first reason they did not. */
export type RefsOutcome = { ok: true } | { ok: false; reason: string; message: string };

export function parentConditions(parent: ParentResolution, refs: RefsOutcome): Condition[] {
  const bound = parent.bound.length;
  const accepted: Condition =
    parent.failure !== undefined
      ? { type: "Accepted", status: "False", reason: parent.failure.reason, message: parent.failure.message }
      : { type: "Accepted", status: "True", reason: "Accepted", message: bound > 1 ? `Route was valid, bound to ${bound} parents` : "Route was valid" };
  const resolved: Condition = refs.ok
    ? { type: "ResolvedRefs", status: "True", reason: "ResolvedRefs", message: "All references resolved" }
    : { type: "ResolvedRefs", status: "False", reason: refs.reason, message: refs.message };
  return [accepted, resolved];
}

/** Orders parents as Istio lists them: by the name of the first Istio Gateway they map to. */
export function parentOrder(parent: ParentResolution, istioName: (gateway: string, listener: string) => string): string {
  const names = parent.bound.map((b) => `${parent.gateway.namespace}/${istioName(parent.gateway.name, b.listener.name)}`).sort();
  return names[0] ?? `${parent.gateway.namespace}/${istioName(parent.gateway.name, "")}`;
}

export function routeParentStatuses(
  existing: readonly RouteParentStatus[] | undefined,
  parents: readonly { parent: ParentResolution; order: string }[],
  refs: RefsOutcome,
  controllerName: string,
  routeNamespace: string,
  now: string,
): RouteParentStatus[] {
  const ours = [...parents]
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
    .map(({ parent }): RouteParentStatus => ({ parentRef: parent.ref, controllerName, conditions: parentConditions(parent, refs) }));
  return mergeRouteParents(existing, ours, controllerName, routeNamespace, now);
}
