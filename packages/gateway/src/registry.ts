/**
 * The mesh service registry as a collection keyed by hostname: the services given in
 * the options first (they may carry external addresses), then every Kubernetes
 * Service as `<name>.<namespace>.svc.<domain suffix>`.
 */
import { items } from "./model/lists.js";
import { collection, join, staticCollection, type Collection } from "@weft/krt";
import type { MeshService, ResolvedOptions } from "./options.js";
import type { Service } from "./model/resources.js";
import { serviceHostname } from "./names.js";

export function serviceRegistry(services: Collection<Service>, opts: ResolvedOptions): Collection<MeshService> {
  const byHostname = { key: (s: MeshService) => s.hostname };
  const given = staticCollection(opts.meshServices, { ...byHostname, name: "MeshServices" });
  const fromKubernetes = collection(
    services,
    (_ctx, svc): MeshService => ({
      hostname: serviceHostname(svc.metadata.name, svc.metadata.namespace ?? "default", opts.domainSuffix),
      namespace: svc.metadata.namespace ?? "default",
      name: svc.metadata.name,
      ports: items(svc.spec?.ports).map((p) => ({ port: p.port, ...(p.name === undefined ? {} : { name: p.name }), ...(p.protocol === undefined ? {} : { protocol: p.protocol }) })),
    }),
    { ...byHostname, name: "KubernetesServices" },
  );
  return join([given, fromKubernetes], { ...byHostname, name: "ServiceRegistry" });
}
