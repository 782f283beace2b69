/**
 * Gateway merging: the Istio Gateways that select one proxy are folded into one logical
 * gateway, the shape listener and route generation work from. Modelled on Istio 1.28.1
 * (`mergeGateways` in pilot/pkg/model/gateway.go), including its order-dependent
 * conflict rules, so a proxy configured here behaves as an Istio gateway would:
 *
 *  - servers are grouped per port, protocol and bind ("merged servers"; Istio's
 *    `ServerPort` key carries the protocol as written, so HTTPS and TLS servers on one
 *    port and bind are separate groups);
 *  - plaintext HTTP-family servers on one port and bind share the route `http.<port>`
 *    (`http.<port>.<bind>` with a bind);
 *  - each HTTPS server that terminates TLS gets its own route
 *    `https.<port>.<port name>.<gateway name>.<namespace>[.<bind>]`; passthrough servers
 *    get none (Envoy proxies them as opaque TCP, so there is nothing to route);
 *  - a server with TLS settings whose hosts repeat a host already seen on that port
 *    with the same bind is dropped whole (each host becomes an SNI filter chain match,
 *    and Envoy rejects identical matches);
 *  - a server whose protocol cannot share the port with the port's plaintext server is
 *    dropped unless their binds differ.
 *
 * Not modelled: QUIC/HTTP3 listeners, verified certificate references and the target
 * port map, which need proxy and Service state this function does not see.
 */
import { compareStrings, type IstioGateway, type IstioServer, namespaceOf, namespacedKeyOf } from "@weft/api";
import { creationMillis } from "./object-order.js";

/** What is merged: the parts of an Istio Gateway that merging reads. */
export type GatewayInput = Pick<IstioGateway, "metadata" | "spec">;

export interface MergeOptions {
  /**
   * Maps a server's port to the port(s) the proxy really listens on (Istio translates a
   * Service port to its targetPort). Defaults to the port as written. Returning no port
   * makes the server a no-op, as in Istio.
   */
  resolvePorts?: (port: number, gateway: GatewayInput) => number[];
}

/** The key of a merged server group: where a listener (or filter chain set) lives. */
export interface ServerPort {
  number: number;
  /** The protocol exactly as the server wrote it. */
  protocol: string;
  /** "" when the server has no bind. */
  bind: string;
}

/** One accepted server and where it came from. */
export interface MergedServerEntry {
  /** "namespace/name" of the owning Gateway. */
  gateway: string;
  /** Stable identity of the server: `<namespace>/<name>#<index in spec.servers>`. */
  serverId: string;
  /** The server with its hosts normalised (`./h` → `<namespace>/h`, `*\/h` → `h`). */
  server: IstioServer;
}

export interface MergedServers {
  port: ServerPort;
  servers: MergedServerEntry[];
  /** The shared route of plaintext HTTP groups; for HTTPS groups, the first server's. */
  routeName: string;
}

/** What a server with TLS settings needs for its filter chain match. */
export interface TlsServerInfo {
  /** "" for passthrough servers: they have no routes. */
  routeName: string;
  /** The server's hosts without any `namespace/` prefix, deduplicated and sorted. */
  sniHosts: string[];
}

export type RejectionCode =
  | "missing-port"
  | "missing-hosts"
  | "unknown-protocol"
  | "duplicate-tls-host"
  | "protocol-conflict"
  | "duplicate-https-route";

export interface RejectedServer {
  gateway: string;
  serverId: string;
  port: number | undefined;
  code: RejectionCode;
  reason: string;
}

