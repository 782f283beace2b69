/**
 * Attaching a route to its parents: each parentRef names a Gateway (and maybe a
 * listener by sectionName or port); the route binds to every listener of it that
 * accepts the route's kind from the route's namespace.
 */
import type { GatewayModel } from "../gateways/gateway-model.js";
import type { ListenerModel } from "../gateways/listeners.js";
import type { ParentReference } from "../status/route-parents.js";

/** One listener a route is bound to through one of its parentRefs. */
export interface Binding {
  parentRef: ParentReference;
  gateway: GatewayModel;
  listener: ListenerModel;
}

/** The key (namespace/name) of the Gateway a parentRef names, if it names a Gateway. */
export function parentGatewayKey(ref: ParentReference, routeNamespace: string): string | undefined {
  if ((ref.group ?? "gateway.networking.k8s.io") !== "gateway.networking.k8s.io" || (ref.kind ?? "Gateway") !== "Gateway") return undefined;
  return `${ref.namespace ?? routeNamespace}/${ref.name}`;
}

/** The listeners of `gateway` that a route of `kind` in `routeNamespace` binds to via `ref`. */
export function bindListeners(ref: ParentReference, gateway: GatewayModel, kind: string, routeNamespace: string): ListenerModel[] {
  return gateway.listeners.filter((l) => {
    if (ref.sectionName !== undefined && ref.sectionName !== l.name) return false;
    if (ref.port !== undefined && ref.port !== l.port) return false;
    if (!l.supportedKinds.some((k) => k.kind === kind)) return false;
    return l.scope.kind === "all" || l.scope.namespaces.includes(routeNamespace);
  });
}
