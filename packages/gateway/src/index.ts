/**
 * @weft/gateway: Gateway API resources to Istio config and statuses.
 */
export { mergeConditions, type Condition } from "./status/conditions.js";
export { mergeRouteParents, parentIdentity, type ParentReference, type RouteParentStatus } from "./status/route-parents.js";
