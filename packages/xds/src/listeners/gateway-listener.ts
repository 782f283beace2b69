/**
 * A gateway proxy's Listener for one port and bind, from its plan: plaintext HTTP
 * servers share one HTTP filter chain (RDS `http.<port>`); each terminating HTTPS
 * server gets a chain matched by SNI with its certificates and its own route; TCP and
 * TLS servers get TCP proxy chains (passthrough ones one per SNI-routed TLS route).
 */
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import { isPassthroughServer, parseProtocol } from "@weft/mesh";
import { TrafficDirection } from "../gen/envoy/config/core/v3/base_pb.js";
import type { FilterChainSchema } from "../gen/envoy/config/listener/v3/listener_components_pb.js";
import { ListenerSchema, type Listener } from "../gen/envoy/config/listener/v3/listener_pb.js";
import { TlsInspectorSchema } from "../gen/envoy/extensions/filters/listener/tls_inspector/v3/tls_inspector_pb.js";
import type { ServerInput, VirtualServiceInput } from "../model.js";
import type { ListenerPlan, PlannedServer } from "../proxy-plans.js";
import { downstreamTls } from "./downstream-tls.js";
import { gatewayConnectionManager, HCM_FILTER } from "./hcm.js";
import { passthroughChains, tcpServerTargets, type ClusterOf } from "./l4-routes.js";
import { tcpProxyFilter } from "./tcp-proxy.js";

type FilterChainInit = MessageInitShape<typeof FilterChainSchema>;

const HTTP_FAMILY = new Set(["HTTP", "HTTP2", "HTTP_PROXY", "GRPC", "GRPC-Web"]);
const TLS_INSPECTOR = "envoy.filters.listener.tls_inspector";
const TLS_INSPECTOR_CONFIG = anyPack(TlsInspectorSchema, create(TlsInspectorSchema));

export interface ListenerSources {
  /** VirtualServices with TCP or TLS routes bound to an Istio Gateway (`namespace/name`), in config order. */
  l4VirtualServicesFor(gateway: string): VirtualServiceInput[];
  clusterOf: ClusterOf;
}

/** SNI names for a filter chain match; `*` means any name, which is no match at all. */
const serverNames = (hosts: readonly string[]): string[] => (hosts.includes("*") ? [] : [...hosts]);

function httpChain(statPrefix: string, routeName: string, server?: PlannedServer, problems?: string[]): FilterChainInit {
  const chain: FilterChainInit = { filters: [{ name: HCM_FILTER, configType: { case: "typedConfig", value: gatewayConnectionManager(statPrefix, routeName) } }] };
  if (server?.server.tls === undefined) return chain;
  const tls = downstreamTls(server.server.tls, true);
  problems?.push(...tls.problems.map((p) => `server ${server.serverId}: ${p}`));
  const names = serverNames(server.tls?.sniHosts ?? []);
  return { ...chain, ...(names.length > 0 ? { filterChainMatch: { serverNames: names } } : {}), transportSocket: tls.socket };
}

function tcpChains(planned: PlannedServer, sources: ListenerSources, claimed: Map<string, string>, problems: string[]): FilterChainInit[] {
  const { server, gateway, serverId } = planned;
  const virtualServices = sources.l4VirtualServicesFor(gateway);
  if (server.tls !== undefined && isPassthroughServer(server)) {
    if (server.tls.mode === "AUTO_PASSTHROUGH") {
      problems.push(`server ${serverId}: AUTO_PASSTHROUGH is not supported (it needs SNI-DNAT clusters)`);
      return [];
    }
    return passthroughChains(server, { gateway, virtualServices, clusterOf: sources.clusterOf, claimed, problems }).map((c) => ({
      filterChainMatch: { serverNames: c.sniHosts },
      filters: [tcpProxyFilter(c.targets)],
    }));
  }
  const targets = tcpServerTargets(server, gateway, virtualServices, sources.clusterOf);
  if (targets === undefined || targets.length === 0) {
    problems.push(`server ${serverId}: no TCP route of a bound VirtualService applies to port ${server.port?.number ?? 0}`);
    return [];
  }
  const chain: FilterChainInit = { filters: [tcpProxyFilter(targets)] };
  if (server.tls === undefined) return [chain];
  const tls = downstreamTls(server.tls, false);
  problems.push(...tls.problems.map((p) => `server ${serverId}: ${p}`));
  const names = serverNames(planned.tls?.sniHosts ?? []);
  return [{ ...chain, ...(names.length > 0 ? { filterChainMatch: { serverNames: names } } : {}), transportSocket: tls.socket }];
}

function terminatesHttps(server: ServerInput): boolean {
  return parseProtocol(server.port?.protocol) === "HTTPS" && server.tls !== undefined && !isPassthroughServer(server);
}

/** The listener, or undefined when no server yields a filter chain (Envoy refuses a listener without one). */
export function gatewayListener(plan: ListenerPlan, sources: ListenerSources): { listener: Listener | undefined; problems: string[] } {
  const problems: string[] = [];
  const statPrefix = `outbound_${plan.name}`;
  const chains: FilterChainInit[] = [];
  const claimedSni = new Map<string, string>();
  for (const group of plan.groups) {
    if (HTTP_FAMILY.has(parseProtocol(group.protocol) ?? "")) {
      chains.push(httpChain(statPrefix, group.routeName));
      continue;
    }
    for (const server of group.servers) {
      if (terminatesHttps(server.server)) chains.push(httpChain(server.server.name || statPrefix, server.tls?.routeName ?? group.routeName, server, problems));
      else chains.push(...tcpChains(server, sources, claimedSni, problems));
    }
  }
  if (chains.length === 0) {
    problems.push(`listener ${plan.name}: no filter chain, so no listener`);
    return { listener: undefined, problems };
  }
  // SNI is read from the ClientHello before a chain is chosen; without SNI matches nothing needs it.
  const needsInspector = chains.some((c) => (c.filterChainMatch?.serverNames?.length ?? 0) > 0 || c.transportSocket !== undefined);
  const listener = create(ListenerSchema, {
    name: plan.name,
    address: { address: { case: "socketAddress", value: { address: plan.bind === "" ? "0.0.0.0" : plan.bind, portSpecifier: { case: "portValue", value: plan.port } } } },
    trafficDirection: TrafficDirection.OUTBOUND,
    filterChains: chains,
    ...(needsInspector ? { listenerFilters: [{ name: TLS_INSPECTOR, configType: { case: "typedConfig", value: TLS_INSPECTOR_CONFIG } }] } : {}),
  });
  return { listener, problems };
}
