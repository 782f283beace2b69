/**
 * The endpoints input of the xDS builders, derived from EndpointSlices and the Services
 * they belong to, as krt collections: each slice contributes its part of a service
 * port's endpoints (its port matched to the Service's port by name), and the parts of
 * one port are gathered in slice-name order, so the result does not depend on the
 * order slices arrive in. A changed slice recomputes only its ports' endpoints.
 *
 * It lives here, beside `ServiceEndpoints` and its key, because its output is the xDS
 * builders' input vocabulary (@weft/mesh cannot name it: @weft/xds depends on mesh).
 * A slice of an unknown Service, or a port the Service does not have, contributes
 * nothing; without slices a cluster simply has no endpoints, which is what a proxy
 * would get from a Service with no ready pods.
 */
import { compareStrings, namespacedKey, namespaceOf, type EndpointSlice, type Service } from "@weft/api";
import { collection, filter, index, manyCollection, type Collection } from "@weft/krt";
import { serviceEndpointsKey, type EndpointInput, type ServiceEndpoints } from "../model.js";

/** The label that names the Service an EndpointSlice belongs to. */
export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";

export interface EndpointSliceOptions {
  /** The cluster domain of Service hostnames. Default `cluster.local`. */
  domainSuffix?: string;
}

/** One slice's endpoints for one service port. */
interface SlicePart {
  key: string;
  portKey: string;
  slice: string;
  hostname: string;
  port: number;
  endpoints: EndpointInput[];
}

/** A list field of an input object, or nothing when it holds something else (bad input is data). */
const listOf = <T>(value: readonly T[] | undefined | null): readonly T[] => (Array.isArray(value) ? value : []);

/** Ready unless it says otherwise: an absent `ready` means ready when not terminating, as Kubernetes reads it. */
function ready(e: EndpointSlice["endpoints"][number]): boolean {
  return e.conditions?.ready ?? !(e.conditions?.terminating ?? false);
}

function endpointsOf(slice: EndpointSlice, targetPort: number): EndpointInput[] {
  return listOf(slice.endpoints).flatMap((e) =>
    listOf(e?.addresses).map((address) => ({ address, port: targetPort, healthy: ready(e), ...(e.zone === undefined ? {} : { locality: { zone: e.zone } }) })),
  );
}

/** A slice's parts: one per slice port that names a port of its Service. */
function sliceParts(slice: EndpointSlice, service: Service | undefined, domainSuffix: string): SlicePart[] {
  if (service === undefined) return [];
  const namespace = namespaceOf(slice);
  const hostname = `${service.metadata.name}.${namespace}.svc.${domainSuffix}`;
  return listOf(slice.ports).flatMap((slicePort) => {
    const servicePort = listOf(service.spec?.ports).find((p) => (p.name ?? "") === (slicePort.name ?? ""));
    if (servicePort === undefined || slicePort.port === undefined) return [];
    const portKey = serviceEndpointsKey({ hostname, port: servicePort.port });
    return [{ key: `${portKey}#${slice.metadata.name}`, portKey, slice: slice.metadata.name, hostname, port: servicePort.port, endpoints: endpointsOf(slice, slicePort.port) }];
  });
}

/**
 * Endpoints per service port (keyed as the xDS builders look them up) from EndpointSlice
 * and Service collections: informers in a controller, static collections one-shot.
 */
export function endpointsFromSlices(slices: Collection<EndpointSlice>, services: Collection<Service>, opts: EndpointSliceOptions = {}): Collection<ServiceEndpoints> {
  const domainSuffix = opts.domainSuffix ?? "cluster.local";
  const parts = manyCollection(
    slices,
    (ctx, slice): SlicePart[] => {
      const serviceName = slice.metadata.labels?.[SERVICE_NAME_LABEL];
      if (typeof serviceName !== "string") return [];
      const service = ctx.fetchOne(services, filter.key(namespacedKey({ metadata: { name: serviceName, namespace: namespaceOf(slice) } })));
      return sliceParts(slice, service, domainSuffix);
    },
    { name: "EndpointSliceParts", key: (p) => p.key },
  );
  const partsByPort = index(parts, (p) => [p.portKey]);
  const ports = manyCollection(parts, (_ctx, p) => [{ key: p.portKey }], { name: "EndpointPorts", key: (p) => p.key });
  return collection(
    ports,
    (ctx, { key }): ServiceEndpoints | undefined => {
      const found = [...ctx.fetch(parts, filter.index(partsByPort, key))].sort((a, b) => compareStrings(a.slice, b.slice));
      const first = found[0];
      return first === undefined ? undefined : { hostname: first.hostname, port: first.port, endpoints: found.flatMap((p) => p.endpoints) };
    },
    { name: "ServiceEndpoints", key: serviceEndpointsKey },
  );
}
