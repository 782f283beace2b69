/**
 * The mesh service registry as a collection keyed by hostname: the services given in
 * the options first (they may carry external addresses), then every Kubernetes
 * Service as `<name>.<namespace>.svc.<domain suffix>`.
 */
import { items, records } from "./model/lists.js";
import type { ServiceEntry } from "@weft/api";
import { collection, join, manyCollection, staticCollection, type Collection } from "@weft/krt";
import type { MeshService, ResolvedOptions } from "./options.js";
import type { Service } from "./model/resources.js";
import { serviceHostname } from "./names.js";

export function serviceRegistry(services: Collection<Service>, serviceEntries: Collection<ServiceEntry>, opts: ResolvedOptions): Collection<MeshService> {
  const byHostname = { key: (s: MeshService) => s.hostname };
  const given = staticCollection(opts.meshServices, { ...byHostname, name: "MeshServices" });
  const fromKubernetes = collection(
    services,
    (_ctx, svc): MeshService => ({
      hostname: serviceHostname(svc.metadata.name, svc.metadata.namespace ?? "default", opts.domainSuffix),
      namespace: svc.metadata.namespace ?? "default",
      name: svc.metadata.name,
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
          namespace: se.metadata.namespace ?? "default",
          ports: records(se.spec?.ports)
            .filter((p) => typeof p.number === "number")
            .map((p) => ({ port: p.number as number, ...(p.name === undefined ? {} : { name: p.name }), ...(p.protocol === undefined ? {} : { protocol: p.protocol }) })),
        })),
    { ...byHostname, name: "ServiceEntryServices" },
  );
  return join([given, fromKubernetes, fromServiceEntries], { ...byHostname, name: "ServiceRegistry" });
}
