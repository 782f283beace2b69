/**
 * The service index with ServiceEntry de-duplication (Istio 1.28.1). Kubernetes
 * Services and ServiceEntries both declare hostnames; when they overlap, one answer
 * must win, or proxies get two clusters for one name:
 *
 * - a Kubernetes Service owns its hostname outright: every ServiceEntry service info
 *   for that hostname is dropped;
 * - among ServiceEntries sharing a hostname the oldest wins (creationTimestamp, then
 *   namespace/name), so adding a newer entry never steals a hostname in use.
 *
 * Everything is a krt collection, so deleting a winner promotes the next candidate by
 * recomputing only the service infos of that hostname.
 */
import type { Service, ServiceEntry } from "@weft/api";
import { collection, filter, index, join, manyCollection, type Collection, type Index } from "@weft/krt";
import { compareText, creationMillis } from "./object-order.js";

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

export interface ServiceIndex {
  /** Every service info that survived de-duplication, keyed `<source>/<namespace>/<name>/<hostname>`. */
  services: Collection<ServiceInfo>;
  /** The surviving infos by hostname (at most one per hostname). */
  byHostname: Index<string, ServiceInfo>;
}

export interface ServiceIndexOptions {
  /** The cluster domain of Kubernetes Service hostnames. Defaults to `cluster.local`. */
  domainSuffix?: string;
}

export const serviceInfoKey = (info: ServiceInfo): string => `${info.source}/${info.namespace}/${info.name}/${info.hostname}`;

/** Orders ServiceEntry infos of one hostname: oldest first, then by namespace/name. */
export function olderFirst(a: ServiceInfo, b: ServiceInfo): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return compareText(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`);
}

export function serviceInfoOfService(service: Service, domainSuffix: string): ServiceInfo {
  const namespace = service.metadata.namespace ?? "default";
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
  const namespace = entry.metadata.namespace ?? "default";
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
  const kubeByHost = index(kubeInfos, (info) => [info.hostname]);
  const entriesByHost = index(entryInfos, (info) => [info.hostname]);

  // Each ServiceEntry info depends only on the infos of its own hostname, so a change
  // elsewhere never re-runs it.
  const winningEntryInfos = collection(
    entryInfos,
    (ctx, info) => {
      if (ctx.fetch(kubeInfos, filter.index(kubeByHost, info.hostname)).length > 0) return undefined;
      const rivals = ctx.fetch(entryInfos, filter.index(entriesByHost, info.hostname));
      const winner = rivals.reduce((best, candidate) => (olderFirst(candidate, best) < 0 ? candidate : best), info);
      return serviceInfoKey(winner) === serviceInfoKey(info) ? info : undefined;
    },
    { name: "ServiceInfos/ServiceEntry/deduplicated", key: serviceInfoKey },
  );

  const all = join([kubeInfos, winningEntryInfos], { name: "ServiceInfos", key: serviceInfoKey });
  return { services: all, byHostname: index(all, (info) => [info.hostname]) };
}
