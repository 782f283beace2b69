/**
 * HTTP connection managers: the network filter that parses HTTP and routes it with a
 * RouteConfiguration fetched over ADS (RDS).
 */
import { create } from "@bufbuild/protobuf";
import { anyPack, type Any } from "@bufbuild/protobuf/wkt";
import { ApiVersion } from "../gen/envoy/config/core/v3/config_source_pb.js";
import { RouterSchema } from "../gen/envoy/extensions/filters/http/router/v3/router_pb.js";
import { HttpConnectionManager_ForwardClientCertDetails, HttpConnectionManagerSchema } from "../gen/envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager_pb.js";

export const HCM_FILTER = "envoy.filters.network.http_connection_manager";
export const ROUTER_FILTER = "envoy.filters.http.router";

function rds(routeName: string) {
  return { routeConfigName: routeName, configSource: { configSourceSpecifier: { case: "ads" as const, value: {} }, resourceApiVersion: ApiVersion.V3 } };
}

const ROUTER_CONFIG = anyPack(RouterSchema, create(RouterSchema));

/** The router must be the last HTTP filter (gRPC clients reject anything else). */
function routerFilter() {
  return { name: ROUTER_FILTER, configType: { case: "typedConfig" as const, value: ROUTER_CONFIG } };
}

/**
 * A gateway's HCM, as Istio configures one for an edge proxy: the client address is the
 * peer's (use_remote_address), paths are normalised before routing, forwarded client
 * certificate details are replaced by what this proxy saw, and WebSocket upgrades pass.
 */
export function gatewayConnectionManager(statPrefix: string, routeName: string): Any {
  return anyPack(
    HttpConnectionManagerSchema,
    create(HttpConnectionManagerSchema, {
      statPrefix,
      routeSpecifier: { case: "rds", value: rds(routeName) },
      httpFilters: [routerFilter()],
      useRemoteAddress: true,
      normalizePath: true,
      forwardClientCertDetails: HttpConnectionManager_ForwardClientCertDetails.SANITIZE_SET,
      setCurrentClientCertDetails: { subject: true, cert: true, dns: true, uri: true },
      upgradeConfigs: [{ upgradeType: "websocket" }],
    }),
  );
}

/**
 * The HCM inside a proxyless gRPC client's api_listener: RDS and the router, nothing a
 * client would reject. gRPC ignores the stat prefix, but the field's validation rule
 * (min_len 1) holds for every client, so it is the route's name.
 */
export function clientConnectionManager(routeName: string): Any {
  return anyPack(HttpConnectionManagerSchema, create(HttpConnectionManagerSchema, { statPrefix: routeName, routeSpecifier: { case: "rds", value: rds(routeName) }, httpFilters: [routerFilter()] }));
}
