/**
 * Gateway proxies as plain plans: which Istio Gateways configure each proxy, merged
 * with @weft/mesh's `mergeGateways` into listeners (one per port and bind) and the RDS
 * routes their HTTP filter chains name. Plans are plain data (no Maps), so krt compares
 * them structurally and a change that leaves a proxy's plan equal rebuilds nothing.
 */
import { mergeGateways, type MergedGateway, type RejectedServer } from "@weft/mesh";
import type { GatewayConfigInput, ServerInput } from "./model.js";
import { gatewayListenerName } from "./names.js";

/** One accepted server of a proxy and the Istio Gateway (`namespace/name`) it came from. */
export interface PlannedServer {
  gateway: string;
  serverId: string;
  server: ServerInput;
  /** Set for servers with TLS settings: the SNI names of their filter chain and their route ("" for passthrough). */
  tls?: { routeName: string; sniHosts: string[] };
}

/** A group of servers sharing a port, protocol and bind (merging's "merged servers"). */
export interface ServerGroup {
  protocol: string;
  routeName: string;
  servers: PlannedServer[];
}

export interface ListenerPlan {
  /** `<proxy>|<listener name>`. */
  key: string;
  proxy: string;
  name: string;
  bind: string;
  port: number;
  groups: ServerGroup[];
}

export interface RoutePlan {
  /** `<proxy>|<route name>`. */
  key: string;
  proxy: string;
  routeName: string;
  servers: PlannedServer[];
}

export interface ProxyPlan {
  proxy: string;
  listeners: ListenerPlan[];
  routes: RoutePlan[];
  rejected: RejectedServer[];
}

function planned(merged: MergedGateway, entry: { gateway: string; serverId: string; server: ServerInput }): PlannedServer {
  const tls = merged.tlsServerInfo.get(entry.serverId);
  return { gateway: entry.gateway, serverId: entry.serverId, server: entry.server, ...(tls === undefined ? {} : { tls: { routeName: tls.routeName, sniHosts: tls.sniHosts } }) };
}

/** Merges the gateways of one proxy into its plan. Never throws: bad servers end up in `rejected`. */
export function planProxy(proxy: string, gateways: GatewayConfigInput[]): ProxyPlan {
  const merged = mergeGateways(gateways);
  const listeners = new Map<string, ListenerPlan>();
  for (const port of merged.serverPorts) {
    const group = merged.mergedServers.get(`${port.number}:${port.protocol}:${port.bind}`);
    if (group === undefined) continue;
    const name = gatewayListenerName(port.bind, port.number);
    let listener = listeners.get(name);
    if (listener === undefined) {
      listener = { key: `${proxy}|${name}`, proxy, name, bind: port.bind, port: port.number, groups: [] };
      listeners.set(name, listener);
    }
    // Groups of one port and bind with different protocols (HTTPS and TLS on 443) share the listener.
    listener.groups.push({ protocol: port.protocol, routeName: group.routeName, servers: group.servers.map((s) => planned(merged, s)) });
  }
  const routes: RoutePlan[] = [...merged.serversByRouteName]
    .filter(([routeName]) => routeName !== "")
    .map(([routeName, servers]) => ({ key: `${proxy}|${routeName}`, proxy, routeName, servers: servers.map((s) => planned(merged, s)) }));
  return { proxy, listeners: [...listeners.values()], routes, rejected: merged.rejected };
}
