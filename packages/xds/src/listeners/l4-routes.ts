/**
 * Which VirtualService TCP and TLS routes a gateway server forwards to.
 */
import { namespaceOf } from "@weft/api";
import { hostsOverlap } from "../hosts.js";
import type { DestinationInput, RouteDestinationInput, ServerInput, VirtualServiceInput } from "../model.js";
import { ownValue } from "../records.js";

export type ClusterOf = (destination: DestinationInput | undefined, namespace: string, listenPort: number) => string;

export interface TcpTarget {
  cluster: string;
  weight: number;
}

/** A VirtualService applies to a server when one of its hosts overlaps one the server offers to the VirtualService's namespace. */
export function serverServesVirtualService(server: ServerInput, vs: VirtualServiceInput): boolean {
  const namespace = namespaceOf(vs);
  return (server.hosts ?? []).some((serverHost) => {
    const slash = serverHost.indexOf("/");
    if (slash >= 0 && serverHost.slice(0, slash) !== namespace) return false;
    const name = slash >= 0 ? serverHost.slice(slash + 1) : serverHost;
    return (vs.spec?.hosts ?? []).some((h) => hostsOverlap(name, h));
  });
}

/** An L4 match applies when its port (if any) is the server's and its gateways (if any) include this one. */
export function l4MatchApplies(match: unknown, serverPort: number, gateway: string): boolean {
  if (typeof match !== "object" || match === null) return true;
  const { port, gateways } = match as { port?: unknown; gateways?: unknown };
  if (typeof port === "number" && port !== 0 && port !== serverPort) return false;
  return !Array.isArray(gateways) || gateways.length === 0 || gateways.includes(gateway);
}

/** The clusters of a route list: one, or each positively weighted one (Envoy requires weights of at least 1). */
export function tcpTargets(routes: readonly RouteDestinationInput[], namespace: string, port: number, clusterOf: ClusterOf): TcpTarget[] {
  if (routes.length === 1) return [{ cluster: clusterOf(routes[0]?.destination, namespace, port), weight: 0 }];
  return routes.filter((r) => (r.weight ?? 0) > 0).map((r) => ({ cluster: clusterOf(r.destination, namespace, port), weight: r.weight ?? 0 }));
}

const PARENTS_ANNOTATION = "internal.istio.io/parents";

/**
 * The targets of an opaque TCP server (or a TLS-terminating one): the first TCP route
 * whose matches apply, from the first VirtualService that has one; for a terminating
 * server, TLS routes translated from TLSRoutes count too (they carry no TCP block).
 */
export function tcpServerTargets(server: ServerInput, gateway: string, virtualServices: readonly VirtualServiceInput[], clusterOf: ClusterOf): TcpTarget[] | undefined {
  const port = server.port?.number ?? 0;
  for (const vs of virtualServices) {
    if (!serverServesVirtualService(server, vs)) continue;
    const namespace = namespaceOf(vs);
    for (const tcp of vs.spec?.tcp ?? []) {
      const matches = tcp.match ?? [];
      if (matches.length > 0 && !matches.some((m) => l4MatchApplies(m, port, gateway))) continue;
      if ((tcp.route ?? []).length === 0) continue;
      return tcpTargets(tcp.route ?? [], namespace, port, clusterOf);
    }
    const fromTlsRoute = (ownValue(vs.metadata.annotations, PARENTS_ANNOTATION) ?? "").startsWith("TLSRoute/");
    if (fromTlsRoute && server.tls !== undefined) {
      for (const tls of vs.spec?.tls ?? []) {
        if ((tls.match ?? []).some((m) => l4MatchApplies(m, port, gateway))) return tcpTargets(tls.route ?? [], namespace, port, clusterOf);
      }
    }
  }
  return undefined;
}

/** One passthrough filter chain: connections with these SNI names go to these clusters. */
export interface PassthroughChain {
  sniHosts: string[];
  targets: TcpTarget[];
}

/** What a passthrough server's chains are built from, and what they report to. */
export interface PassthroughScope {
  /** The gateway (`namespace/name`) the server belongs to, which TLS matches may name. */
  gateway: string;
  virtualServices: readonly VirtualServiceInput[];
  clusterOf: ClusterOf;
  /**
   * The SNI names already used on this listener (with their bind): Envoy rejects two
   * chains with one match, so a route repeating a name is skipped.
   */
  claimed: Map<string, string>;
  problems: string[];
}

/** The SNI-routed chains of a passthrough server. */
export function passthroughChains(server: ServerInput, { gateway, virtualServices, clusterOf, claimed, problems }: PassthroughScope): PassthroughChain[] {
  const port = server.port?.number ?? 0;
  const bind = server.bind ?? "";
  const out: PassthroughChain[] = [];
  for (const vs of virtualServices) {
    if (!serverServesVirtualService(server, vs)) continue;
    const namespace = namespaceOf(vs);
    for (const tls of vs.spec?.tls ?? []) {
      if ((tls.route ?? []).length === 0) continue;
      for (const match of tls.match ?? []) {
        if (!l4MatchApplies(match, port, gateway)) continue;
        const sniHosts = match.sniHosts ?? [];
        const duplicates = sniHosts.filter((h) => claimed.get(h) === bind);
        if (duplicates.length > 0) {
          problems.push(`VirtualService ${namespace}/${vs.metadata.name}: SNI ${duplicates.join(", ")} already routed on port ${port}`);
          continue;
        }
        for (const h of sniHosts) claimed.set(h, bind);
        out.push({ sniHosts: [...sniHosts], targets: tcpTargets(tls.route ?? [], namespace, port, clusterOf) });
      }
    }
  }
  return out;
}
