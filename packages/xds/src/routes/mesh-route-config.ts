/**
 * The RouteConfiguration a proxyless gRPC client reads for one service port, named as
 * the cluster of that port (`outbound|<port>||<host>`, as Istio names it): one virtual
 * host for the service, with the routes of the mesh VirtualServices for its hostname, or
 * a single default route to the service when none applies.
 */
import { create } from "@bufbuild/protobuf";
import { RouteConfigurationSchema, type RouteConfiguration } from "../gen/envoy/config/route/v3/route_pb.js";
import type { VirtualServiceInput } from "../model.js";
import { clusterName, virtualHostName } from "../names.js";
import { catchAllLast, virtualServiceRoutes, type RouteInit } from "./http-routes.js";
import { applyRouteAction } from "./route-action.js";
import type { RouteContext } from "./route-context.js";

/** The gateway name mesh (sidecar and proxyless) routes are bound to. */
export const MESH_GATEWAY = "mesh";

function defaultRoute(host: string, port: number, ctx: RouteContext): RouteInit {
  const out: RouteInit = { name: "default", match: { pathSpecifier: { case: "prefix", value: "/" } } };
  applyRouteAction(out, { route: [{ destination: { host, port: { number: port } } }] }, -1, "", { ...ctx, gatewaySemantics: false });
  return out;
}

/**
 * @param virtualServices the mesh VirtualServices whose hosts cover `host`, in config order.
 */
export function meshRouteConfiguration(host: string, port: number, virtualServices: readonly VirtualServiceInput[], contextFor: (vs: VirtualServiceInput | undefined) => RouteContext): RouteConfiguration {
  const routes: RouteInit[] = [];
  for (const vs of virtualServices) routes.push(...virtualServiceRoutes(vs, new Set([MESH_GATEWAY]), contextFor(vs)));
  return create(RouteConfigurationSchema, {
    name: clusterName(host, port),
    virtualHosts: [
      {
        name: virtualHostName(host, port),
        // gRPC matches the target's authority, `<host>:<port>`; plain `<host>` serves clients that drop the port.
        domains: [host, virtualHostName(host, port)],
        routes: routes.length > 0 ? catchAllLast(routes) : [defaultRoute(host, port, contextFor(undefined))],
      },
    ],
    validateClusters: false,
  });
}
