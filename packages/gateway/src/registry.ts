/**
 * The mesh service registry the translator reads, keyed by hostname: @weft/mesh's
 * service index (one registry, with its ServiceEntry de-duplication applied once),
 * either the one shared through the options or one built here from the inputs, the
 * options' domain suffix and the mesh services they give. Each hostname has its one
 * canonical answer: a given mesh service first (it may carry external addresses),
 * then a Kubernetes Service as `<name>.<namespace>.svc.<domain suffix>` with the
 * addresses a Gateway's status reports (external IPs, load-balancer ingress, type,
 * cluster IPs), then the oldest ServiceEntry.
 */
import type { ServiceEntry } from "@weft/api";
import type { Collection } from "@weft/krt";
import { serviceIndex } from "@weft/mesh";
import type { MeshService, ResolvedOptions } from "./options.js";
import type { Service } from "./model/resources.js";

/**
 * The registry, and how to release what was built for it: nothing when the index is
 * shared (its owner disposes it), else the index built here.
 */
export function serviceRegistry(services: Collection<Service>, serviceEntries: Collection<ServiceEntry>, opts: ResolvedOptions): { registry: Collection<MeshService>; dispose: () => void } {
  if (opts.serviceIndex !== undefined) return { registry: opts.serviceIndex.canonicalByHost, dispose: () => {} };
  const index = serviceIndex(services, serviceEntries, { domainSuffix: opts.domainSuffix, given: opts.meshServices });
  return { registry: index.canonicalByHost, dispose: () => index.dispose() };
}
