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
 * - the same hostname in another namespace is another contest, with its own winner;
 * - a service the embedder gives (`given`: another cluster's registry, say) wins its
 *   hostname over both.
 *
 * Of the namespace winners of a hostname exactly one is marked `canonical`, the answer for
 * a client outside those namespaces: a given service if there is one, else a Kubernetes
 * Service, else the oldest. This is the one service registry: the Gateway API translator
 * and the xDS builders read the same index (`canonicalByHost` and `canonical`).
 *
 * Everything is a krt collection: a winner check fetches only the infos of its own
 * hostname, so deleting a winner recomputes that hostname alone.
 */
import { compareStrings, type Service, type ServiceEntry, namespacedKeyOf, type BrandedKey } from "@weft/api";
import { collection, dispose, filter, index, join, manyCollection, staticCollection, type Collection, type Index } from "@weft/krt";
import { serviceInfoOfService, serviceInfosOfGiven, serviceInfosOfServiceEntry, type MeshService, type ServiceInfo, type ServiceSource } from "./service-info.js";

export {
  serviceClusterIPs,
  serviceExternalAddresses,
  serviceInfoOfService,
  serviceInfosOfGiven,
  serviceInfosOfServiceEntry,
  type MeshService,
  type MeshServicePort,
  type ServiceInfo,
  type ServiceSource,
} from "./service-info.js";

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
  /**
   * The same canonical infos keyed by their hostname, so a consumer holding a hostname
   * reads its one answer with `ctx.fetchOne(canonicalByHost, filter.key(hostname))`
   * and depends on that hostname alone (the Gateway API translator does).
   */
  canonicalByHost: Collection<IndexedServiceInfo>;
  /** The domain suffix the Kubernetes Service hostnames were built with. */
  domainSuffix: string;
  /** Stops maintaining the index (every collection above; a second call does nothing), leaving its input collections alone. */
  dispose(): void;
}

export interface ServiceIndexOptions {
  /** The cluster domain of Kubernetes Service hostnames. Defaults to `cluster.local`. */
  domainSuffix?: string;
  /**
   * Services the mesh knows that are not among the input collections (another cluster's
   * registry, say), one per hostname (a later entry for a hostname replaces an earlier
   * one). A given service wins its hostname: in its namespace over any Service or
   * ServiceEntry, and as the canonical answer.
   */
  given?: readonly MeshService[];
}

/** A service info's key, `source/namespace/name/hostname`, built only by {@link serviceInfoKey}. */
export type ServiceInfoKey = BrandedKey<"ServiceInfoKey">;

export const serviceInfoKey = (info: ServiceInfo): ServiceInfoKey => `${info.source}/${info.namespace}/${info.name}/${info.hostname}` as ServiceInfoKey;

/** Orders service infos of one hostname: oldest first, then by namespace/name. */
export function olderFirst(a: ServiceInfo, b: ServiceInfo): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return compareStrings(namespacedKeyOf(a.namespace, a.name), namespacedKeyOf(b.namespace, b.name));
}

/** Which source wins a contest: what the embedder gave, then a Kubernetes Service, then a ServiceEntry. */
const SOURCE_RANK: Readonly<Record<ServiceSource, number>> = { Given: 0, Service: 1, ServiceEntry: 2 };

/**
 * Orders the candidates of one contest, best first: a given service, then a Kubernetes
 * Service, before any ServiceEntry; then {@link olderFirst}.
 */
export function betterFirst(a: ServiceInfo, b: ServiceInfo): number {
  if (a.source !== b.source) return SOURCE_RANK[a.source] - SOURCE_RANK[b.source];
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
  const givenInfos = serviceInfosOfGiven(opts.given ?? []);
  // A static collection only when there is something given: it is the index's own root.
  const given = givenInfos.length === 0 ? undefined : staticCollection(givenInfos, { name: "ServiceInfos/Given", key: serviceInfoKey });
  const kubeInfos = collection(services, (_ctx, service) => serviceInfoOfService(service, domainSuffix), {
    name: "ServiceInfos/Service",
    key: serviceInfoKey,
  });
  const entryInfos = manyCollection(serviceEntries, (_ctx, entry) => serviceInfosOfServiceEntry(entry), {
    name: "ServiceInfos/ServiceEntry",
    key: serviceInfoKey,
  });
  const candidates = join(given === undefined ? [kubeInfos, entryInfos] : [given, kubeInfos, entryInfos], { name: "ServiceInfos/candidates", key: serviceInfoKey });
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
  // Keyed by hostname: while the canonical mark moves within one propagation two infos may
  // claim a hostname for a moment; krt keeps one and reveals the other when it lets go.
  let disposed = false;
  const canonicalByHost = collection(canonical, (_ctx, info) => info, { name: "ServiceInfos/canonicalByHost", key: (info) => info.hostname });
  return {
    services: winners,
    byHostname: index(winners, (info) => [info.hostname]),
    canonical,
    canonicalByHost,
    domainSuffix,
    dispose() {
      if (disposed) return;
      disposed = true;
      // Everything else is derived from these; the inputs are the caller's.
      for (const c of [given, kubeInfos, entryInfos]) if (c !== undefined) dispose(c);
    },
  };
}
