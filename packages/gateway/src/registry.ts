/**
 * The mesh service registry as a collection keyed by hostname: the services given in
 * the options first (they may carry external addresses), then every Kubernetes
 * Service as `<name>.<namespace>.svc.<domain suffix>`, with the addresses a Gateway's
 * status reports: its external ones (external IPs, then load-balancer ingress IPs or
 * hostnames, as Istio's registry gathers them), its type (a LoadBalancer without
 * ingress is pending) and its cluster IPs.
 */
import { items, records } from "./model/lists.js";
import { namespaceOf, type ServiceEntry } from "@weft/api";
import { collection, join, manyCollection, staticCollection, type Collection } from "@weft/krt";
import type { MeshService, ResolvedOptions } from "./options.js";
import type { Service } from "./model/resources.js";
import { serviceHostname } from "./names.js";

/** A Service's addresses reachable from outside the cluster. */
export function serviceExternalAddresses(svc: Service): string[] {
  const out = items(svc.spec?.externalIPs).filter((a): a is string => typeof a === "string" && a !== "");
  if (svc.spec?.type === "LoadBalancer") {
    for (const ingress of records(svc.status?.loadBalancer?.ingress)) {
      const address = ingress.ip ?? ingress.hostname;
      if (typeof address === "string" && address !== "" && !out.includes(address)) out.push(address);
    }
  }
  return out;
}

/** A Service's cluster IPs; a headless Service ("None") has none. */
export function serviceClusterIPs(svc: Service): string[] {
  const listed = items(svc.spec?.clusterIPs).filter((a): a is string => typeof a === "string");
  const ips = listed.length > 0 ? listed : typeof svc.spec?.clusterIP === "string" ? [svc.spec.clusterIP] : [];
  return ips.filter((ip) => ip !== "" && ip !== "None");
}

export function serviceRegistry(services: Collection<Service>, serviceEntries: Collection<ServiceEntry>, opts: ResolvedOptions): Collection<MeshService> {
  const byHostname = { key: (s: MeshService) => s.hostname };
  const given = staticCollection(opts.meshServices, { ...byHostname, name: "MeshServices" });
  const fromKubernetes = collection(
    services,
    (_ctx, svc): MeshService => ({
      hostname: serviceHostname(svc.metadata.name, namespaceOf(svc), opts.domainSuffix),
      namespace: namespaceOf(svc),
      name: svc.metadata.name,
      ...(svc.spec?.type === undefined ? {} : { type: svc.spec.type }),
      ...(serviceExternalAddresses(svc).length > 0 ? { externalAddresses: serviceExternalAddresses(svc) } : {}),
      ...(serviceClusterIPs(svc).length > 0 ? { clusterIPs: serviceClusterIPs(svc) } : {}),
      ports: items(svc.spec?.ports).map((p) => ({
        port: p.port,
        ...(p.name === undefined ? {} : { name: p.name }),
        ...(p.protocol === undefined ? {} : { protocol: p.protocol }),
        ...(typeof p.targetPort === "number" ? { targetPort: p.targetPort } : {}),
      })),
    }),
    { ...byHostname, name: "KubernetesServices" },
  );
  const fromServiceEntries = manyCollection(
    serviceEntries,
    (_ctx, se): MeshService[] =>
      items(se.spec?.hosts)
        .filter((h): h is string => typeof h === "string")
        .map((hostname) => ({
          hostname,
          namespace: namespaceOf(se),
          ports: records(se.spec?.ports)
            .filter((p) => typeof p.number === "number")
            .map((p) => ({ port: p.number as number, ...(p.name === undefined ? {} : { name: p.name }), ...(p.protocol === undefined ? {} : { protocol: p.protocol }) })),
        })),
    { ...byHostname, name: "ServiceEntryServices" },
  );
  return join([given, fromKubernetes, fromServiceEntries], { ...byHostname, name: "ServiceRegistry" });
}
