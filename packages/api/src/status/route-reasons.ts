/**
 * The reasons a route's parent status gives for each of its conditions, as the Gateway
 * API spec names them (RouteConditionReason). A union per condition type, so a reason
 * written for one condition cannot be given to another, and a misspelt one does not
 * compile.
 */
import type { StatusCondition } from "./conditions.js";

/** Reasons of a route parent's `Accepted` condition. */
export type RouteAcceptedReason =
  | "Accepted"
  | "NotAllowedByListeners"
  | "NoMatchingListenerHostname"
  | "NoMatchingParent"
  | "UnsupportedValue"
  | "Pending";

/** Why a route parent is not `Accepted` (every reason but `Accepted` itself). */
export type RouteNotAcceptedReason = Exclude<RouteAcceptedReason, "Accepted">;

/** Reasons of a route parent's `ResolvedRefs` condition. */
export type RouteResolvedRefsReason = "ResolvedRefs" | "RefNotPermitted" | "InvalidKind" | "BackendNotFound" | "UnsupportedProtocol";

/** Why a route's references did not resolve (every reason but `ResolvedRefs` itself). */
export type RouteUnresolvedRefsReason = Exclude<RouteResolvedRefsReason, "ResolvedRefs">;

/** A condition of a route parent's status, its reason checked against its type. */
export type RouteParentCondition =
  | (Omit<StatusCondition, "type" | "reason"> & { type: "Accepted"; reason: RouteAcceptedReason })
  | (Omit<StatusCondition, "type" | "reason"> & { type: "ResolvedRefs"; reason: RouteResolvedRefsReason });
