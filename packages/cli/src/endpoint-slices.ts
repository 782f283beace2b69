/**
 * The endpoints xDS load assignments need, from the EndpointSlices among the inputs: one
 * entry per Service port, gathering every slice of that Service whose port has the same
 * name. Without slices a cluster simply has no endpoints, which is what a proxy would get
 * from a cluster with no ready pods.
 */
import { type EndpointSlice, type KubeObject, namespacedKey, namespaceOf, type Service } from "@weft/api";

/** One service port's endpoints, in @weft/xds's `ServiceEndpoints` shape. */
export interface ServicePortEndpoints {
  hostname: string;
  port: number;
  endpoints: { address: string; port: number; healthy: boolean; locality?: { zone: string } }[];
}

const SERVICE_NAME_LABEL = "kubernetes.io/service-name";

/** Ready unless it says otherwise: an absent `ready` means ready when not terminating. */
function ready(e: EndpointSlice["endpoints"][number]): boolean {
  return e.conditions?.ready ?? !(e.conditions?.terminating ?? false);
}

export function serviceEndpointsOf(objects: readonly KubeObject[], domainSuffix: string): ServicePortEndpoints[] {
  const services = new Map<string, Service>();
  for (const o of objects) if (o.kind === "Service" && o.apiVersion === "v1") services.set(namespacedKey(o), o);
  const byPort = new Map<string, ServicePortEndpoints>();
  for (const o of objects) {
    if (o.kind !== "EndpointSlice") continue;
    const slice = o as EndpointSlice;
    const namespace = namespaceOf(slice);
    const serviceName = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    const service = serviceName === undefined ? undefined : services.get(`${namespace}/${serviceName}`);
    if (service === undefined) continue;
    for (const slicePort of slice.ports ?? []) {
      const servicePort = (service.spec?.ports ?? []).find((p) => (p.name ?? "") === (slicePort.name ?? ""));
      if (servicePort === undefined || slicePort.port === undefined) continue;
      const hostname = `${serviceName}.${namespace}.svc.${domainSuffix}`;
      const key = `${hostname}:${servicePort.port}`;
      const entry = byPort.get(key) ?? { hostname, port: servicePort.port, endpoints: [] };
      byPort.set(key, entry);
      for (const e of slice.endpoints) {
        for (const address of e.addresses) {
          entry.endpoints.push({ address, port: slicePort.port, healthy: ready(e), ...(e.zone === undefined ? {} : { locality: { zone: e.zone } }) });
        }
      }
    }
  }
  return [...byPort.values()];
}
