/**
 * Resource names clients and Istio tooling expect.
 */

/** Istio's cluster name for a service port and subset: `outbound|<port>|<subset>|<host>`. */
export function clusterName(host: string, port: number, subset = ""): string {
  return `outbound|${port}|${subset}|${host}`;
}

/** Parses a {@link clusterName}; undefined when the name has another shape. */
export function parseClusterName(name: string): { host: string; port: number; subset: string } | undefined {
  const parts = name.split("|");
  if (parts.length !== 4 || parts[0] !== "outbound") return undefined;
  const port = Number(parts[1]);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  return { port, subset: parts[2] ?? "", host: parts[3] ?? "" };
}

/** A gateway listener: `<bind>_<port>`, with `0.0.0.0` when the server names no bind. */
export function gatewayListenerName(bind: string, port: number): string {
  return `${bind === "" ? "0.0.0.0" : bind}_${port}`;
}

/** The listener a proxyless gRPC client asks for when dialling `xds:///<host>:<port>`. */
export function grpcListenerName(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A virtual host's name: `<host>:<port>`. */
export function virtualHostName(host: string, port: number): string {
  return `${host}:${port}`;
}

/** The cluster Istio routes a destination without a host to: it never exists, so Envoy answers with an error. */
export const UNKNOWN_SERVICE_CLUSTER = "UnknownService";
