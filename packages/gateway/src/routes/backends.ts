/**
 * Resolving a route's backendRefs to Istio destinations. A Service (the default
 * kind) becomes its cluster-local hostname and must be known to the registry;
 * otherwise the route's ResolvedRefs is False with BackendNotFound, and the
 * destination is still written (traffic to it fails, as it should).
 */
import { filter, type Collection, type HandlerContext } from "@weft/krt";
import type { RouteDestination } from "../model/istio.js";
import type { BackendRef } from "../model/resources.js";
import { serviceHostname } from "../names.js";
import type { MeshService } from "../options.js";
import type { RefsOutcome } from "./route-status.js";

export interface ResolvedBackends {
  destinations: RouteDestination[];
  refs: RefsOutcome;
}

/** Destinations with weights: a single backend carries none; several carry theirs (default 1). */
export function resolveBackends(ctx: HandlerContext, registry: Collection<MeshService>, refs: readonly BackendRef[], routeNamespace: string, domainSuffix: string): ResolvedBackends {
  let outcome: RefsOutcome = { ok: true };
  const destinations = refs.map((ref): RouteDestination => {
    const host = serviceHostname(ref.name, ref.namespace ?? routeNamespace, domainSuffix);
    if (outcome.ok && ctx.fetchOne(registry, filter.key(host)) === undefined) {
      outcome = { ok: false, reason: "BackendNotFound", message: `backend(${host}) not found` };
    }
    return { destination: { host, ...(ref.port === undefined ? {} : { port: { number: ref.port } }) } };
  });
  if (destinations.length > 1) destinations.forEach((d, i) => (d.weight = refs[i]!.weight ?? 1));
  return { destinations, refs: outcome };
}
