/**
 * xDS output: the Envoy resources @weft/xds builds from exactly the Istio config this
 * command printed, the mesh's services among the inputs and their EndpointSlices.
 * @weft/xds is loaded only when xDS is asked for: its message types are generated at
 * build time, and the other outputs must not depend on them.
 */
import { compareStrings, type KubeObject, namespacedKey } from "@weft/api";
import type { TranslateResult } from "@weft/gateway";
import { dispose, staticCollection } from "@weft/krt";
import { serviceEndpointsOf } from "./endpoint-slices.js";

/** One resource as printed: what it is, for whom, and its protobuf JSON. */
export interface PrintedXdsResource {
  typeUrl: string;
  scope: string;
  name: string;
  resource: unknown;
}

export interface XdsSection {
  resources: PrintedXdsResource[];
  problems: { source: string; message: string }[];
  endpointSlices: number;
}

const TYPE_ORDER = ["Listener", "RouteConfiguration", "Cluster", "ClusterLoadAssignment"];
const shortType = (typeUrl: string) => typeUrl.slice(typeUrl.lastIndexOf(".") + 1);

/** Builds the xDS resources; rejects with a message naming the fix when @weft/xds cannot load. */
export async function buildXds(objects: readonly KubeObject[], translated: TranslateResult, domainSuffix: string): Promise<XdsSection> {
  let xds: typeof import("@weft/xds");
  let mesh: typeof import("@weft/mesh");
  try {
    [xds, mesh] = await Promise.all([import("@weft/xds"), import("@weft/mesh")]);
  } catch (error) {
    throw new Error(`cannot load @weft/xds (its Envoy types are generated at build time: run pnpm generate): ${error instanceof Error ? error.message : String(error)}`);
  }
  const key = (o: { metadata: { name: string; namespace?: string | undefined } }) => namespacedKey(o);
  // The printed Istio config is the input, so the xDS shown is derived from exactly it.
  const istio = {
    gateways: staticCollection(translated.gateways, { name: "Gateways", key }),
    virtualServices: staticCollection(translated.virtualServices, { name: "VirtualServices", key }),
    destinationRules: staticCollection(translated.destinationRules, { name: "DestinationRules", key }),
  };
  const services = staticCollection(objects.filter((o) => o.kind === "Service" && o.apiVersion === "v1") as never[], { name: "Services" });
  const serviceEntries = staticCollection(objects.filter((o) => o.kind === "ServiceEntry") as never[], { name: "ServiceEntries" });
  const endpoints = xds.endpointsCollection(serviceEndpointsOf(objects, domainSuffix));
  try {
    const index = mesh.serviceIndex(services, serviceEntries, { domainSuffix });
    const out = xds.xdsCollections(xds.xdsInputsFromGateway(istio, index.canonical, endpoints), { domainSuffix });
    const resources = out.resources
      .list()
      .map((r) => ({ typeUrl: r.typeUrl, scope: r.scope, name: r.name, resource: xds.resourceToJson(r) }))
      .sort((a, b) => TYPE_ORDER.indexOf(shortType(a.typeUrl)) - TYPE_ORDER.indexOf(shortType(b.typeUrl)) || compareStrings(a.scope, b.scope) || compareStrings(a.name, b.name));
    return {
      resources,
      problems: out.problems.list().map((p) => ({ source: p.source, message: p.message })),
      endpointSlices: objects.filter((o) => o.kind === "EndpointSlice").length,
    };
  } finally {
    for (const c of [...Object.values(istio), services, serviceEntries, endpoints]) dispose(c);
  }
}

/** One line counting the resources by type. */
export function describeXds(section: XdsSection): string {
  const counts = TYPE_ORDER.map((t) => {
    const n = section.resources.filter((r) => shortType(r.typeUrl) === t).length;
    return `${n} ${t}${n === 1 ? "" : "s"}`;
  });
  return counts.join(", ");
}