export interface MergedGateway {
  /** Every group key, in the order groups were first created (stable listener order). */
  serverPorts: ServerPort[];
  /** Groups by {@link serverPortKey}. */
  mergedServers: Map<string, MergedServers>;
  /** The servers each RDS route serves. */
  serversByRouteName: Map<string, MergedServerEntry[]>;
  /** The route of each accepted server that has one, by server id. */
  routeNameByServer: Map<string, string>;
  /** TLS details of each accepted server with TLS settings, by server id. */
  tlsServerInfo: Map<string, TlsServerInfo>;
  /** Whether any AUTO_PASSTHROUGH server was accepted (the proxy then needs SNI clusters). */
  containsAutoPassthrough: boolean;
  /** Hosts of accepted AUTO_PASSTHROUGH servers, sorted. */
  autoPassthroughSniHosts: string[];
  rejected: RejectedServer[];
}

/** The map key of a group. Bind goes last so a bind containing ':' (IPv6) stays unambiguous. */
export function serverPortKey(port: ServerPort): string {
  return `${port.number}:${port.protocol}:${port.bind}`;
}

/** Istio's protocol names, matched case-insensitively; anything else is unsupported. */
const KNOWN_PROTOCOLS: ReadonlyMap<string, string> = new Map(
  ["TCP", "UDP", "GRPC", "GRPC-Web", "HTTP", "HTTP_PROXY", "HTTP2", "HTTPS", "TLS", "Mongo", "Redis", "MySQL"].map((p) => [p.toLowerCase(), p]),
);
const HTTP_FAMILY = new Set(["HTTP", "HTTP2", "HTTP_PROXY", "GRPC", "GRPC-Web"]);

/** The canonical protocol name, or undefined when Istio would not recognise it. */
export function parseProtocol(protocol: string | undefined): string | undefined {
  return KNOWN_PROTOCOLS.get((protocol ?? "").toLowerCase());
}

function isHttpFamily(protocol: string | undefined): boolean {
  return protocol !== undefined && HTTP_FAMILY.has(protocol);
}

/**
 * Passthrough servers forward TLS unopened, so they neither terminate nor route.
 * PASSTHROUGH is the zero value of Istio's TLS mode, so protobuf JSON leaves it out:
 * TLS settings without a mode (`tls: {}`, as Istio writes a Gateway API Passthrough
 * listener) pass through too.
 */
export function isPassthroughServer(server: IstioServer): boolean {
  const mode = server.tls?.mode;
  return server.tls !== undefined && (mode === undefined || mode === "" || mode === "PASSTHROUGH" || mode === "AUTO_PASSTHROUGH");
}

/** Non-HTTP servers with TLS settings: they are told apart by SNI, not by route. */
export function isTlsServer(server: IstioServer): boolean {
  return server.tls !== undefined && !isHttpFamily(parseProtocol(server.port?.protocol));
}

/** Servers whose traffic Envoy parses as HTTP: HTTP-family, or HTTPS that terminates. */
export function isHttpServer(server: IstioServer): boolean {
  const protocol = parseProtocol(server.port?.protocol);
  return isHttpFamily(protocol) || (protocol === "HTTPS" && !isPassthroughServer(server));
}

/**
 * The RDS route name of a server, "" when it has none. Plaintext HTTP uses the resolved
 * port; HTTPS uses the port as written, as Istio does.
 */
export function gatewayRouteName(server: IstioServer, resolvedPort: number, gatewayName: string, namespace: string): string {
  const protocol = parseProtocol(server.port?.protocol);
  const bindSuffix = server.bind ? `.${server.bind}` : "";
  if (isHttpFamily(protocol)) return `http.${resolvedPort}${bindSuffix}`;
  if (protocol === "HTTPS" && !isPassthroughServer(server)) {
    return `https.${server.port?.number ?? 0}.${server.port?.name ?? ""}.${gatewayName}.${namespace}${bindSuffix}`;
  }
  return "";
}

/**
 * Rewrites host namespaces the way Istio does before merging: `./h` names the gateway's
 * own namespace, `*\/h` means any namespace (so just `h`), and `*\/*` is every host.
 */
export function normaliseHosts(hosts: readonly string[], namespace: string): string[] {
  if (hosts.includes("*/*")) return ["*"];
  return hosts.map((host) => {
    const [scope, rest] = host.split("/");
    if (rest === undefined) return host;
    if (scope === ".") return `${namespace}/${rest}`;
    if (scope === "*") return rest;
    return host;
  });
}

