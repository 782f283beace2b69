/**
 * What the mesh knows about one service, and how Kubernetes Services, ServiceEntries and
 * services given by the embedder become that. These infos are the candidates of the
 * service index's de-duplication (service-index.ts); every consumer (the Gateway API
 * translator, the xDS builders) reads the same infos from the one index.
 *
 * The conversions read their objects defensively: an object that reaches them without
 * going through @weft/api's loader may carry anything where a list belongs, and bad
 * input is data, never a crash (a non-array is an empty list here).
 */
import { namespaceOf, type Service, type ServiceEntry } from "@weft/api";
import { creationMillis } from "./object-order.js";

/** One port of a mesh service. */
export interface MeshServicePort {
  name?: string;
  port: number;
  protocol?: string;
  /** The workload port traffic to this port is sent to, when known (a Service's numeric targetPort). */
  targetPort?: number;
}

/**
 * A service as the mesh registry knows it, whatever its source. Embedders give services
 * in this shape that are not Kubernetes Services among the inputs (another cluster's
 * registry, say); every {@link ServiceInfo} is one too, so a consumer that only reads a
 * service can take either.
 */
export interface MeshService {
  hostname: string;
  namespace: string;
  /** The Kubernetes Service name, when it is one. */
  name?: string;
  labels?: Record<string, string>;
  /** Addresses reachable from outside (a LoadBalancer's ingress, external IPs), reported in Gateway status. */
  externalAddresses?: string[];
  /** The Kubernetes Service type (ClusterIP, LoadBalancer...), when it is one. */
  type?: string;
  /** The cluster-internal virtual IPs (a Service's ClusterIP(s)). */
  clusterIPs?: string[];
  ports: MeshServicePort[];
}

/** Where a service info came from. `Given`: passed in by the embedder (`ServiceIndexOptions.given`). */
export type ServiceSource = "Given" | "Service" | "ServiceEntry";

/** One candidate of the service index: a service and where it came from. */
export interface ServiceInfo extends MeshService {
  source: ServiceSource;
  /** The name of the Service or ServiceEntry the info came from ("" for a given service without one). */
  name: string;
  /** Milliseconds since the epoch; objects without a usable one sort first, as Kubernetes' zero time does. */
  createdAt: number;
}

/** A list field of an input object, or nothing when it holds something else. */
function listOf<T>(value: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/** The entries of a list field that are objects (a string spread into an object would become one key per character). */
function recordsOf<T>(value: readonly T[] | undefined | null): readonly T[] {
  return listOf(value).filter((v) => typeof v === "object" && v !== null && !Array.isArray(v));
}

/** A Service's addresses reachable from outside the cluster: external IPs, then load-balancer ingress IPs or hostnames, as Istio's registry gathers them. */
export function serviceExternalAddresses(svc: Service): string[] {
  const out = listOf(svc.spec?.externalIPs).filter((a): a is string => typeof a === "string" && a !== "");
  if (svc.spec?.type === "LoadBalancer") {
    for (const ingress of recordsOf(svc.status?.loadBalancer?.ingress)) {
      const address = ingress.ip ?? ingress.hostname;
      if (typeof address === "string" && address !== "" && !out.includes(address)) out.push(address);
    }
  }
  return out;
}

/** A Service's cluster IPs; a headless Service ("None") has none. */
export function serviceClusterIPs(svc: Service): string[] {
  const listed = listOf(svc.spec?.clusterIPs).filter((a): a is string => typeof a === "string");
  const ips = listed.length > 0 ? listed : typeof svc.spec?.clusterIP === "string" ? [svc.spec.clusterIP] : [];
  return ips.filter((ip) => ip !== "" && ip !== "None");
}

/** A Kubernetes Service as `<name>.<namespace>.svc.<domain suffix>`, with its addresses, type and ports. */
export function serviceInfoOfService(service: Service, domainSuffix: string): ServiceInfo {
  const namespace = namespaceOf(service);
  const externalAddresses = serviceExternalAddresses(service);
  const clusterIPs = serviceClusterIPs(service);
  return {
    hostname: `${service.metadata.name}.${namespace}.svc.${domainSuffix}`,
    source: "Service",
    namespace,
    name: service.metadata.name,
    createdAt: creationMillis(service.metadata.creationTimestamp),
    ...(service.spec?.type === undefined ? {} : { type: service.spec.type }),
    ...(externalAddresses.length > 0 ? { externalAddresses } : {}),
    ...(clusterIPs.length > 0 ? { clusterIPs } : {}),
    ports: listOf(service.spec?.ports).map((p) => ({
      port: p.port,
      ...(p.name === undefined ? {} : { name: p.name }),
      ...(p.protocol === undefined ? {} : { protocol: p.protocol }),
      ...(typeof p.targetPort === "number" ? { targetPort: p.targetPort } : {}),
    })),
  };
}

/** One info per host of a ServiceEntry, each with the entry's numbered ports. */
export function serviceInfosOfServiceEntry(entry: ServiceEntry): ServiceInfo[] {
  const namespace = namespaceOf(entry);
  const ports = recordsOf(entry.spec?.ports).flatMap((p) =>
    typeof p.number !== "number" ? [] : [{ port: p.number, ...(p.name === undefined ? {} : { name: p.name }), ...(p.protocol === undefined ? {} : { protocol: p.protocol }) }],
  );
  // A host listed twice in one entry is one service.
  const hosts = new Set(listOf(entry.spec?.hosts).filter((h): h is string => typeof h === "string"));
  return [...hosts].map((hostname) => ({
    hostname,
    source: "ServiceEntry" as const,
    namespace,
    name: entry.metadata.name,
    createdAt: creationMillis(entry.metadata.creationTimestamp),
    ports,
  }));
}

/**
 * The infos of services given by the embedder, one per hostname: a later entry for a
 * hostname replaces an earlier one, as writing them one by one into a registry would.
 * They carry no creation time (they sort first among equals).
 */
export function serviceInfosOfGiven(given: readonly MeshService[]): ServiceInfo[] {
  const byHostname = new Map<string, ServiceInfo>();
  for (const service of given) {
    byHostname.set(service.hostname, { ...service, source: "Given", name: service.name ?? "", createdAt: Number.NEGATIVE_INFINITY });
  }
  return [...byHostname.values()];
}
