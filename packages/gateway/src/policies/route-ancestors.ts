/**
 * Which Gateways send traffic to which backends, as the routes' specs say it: every
 * Gateway a route names in parentRefs, paired with every Service, ServiceEntry or
 * XBackend its rules name in backendRefs. BackendTLSPolicies and XBackends report
 * those Gateways as ancestors of their targets. Like Istio, this reads the specs
 * alone: a parent Gateway need not exist or accept the route, and a backend need not
 * be permitted, for the pairing to count, so policy status does not churn as routes
 * are accepted or rejected.
 * Mirror backends are not traffic destinations and do not count.
 */
import { GATEWAY_GROUP, namespaceOf, type ParentReference, namespacedKeyOf } from "@weft/api";
import { index, join, manyCollection, type Collection, type Index } from "@weft/krt";
import { records } from "../model/lists.js";
import type { BackendRef, GRPCRoute, HTTPRoute, TCPRoute, TLSRoute } from "../model/resources.js";
import { targetKey, type TargetKind } from "./backend-policy.js";

/** One Gateway that one route connects to one backend. */
export interface RouteAncestor {
  key: string;
  /** The backend as `targetKey` writes it. */
  backend: string;
  gateway: { namespace: string; name: string };
}

/** The routes whose Gateways and backends are paired. */
export interface RouteInputs {
  httpRoutes: Collection<HTTPRoute>;
  grpcRoutes: Collection<GRPCRoute>;
  tcpRoutes: Collection<TCPRoute>;
  tlsRoutes: Collection<TLSRoute>;
}


/** The backend kinds a policy can target, by the group/kind a backendRef names them with. */
function backendKind(ref: BackendRef): TargetKind | undefined {
  const group = ref.group ?? "";
  const kind = ref.kind ?? "Service";
  if (group === "" && kind === "Service") return "Service";
  if (group === "networking.istio.io" && kind === "ServiceEntry") return "ServiceEntry";
  if (group === "gateway.networking.x-k8s.io" && kind === "XBackend") return "XBackend";
  return undefined;
}

type AnyRoute = HTTPRoute | GRPCRoute | TCPRoute | TLSRoute;

/** The pairs one route contributes. */
export function ancestorsOfRoute(routeKind: string, route: AnyRoute): RouteAncestor[] {
  const namespace = namespaceOf(route);
  const gateways = new Map<string, { namespace: string; name: string }>();
  for (const ref of records<ParentReference>(route.spec?.parentRefs)) {
    if ((ref.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP || (ref.kind ?? "Gateway") !== "Gateway") continue;
    const gateway = { namespace: ref.namespace ?? namespace, name: ref.name };
    gateways.set(namespacedKeyOf(gateway.namespace, gateway.name), gateway);
  }
  const backends = new Set<string>();
  for (const rule of records<{ backendRefs?: BackendRef[] }>(route.spec?.rules)) {
    for (const ref of records(rule.backendRefs)) {
      const kind = backendKind(ref);
      if (kind !== undefined) backends.add(targetKey({ kind, namespace: ref.namespace ?? namespace, name: ref.name }));
    }
  }
  const source = `${routeKind}/${namespace}/${route.metadata.name}`;
  return [...gateways].flatMap(([gatewayKey, gateway]) => [...backends].map((backend) => ({ key: `${source}/${gatewayKey}/${backend}`, backend, gateway })));
}

/** Every route's pairs, and an index of them by backend. */
export function routeAncestors(inputs: RouteInputs): { ancestors: Collection<RouteAncestor>; byBackend: Index<string, RouteAncestor> } {
  const of = <R extends AnyRoute>(routeKind: string, routes: Collection<R>) =>
    manyCollection(routes, (_ctx, route) => ancestorsOfRoute(routeKind, route), { name: `${routeKind}Ancestors`, key: (a) => a.key });
  const ancestors = join(
    [of("HTTPRoute", inputs.httpRoutes), of("GRPCRoute", inputs.grpcRoutes), of("TCPRoute", inputs.tcpRoutes), of("TLSRoute", inputs.tlsRoutes)],
    { name: "RouteAncestors", key: (a) => a.key },
  );
  return { ancestors, byBackend: index(ancestors, (a) => [a.backend]) };
}
