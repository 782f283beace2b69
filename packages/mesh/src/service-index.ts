/**
 * The service index with ServiceEntry de-duplication (Istio 1.28.1, release note 57782).
 * Kubernetes Services and ServiceEntries both declare hostnames; when they overlap, one
 * answer must win, or proxies get two clusters for one name. As in Istio's ambient
 * registry, the contest is held per namespace:
 *
 * - within one namespace a Kubernetes Service owns its hostname: the namespace's
 *   ServiceEntry infos for that hostname are dropped;
 * - else the namespace's oldest ServiceEntry wins (creationTimestamp, then name), so
 *   adding a newer entry never steals a hostname in use;
 * - the same hostname in another namespace is another contest, with its own winner.
 *
 * Of the namespace winners of a hostname exactly one is marked `canonical`, the answer for
 * a client outside those namespaces: a Kubernetes Service if there is one, else the oldest.
 *
 * Everything is a krt collection: a winner check fetches only the infos of its own
 * hostname, so deleting a winner recomputes that hostname alone.
 */
import { compareStrings, namespaceOf, type Service, type ServiceEntry } from "@weft/api";
import { collection, filter, index, join, manyCollection, type Collection, type Index } from "@weft/krt";
import { creationMillis } from "./object-order.js";

export interface ServiceInfo {
  hostname: string;
  source: "Service" | "ServiceEntry";
  namespace: string;
  /** The name of the Service or ServiceEntry the info came from. */
  name: string;
  /** Milliseconds since the epoch; objects without a usable one sort first, as Kubernetes' zero time does. */
  createdAt: number;
  ports: { name?: string; port: number; protocol?: string }[];
}

/** A service info that won its namespace's contest for its hostname. */
export interface IndexedServiceInfo extends ServiceInfo {
  /** Whether this is the one answer for the hostname across namespaces. */
  canonical: boolean;
}

export interface ServiceIndex {
  /**
   * Every service info that survived de-duplication (at most one per hostname and
   * namespace), keyed `<source>/<namespace>/<name>/<hostname>`.
   */
  services: Collection<IndexedServiceInfo>;
  /** The surviving infos by hostname: one per namespace that declares it. */
  byHostname: Index<string, IndexedServiceInfo>;
  /** The canonical info of each hostname (exactly one per hostname), for consumers with one answer per name. */
  canonical: Collection<IndexedServiceInfo>;
}

export interface ServiceIndexOptions {
  /** The cluster domain of Kubernetes Service hostnames. Defaults to `cluster.local`. */
  domainSuffix?: string;
}

export const serviceInfoKey = (info: ServiceInfo): string => `${info.source}/${info.namespace}/${info.name}/${info.hostname}`;

/** Orders service infos of one hostname: oldest first, then by namespace/name. */
export function olderFirst(a: ServiceInfo, b: ServiceInfo): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return compareStrings(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`);
}

export function serviceInfoOfService(service: Service, domainSuffix: string): ServiceInfo {
  const namespace = namespaceOf(service);
  return {
    hostname: `${service.metadata.name}.${namespace}.svc.${domainSuffix}`,
    source: "Service",
    namespace,
    name: service.metadata.name,
    createdAt: creationMillis(service.metadata.creationTimestamp),
    ports: (service.spec?.ports ?? []).map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
  };
}

export function serviceInfosOfServiceEntry(entry: ServiceEntry): ServiceInfo[] {
  const namespace = namespaceOf(entry);
  const ports = (entry.spec?.ports ?? []).flatMap((p) => (p.number === undefined ? [] : [{ name: p.name, port: p.number, protocol: p.protocol }]));
  // A host listed twice in one entry is one service.
  return [...new Set(entry.spec?.hosts ?? [])].map((hostname) => ({
    hostname,
    source: "ServiceEntry" as const,
    namespace,
    name: entry.metadata.name,
    createdAt: creationMillis(entry.metadata.creationTimestamp),
    ports,
  }));
}

/**
 * Orders the candidates of one contest, best first: a Kubernetes Service before any
 * ServiceEntry, then {@link olderFirst}.
 */
export function betterFirst(a: ServiceInfo, b: ServiceInfo): number {
  if (a.source !== b.source) return a.source === "Service" ? -1 : 1;
  return olderFirst(a, b);
}

/**
 * The winners among the infos of one hostname, each marked canonical or not: one per
 * namespace, and exactly one canonical among them.
 */
export function selectServiceInfos(sameHostname: readonly ServiceInfo[]): IndexedServiceInfo[] {
  const byNamespace = new Map<string, ServiceInfo>();
  for (const info of sameHostname) {
    const current = byNamespace.get(info.namespace);
    if (current === undefined || betterFirst(info, current) < 0) byNamespace.set(info.namespace, info);
  }
  const winners = [...byNamespace.values()];
  const canonical = winners.reduce<ServiceInfo | undefined>((top, w) => (top === undefined || betterFirst(w, top) < 0 ? w : top), undefined);
  return winners.map((w) => ({ ...w, canonical: w === canonical }));
}

export function serviceIndex(services: Collection<Service>, serviceEntries: Collection<ServiceEntry>, opts: ServiceIndexOptions = {}): ServiceIndex {
  const domainSuffix = opts.domainSuffix ?? "cluster.local";
  const kubeInfos = collection(services, (_ctx, service) => serviceInfoOfService(service, domainSuffix), {
    name: "ServiceInfos/Service",
    key: serviceInfoKey,
  });
  const entryInfos = manyCollection(serviceEntries, (_ctx, entry) => serviceInfosOfServiceEntry(entry), {
    name: "ServiceInfos/ServiceEntry",
    key: serviceInfoKey,
  });
  const candidates = join([kubeInfos, entryInfos], { name: "ServiceInfos/candidates", key: serviceInfoKey });
  const candidatesByHost = index(candidates, (info) => [info.hostname]);

  // Each info depends only on the infos of its own hostname, so a change elsewhere never
  // re-runs it; a change within the hostname re-runs its infos in every namespace, since
  // the canonical mark is decided across namespaces.
  const winners = collection(
    candidates,
    (ctx, info): IndexedServiceInfo | undefined => {
      const selected = selectServiceInfos(ctx.fetch(candidates, filter.index(candidatesByHost, info.hostname)));
      return selected.find((w) => serviceInfoKey(w) === serviceInfoKey(info));
    },
    { name: "ServiceInfos", key: serviceInfoKey },
  );
  const canonical = collection(winners, (_ctx, info) => (info.canonical ? info : undefined), { name: "ServiceInfos/canonical", key: serviceInfoKey });
  return { services: winners, byHostname: index(winners, (info) => [info.hostname]), canonical };
}
