/**
 * The RouteConfiguration of one RDS route of a gateway proxy: a virtual host per
 * hostname its servers share with the VirtualServices bound to their gateways, routes
 * in VirtualService order (VirtualServices in config order, catch-all routes last).
 */
import { namespaceOf } from "@weft/api";
import { create } from "@bufbuild/protobuf";
import { RouteConfigurationSchema, type RouteConfiguration } from "../gen/envoy/config/route/v3/route_pb.js";
import { VirtualHost_TlsRequirementType } from "../gen/envoy/config/route/v3/route_components_pb.js";
import { intersectHosts, serverHostsFor } from "../hosts.js";
import type { VirtualServiceInput } from "../model.js";
import { virtualHostName } from "../names.js";
import type { RoutePlan } from "../proxy-plans.js";
import { catchAllLast, virtualServiceRoutes, type RouteInit } from "./http-routes.js";
import type { RouteContext } from "./route-context.js";

/** Istio's cap on direct response bodies (1 MiB). */
export const MAX_DIRECT_RESPONSE_BODY_BYTES = 1024 * 1024;

export interface GatewayRouteSources {
  /** The VirtualServices bound to an Istio Gateway (`namespace/name`), in config order. */
  virtualServicesFor(gateway: string): VirtualServiceInput[];
  context(vs: VirtualServiceInput, listenPort: number, isTls: boolean): RouteContext;
}

interface VirtualHostDraft {
  name: string;
  host: string;
  routes: RouteInit[];
  requireTls: boolean;
}

export function gatewayRouteConfiguration(plan: RoutePlan, sources: GatewayRouteSources): RouteConfiguration {
  const vhosts = new Map<string, VirtualHostDraft>();
  // One VirtualService's routes are the same for every host it serves on a gateway.
  const routesByGatewayAndVs = new Map<string, RouteInit[]>();
  let firstPort = 0;
  for (const { gateway, server } of plan.servers) {
    const port = server.port?.number ?? 0;
    if (firstPort === 0) firstPort = port;
    const httpsRedirect = server.tls?.httpsRedirect === true;
    for (const vs of sources.virtualServicesFor(gateway)) {
      const namespace = namespaceOf(vs);
      const hosts = intersectHosts(serverHostsFor(server.hosts ?? [], namespace), (vs.spec?.hosts ?? []).map((h) => h.toLowerCase()));
      if (hosts.length === 0) continue;
      const cacheKey = `${gateway}\n${namespace}/${vs.metadata.name}`;
      let routes = routesByGatewayAndVs.get(cacheKey);
      if (routes === undefined) {
        routes = virtualServiceRoutes(vs, new Set([gateway]), sources.context(vs, port, server.tls !== undefined));
        routesByGatewayAndVs.set(cacheKey, routes);
      }
      // A VirtualService none of whose routes apply to this port contributes nothing.
      if (routes.length === 0) continue;
      for (const host of hosts.map((h) => h.toLowerCase())) {
        const existing = vhosts.get(host);
        if (existing !== undefined) {
          existing.routes.push(...routes);
          existing.requireTls ||= httpsRedirect;
        } else {
          vhosts.set(host, { name: virtualHostName(host, port), host, routes: [...routes], requireTls: httpsRedirect });
        }
      }
    }
    // An https-redirecting server redirects its hosts even where no route serves them.
    if (httpsRedirect) {
      for (const host of (server.hosts ?? []).map((h) => (h.includes("/") ? h.slice(h.indexOf("/") + 1) : h).toLowerCase())) {
        const existing = vhosts.get(host);
        if (existing !== undefined) existing.requireTls = true;
        else vhosts.set(host, { name: virtualHostName(host, port), host, routes: [], requireTls: true });
      }
    }
  }
  const virtualHosts =
    vhosts.size === 0
      ? // Envoy answers 404 for every request: nothing is routed on this port yet.
        [{ name: virtualHostName("blackhole", firstPort), domains: ["*"], routes: [] }]
      : [...vhosts.values()]
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
          .map((v) => ({
            name: v.name,
            domains: [v.host],
            routes: catchAllLast(v.routes),
            ...(v.requireTls ? { requireTls: VirtualHost_TlsRequirementType.ALL } : {}),
          }));
  return create(RouteConfigurationSchema, {
    name: plan.routeName,
    virtualHosts,
    validateClusters: false,
    ignorePortInHostMatching: true,
    maxDirectResponseBodySizeBytes: MAX_DIRECT_RESPONSE_BODY_BYTES,
  });
}
