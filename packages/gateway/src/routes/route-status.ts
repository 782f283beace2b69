/**
 * The parent statuses of a route: per resolved parentRef, Accepted (bound, or why
 * not) and ResolvedRefs (whether every backend resolved), merged into the route's
 * existing status (see status/route-parents.ts).
 */
import {
  mergeRouteParents,
  type RouteParentCondition,
  type RouteParentsWrite,
  type RouteUnresolvedRefsReason,
  type StatusCondition,
  type StatusRouteParent,
} from "@weft/api";
import type { ParentResolution } from "./parents.js";

/** Whether the route's backends all resolved, or the first reason they did not. */
export type RefsOutcome = { ok: true } | { ok: false; reason: RouteUnresolvedRefsReason; message: string };

/**
 * @param invalid a rule the route could not program (see rule-checks.ts): the route is
 *   not fully accepted, though its other rules are served.
 */
export function parentConditions(parent: ParentResolution, refs: RefsOutcome, invalid?: { message: string }): StatusCondition[] {
  const bound = parent.bound.length + (parent.mesh === undefined ? 0 : 1);
  const accepted: RouteParentCondition =
    parent.failure !== undefined
      ? { type: "Accepted", status: "False", reason: parent.failure.reason, message: parent.failure.message }
      : invalid !== undefined
        ? { type: "Accepted", status: "False", reason: "UnsupportedValue", message: invalid.message }
        : { type: "Accepted", status: "True", reason: "Accepted", message: bound > 1 ? `Route was valid, bound to ${bound} parents` : "Route was valid" };
  const resolved: RouteParentCondition = refs.ok
    ? { type: "ResolvedRefs", status: "True", reason: "ResolvedRefs", message: "All references resolved" }
    : { type: "ResolvedRefs", status: "False", reason: refs.reason, message: refs.message };
  return [accepted, resolved];
}


/** One resolved parent, with its own backend outcome and rule problem when they differ from the route's. */
export interface ParentOutcome {
  parent: ParentResolution;
  /** What Istio orders new parent statuses by: the parent's identity (see parentIdentity). */
  order: string;
  refs?: RefsOutcome;
  invalid?: { message: string };
}

/**
 * The route's status.parents: one entry per resolved parent (Accepted and
 * ResolvedRefs, `refs` unless the parent has its own), merged into `existing`.
 */
export function routeParentStatuses(existing: readonly StatusRouteParent[] | undefined, parents: readonly ParentOutcome[], refs: RefsOutcome, write: RouteParentsWrite): StatusRouteParent[] {
  // Istio lists new parents by their reference string, descending.
  const ours = [...parents]
    .sort((a, b) => (a.order < b.order ? 1 : a.order > b.order ? -1 : 0))
    .map((p): StatusRouteParent => ({ parentRef: p.parent.ref, controllerName: write.controllerName, conditions: parentConditions(p.parent, p.refs ?? refs, p.invalid) }));
  return mergeRouteParents(existing, ours, write);
}
