/**
 * Protobuf JSON of built resources, with every embedded Any expanded: the form Envoy's
 * config dump shows and the golden tests compare.
 */
import { createRegistry, toJson, type JsonValue, type Registry } from "@bufbuild/protobuf";
import { file_envoy_config_cluster_v3_cluster } from "./gen/envoy/config/cluster/v3/cluster_pb.js";
import { file_envoy_config_endpoint_v3_endpoint } from "./gen/envoy/config/endpoint/v3/endpoint_pb.js";
import { file_envoy_config_listener_v3_listener } from "./gen/envoy/config/listener/v3/listener_pb.js";
import { file_envoy_config_route_v3_route } from "./gen/envoy/config/route/v3/route_pb.js";
import { file_envoy_extensions_filters_http_router_v3_router } from "./gen/envoy/extensions/filters/http/router/v3/router_pb.js";
import { file_envoy_extensions_filters_listener_tls_inspector_v3_tls_inspector } from "./gen/envoy/extensions/filters/listener/tls_inspector/v3/tls_inspector_pb.js";
import { file_envoy_extensions_filters_network_http_connection_manager_v3_http_connection_manager } from "./gen/envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager_pb.js";
import { file_envoy_extensions_filters_network_tcp_proxy_v3_tcp_proxy } from "./gen/envoy/extensions/filters/network/tcp_proxy/v3/tcp_proxy_pb.js";
import { file_envoy_extensions_transport_sockets_tls_v3_tls } from "./gen/envoy/extensions/transport_sockets/tls/v3/tls_pb.js";
import { file_envoy_extensions_upstreams_http_v3_http_protocol_options } from "./gen/envoy/extensions/upstreams/http/v3/http_protocol_options_pb.js";
import { file_envoy_extensions_retry_host_previous_hosts_v3_previous_hosts } from "./gen/envoy/extensions/retry/host/previous_hosts/v3/previous_hosts_pb.js";
import { file_envoy_extensions_retry_priority_previous_priorities_v3_previous_priorities_config } from "./gen/envoy/extensions/retry/priority/previous_priorities/v3/previous_priorities_config_pb.js";
import type { XdsResource } from "./resource.js";
import { SCHEMA_OF } from "./resource-types.js";

let registry: Registry | undefined;

/** Every message type an Any inside a built resource may hold (built on first use: it walks every type). */
export function xdsRegistry(): Registry {
  return (registry ??= createRegistry(
  file_envoy_config_listener_v3_listener,
  file_envoy_config_route_v3_route,
  file_envoy_config_cluster_v3_cluster,
  file_envoy_config_endpoint_v3_endpoint,
  file_envoy_extensions_filters_network_http_connection_manager_v3_http_connection_manager,
  file_envoy_extensions_filters_network_tcp_proxy_v3_tcp_proxy,
  file_envoy_extensions_filters_http_router_v3_router,
  file_envoy_extensions_filters_listener_tls_inspector_v3_tls_inspector,
  file_envoy_extensions_transport_sockets_tls_v3_tls,
  file_envoy_extensions_upstreams_http_v3_http_protocol_options,
  file_envoy_extensions_retry_host_previous_hosts_v3_previous_hosts,
  file_envoy_extensions_retry_priority_previous_priorities_v3_previous_priorities_config,
  ));
}

export function resourceToJson(resource: XdsResource): JsonValue {
  // The message was built with this type's schema; the cast restores what the union type lost.
  return toJson(SCHEMA_OF[resource.typeUrl], resource.message as never, { registry: xdsRegistry() });
}