/** SNI hosts drop the namespace scope: the client only ever sends the host name. */
export function sniHostsForServer(server: IstioServer): string[] {
  if (!server.tls) return [];
  const hosts = (server.hosts ?? []).map((h) => (h.includes("/") ? (h.split("/")[1] ?? "") : h));
  return [...new Set(hosts)].sort();
}

/**
 * Istio's config order: oldest first, then by name, then namespace. Merging is order
 * dependent (the first server on a port decides what may join it), so this order is
 * what makes the result independent of how the caller listed the gateways.
 */
export function sortGateways(gateways: readonly GatewayInput[]): GatewayInput[] {
  return [...gateways].sort(
    (a, b) =>
      creationMillis(a.metadata.creationTimestamp) - creationMillis(b.metadata.creationTimestamp) ||
      compareStrings(a.metadata.name ?? "", b.metadata.name ?? "") ||
      compareStrings(namespaceOf(a), namespaceOf(b)),
  );
}

/** Merges the gateways selecting one proxy. Never throws: bad servers are rejected. */
export function mergeGateways(gateways: readonly GatewayInput[], options: MergeOptions = {}): MergedGateway {
  const resolvePorts = options.resolvePorts ?? ((port: number) => [port]);
  const result: MergedGateway = {
    serverPorts: [],
    mergedServers: new Map(),
    serversByRouteName: new Map(),
    routeNameByServer: new Map(),
    tlsServerInfo: new Map(),
    containsAutoPassthrough: false,
    autoPassthroughSniHosts: [],
    rejected: [],
  };
  const portsInUse = new Set<number>();
  // The latest plaintext group per port number: new servers on the port are judged against it.
  const plaintextByPort = new Map<number, ServerPort>();
  // Per port, each TLS host and the bind it was last claimed with.
  const tlsHostBindsByPort = new Map<number, Map<string, string>>();
  const autoPassthroughHosts = new Set<string>();

  const addGroup = (port: ServerPort, entry: MergedServerEntry, routeName: string): void => {
    result.mergedServers.set(serverPortKey(port), { port, servers: [entry], routeName });
    result.serverPorts.push(port);
  };
  const addRoute = (routeName: string, entry: MergedServerEntry, replace: boolean): void => {
    const existing = replace ? undefined : result.serversByRouteName.get(routeName);
    result.serversByRouteName.set(routeName, existing ? [...existing, entry] : [entry]);
    result.routeNameByServer.set(entry.serverId, routeName);
  };
  /** A new group on a port: plaintext ones become the port's reference for later servers. */
  const addServerGroup = (port: ServerPort, entry: MergedServerEntry, routeName: string): void => {
    if (!isTlsServer(entry.server)) plaintextByPort.set(port.number, port);
    if (isHttpServer(entry.server)) addRoute(routeName, entry, true);
    addGroup(port, entry, routeName);
  };

  for (const gateway of sortGateways(gateways)) {
    const namespace = namespaceOf(gateway);
    const name = gateway.metadata.name ?? "";
    const gatewayName = namespacedKeyOf(namespace, name);
    (gateway.spec?.servers ?? []).forEach((rawServer, index) => {
      const serverId = `${gatewayName}#${index}`;
      const reject = (port: number | undefined, code: RejectionCode, reason: string): void => {
        result.rejected.push({ gateway: gatewayName, serverId, port, code, reason });
        // Istio keeps TLS info of servers rejected after the host check; nothing reads it, so drop it here.
        if (code === "protocol-conflict" || code === "duplicate-https-route") result.tlsServerInfo.delete(serverId);
      };
      const portNumber = rawServer.port?.number;
      if (portNumber === undefined) return reject(undefined, "missing-port", "server has no port number");
      if (!rawServer.hosts?.length) return reject(portNumber, "missing-hosts", "server has no hosts");
      const protocol = parseProtocol(rawServer.port?.protocol);
      if (protocol === undefined) {
        return reject(portNumber, "unknown-protocol", `unknown protocol ${JSON.stringify(rawServer.port?.protocol ?? "")}`);
      }
      const server: IstioServer = { ...rawServer, hosts: normaliseHosts(rawServer.hosts, namespace) };
      const entry: MergedServerEntry = { gateway: gatewayName, serverId, server };
      const bind = server.bind ?? "";

      for (const resolvedPort of resolvePorts(portNumber, gateway)) {
        const routeName = gatewayRouteName(server, resolvedPort, name, namespace);
        if (server.tls) {
          const known = tlsHostBindsByPort.get(resolvedPort) ?? new Map<string, string>();
          tlsHostBindsByPort.set(resolvedPort, known);
          const duplicates = (server.hosts ?? []).filter((h) => known.get(h) === bind);
          if (duplicates.length > 0) {
            reject(resolvedPort, "duplicate-tls-host", `duplicate host names on port ${resolvedPort}: ${duplicates.join(", ")}`);
            continue;
          }
          // Claimed before the protocol checks below, as in Istio: a server later rejected
          // for a conflict still blocks its hosts. The latest bind wins for each host.
          for (const h of server.hosts ?? []) known.set(h, bind);
          result.tlsServerInfo.set(serverId, { routeName, sniHosts: sniHostsForServer(server) });
          if (server.tls.mode === "AUTO_PASSTHROUGH") result.containsAutoPassthrough = true;
        }
        const port: ServerPort = { number: resolvedPort, protocol: server.port?.protocol ?? "", bind };

        if (!portsInUse.has(resolvedPort)) {
          portsInUse.add(resolvedPort);
          addServerGroup(port, entry, routeName);
          continue;
        }
        const plaintext = plaintextByPort.get(resolvedPort);
        if (plaintext) {
          // Only HTTP-family servers can join an HTTP-family plaintext server; the rest need their own bind.
          const mergeable = isHttpFamily(parseProtocol(plaintext.protocol)) && isHttpFamily(protocol);
          if (plaintext.bind === bind) {
            if (!mergeable) {
              reject(resolvedPort, "protocol-conflict", `${protocol} conflicts with ${plaintext.protocol} already on port ${resolvedPort}${bind ? ` bind ${bind}` : ""}`);
              continue;
            }
            result.mergedServers.get(serverPortKey(plaintext))?.servers.push(entry);
            addRoute(routeName, entry, false);
            continue;
          }
          // A different bind is a different listener, whatever the protocol.
          const group = result.mergedServers.get(serverPortKey(port));
          if (!group) {
            addServerGroup(port, entry, routeName);
          } else {
            group.servers.push(entry);
            group.routeName = routeName;
            if (routeName) addRoute(routeName, entry, false);
          }
          continue;
        }
        // The port holds only TLS servers so far. A plaintext server (whichever bind) starts its own group.
        if (!isTlsServer(server)) {
          addServerGroup(port, entry, routeName);
          continue;
        }
        if (isHttpServer(server)) {
          // Each terminating HTTPS server needs a route of its own to serve only its hosts.
          if (result.serversByRouteName.has(routeName)) {
            reject(resolvedPort, "duplicate-https-route", `route ${routeName} is already used by another HTTPS server`);
            continue;
          }
          addRoute(routeName, entry, true);
        }
        const group = result.mergedServers.get(serverPortKey(port));
        if (group) group.servers.push(entry);
        else addGroup(port, entry, routeName);
      }
    });
  }

  for (const group of result.mergedServers.values()) {
    for (const { server } of group.servers) {
      if (server.tls?.mode === "AUTO_PASSTHROUGH") for (const h of server.hosts ?? []) autoPassthroughHosts.add(h);
    }
  }
  result.autoPassthroughSniHosts = [...autoPassthroughHosts].sort();
  return result;
}
