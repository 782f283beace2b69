/**
 * Resolving a route's backendRefs to Istio destinations: a Service (the default kind)
 * becomes its cluster-local hostname; the port is the backendRef's.
 */
import type { RouteDestination } from "../model/istio.js";
import type { BackendRef } from "../model/resources.js";
import { serviceHostname } from "../names.js";

export function destinationOf(ref: BackendRef, routeNamespace: string, domainSuffix: string): RouteDestination {
  return {
    destination: {
      host: serviceHostname(ref.name, ref.namespace ?? routeNamespace, domainSuffix),
      ...(ref.port === undefined ? {} : { port: { number: ref.port } }),
    },
  };
}

/** Destinations with weights: a single backend carries none; several carry theirs (default 1). */
export function weightedDestinations(refs: readonly BackendRef[], routeNamespace: string, domainSuffix: string): RouteDestination[] {
  const out = refs.map((r) => destinationOf(r, routeNamespace, domainSuffix));
  if (out.length > 1) out.forEach((d, i) => (d.weight = refs[i]!.weight ?? 1));
  return out;
}
