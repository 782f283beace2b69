/**
 * The endpoints @weft/xds assigns to clusters, derived from EndpointSlice and Service
 * collections (informers, here) as krt collections: each slice contributes its part of
 * a service port's endpoints, and the parts of one port are merged. A changed slice
 * recomputes only its port's endpoints.
 */
import { type EndpointSlice, namespaceOf, type Service } from "@weft/api";
import { collection, filter, index, manyCollection, type Collection } from "@weft/krt";
import { serviceEndpointsKey, type EndpointInput, type ServiceEndpoints } from "@weft/xds";

/** One slice's endpoints for one service port. */
interface SlicePart {
  key: string;
  portKey: string;
  hostname: string;
  port: number;
  endpoints: EndpointInput[];
}

const SERVICE_NAME_LABEL = "kubernetes.io/service-name";

function endpointsOf(slice: EndpointSlice, targetPort: number): EndpointInput[] {
  return slice.endpoints.flatMap((e) => {
    // Absent `ready` means ready, unless the endpoint is terminating.
    const healthy = e.conditions?.ready ?? !(e.conditions?.terminating ?? false);
    return e.addresses.map((address) => ({ address, port: targetPort, healthy, ...(e.zone === undefined ? {} : { locality: { zone: e.zone } }) }));
  });
}

export function serviceEndpoints(slices: Collection<EndpointSlice>, services: Collection<Service>, domainSuffix: string): Collection<ServiceEndpoints> {
  const parts = manyCollection(
    slices,
    (ctx, slice): SlicePart[] => {
      const namespace = namespaceOf(slice);
      const serviceName = slice.metadata.labels?.[SERVICE_NAME_LABEL];
      if (serviceName === undefined) return [];
      const service = ctx.fetchOne(services, filter.key(`${namespace}/${serviceName}`));
      if (service === undefined) return [];
      const hostname = `${serviceName}.${namespace}.svc.${domainSuffix}`;
      return (slice.ports ?? []).flatMap((slicePort) => {
        const servicePort = (service.spec?.ports ?? []).find((p) => (p.name ?? "") === (slicePort.name ?? ""));
        if (servicePort === undefined || slicePort.port === undefined) return [];
        const portKey = serviceEndpointsKey({ hostname, port: servicePort.port });
        return [{ key: `${portKey}#${slice.metadata.name}`, portKey, hostname, port: servicePort.port, endpoints: endpointsOf(slice, slicePort.port) }];
      });
    },
    { name: "EndpointSliceParts", key: (p) => p.key },
  );
  const partsByPort = index(parts, (p) => [p.portKey]);
  const ports = manyCollection(parts, (_ctx, p) => [{ key: p.portKey }], { name: "EndpointPorts", key: (p) => p.key });
  return collection(
    ports,
    (ctx, { key }): ServiceEndpoints | undefined => {
      const found = ctx.fetch(parts, filter.index(partsByPort, key));
      const first = found[0];
      return first === undefined ? undefined : { hostname: first.hostname, port: first.port, endpoints: found.flatMap((p) => p.endpoints) };
    },
    { name: "ServiceEndpoints", key: serviceEndpointsKey },
  );
}
