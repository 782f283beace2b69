/**
 * The clusters of a service: one per port (`outbound|<port>||<host>`) and one per
 * DestinationRule subset on each port (`outbound|<port>|<subset>|<host>`), each with the
 * traffic policy in force for it. Plans are plain data: the Cluster and its endpoints
 * are built from them separately, so an endpoint change never rebuilds a Cluster.
 */
import type { ServiceInfo } from "@weft/mesh";
import { clusterName } from "../names.js";
import { clusterPolicy, type ClusterPolicy, type EffectiveRule } from "./destination-rules.js";

export interface ClusterPlan {
  /** The cluster name. */
  name: string;
  host: string;
  port: number;
  subset: string;
  /** The service port's protocol as declared (HTTP2 and GRPC need HTTP/2 upstream). */
  protocol: string;
  /** A subset's labels: only endpoints carrying all of them belong to it. */
  labels?: Record<string, string>;
  policy: ClusterPolicy;
  /** The DestinationRules (`namespace/name`) the policy came from. */
  rules: string[];
}

const APP_PROTOCOLS = new Set(["HTTP", "HTTP2", "HTTPS", "GRPC", "GRPC-WEB", "TLS", "MONGO", "REDIS", "MYSQL"]);
/** Keyed by a port name's prefix (input): a Map, so a port named `constructor` is no protocol. */
const NAME_PREFIXES = new Map([["grpc", "GRPC"], ["grpc-web", "GRPC-WEB"], ["http2", "HTTP2"], ["h2c", "HTTP2"], ["http", "HTTP"], ["https", "HTTPS"], ["tls", "TLS"]]);

/**
 * The application protocol of a service port: a ServiceEntry states it; a Kubernetes
 * Service port says TCP, and Istio reads the protocol from the port name's prefix
 * (`grpc`, `grpc-api`, `http2-x`).
 */
export function appProtocol(port: { name?: string; protocol?: string }): string {
  // Read defensively: a port from unparsed input may carry anything in these fields.
  const declared = typeof port.protocol === "string" ? port.protocol.toUpperCase() : "";
  if (APP_PROTOCOLS.has(declared)) return declared;
  const name = typeof port.name === "string" ? port.name.toLowerCase() : "";
  const prefix = name.startsWith("grpc-web") ? "grpc-web" : name.split("-")[0] ?? "";
  return NAME_PREFIXES.get(prefix) ?? declared;
}

export function clusterPlans(service: ServiceInfo, rule: EffectiveRule | undefined): ClusterPlan[] {
  const out: ClusterPlan[] = [];
  const host = service.hostname.toLowerCase();
  for (const p of service.ports) {
    const protocol = appProtocol(p);
    const rules = rule?.rules ?? [];
    out.push({ name: clusterName(host, p.port), host, port: p.port, subset: "", protocol, policy: clusterPolicy(rule, p.port), rules });
    for (const subset of rule?.subsets ?? []) {
      if (!subset.name) continue;
      out.push({ name: clusterName(host, p.port, subset.name), host, port: p.port, subset: subset.name, protocol, labels: subset.labels ?? {}, policy: clusterPolicy(rule, p.port, subset), rules });
    }
  }
  return out;
}
