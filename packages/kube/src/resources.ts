/**
 * Resource types: what the API server calls a kind (its plural, whether it lives in a
 * namespace, the versions it may be served at), and the URL paths built from them.
 * Watching needs the plural and the scope up front, and this table spares a discovery
 * round trip per kind for the kinds Weft reads and writes.
 */
import { KINDS, type GroupKind } from "@weft/api";

/** One kind as the API server serves it. */
export interface ResourceType {
  /** API group; "" for the core group. */
  group: string;
  kind: string;
  /** The lowercase plural in URLs (`httproutes`). */
  plural: string;
  namespaced: boolean;
  /** Versions to try, preferred first; an informer keeps the first the server answers. */
  versions: readonly string[];
}

/** Plural and scope of every kind in @weft/api's registry (keyed like `KINDS`). */
const SERVED: { readonly [K in GroupKind]: { plural: string; namespaced: boolean } } = {
  "GatewayClass.gateway.networking.k8s.io": { plural: "gatewayclasses", namespaced: false },
  "Gateway.gateway.networking.k8s.io": { plural: "gateways", namespaced: true },
  "HTTPRoute.gateway.networking.k8s.io": { plural: "httproutes", namespaced: true },
  "GRPCRoute.gateway.networking.k8s.io": { plural: "grpcroutes", namespaced: true },
  "TCPRoute.gateway.networking.k8s.io": { plural: "tcproutes", namespaced: true },
  "TLSRoute.gateway.networking.k8s.io": { plural: "tlsroutes", namespaced: true },
  "ReferenceGrant.gateway.networking.k8s.io": { plural: "referencegrants", namespaced: true },
  "ListenerSet.gateway.networking.k8s.io": { plural: "listenersets", namespaced: true },
  "BackendTLSPolicy.gateway.networking.k8s.io": { plural: "backendtlspolicies", namespaced: true },
  "XListenerSet.gateway.networking.x-k8s.io": { plural: "xlistenersets", namespaced: true },
  "XBackendTrafficPolicy.gateway.networking.x-k8s.io": { plural: "xbackendtrafficpolicies", namespaced: true },
  "XBackend.gateway.networking.x-k8s.io": { plural: "xbackends", namespaced: true },
  "InferencePool.inference.networking.k8s.io": { plural: "inferencepools", namespaced: true },
  "InferencePool.inference.networking.x-k8s.io": { plural: "inferencepools", namespaced: true },
  "Gateway.networking.istio.io": { plural: "gateways", namespaced: true },
  "VirtualService.networking.istio.io": { plural: "virtualservices", namespaced: true },
  "DestinationRule.networking.istio.io": { plural: "destinationrules", namespaced: true },
  "ServiceEntry.networking.istio.io": { plural: "serviceentries", namespaced: true },
  "WorkloadEntry.networking.istio.io": { plural: "workloadentries", namespaced: true },
  Service: { plural: "services", namespaced: true },
  Namespace: { plural: "namespaces", namespaced: false },
  Secret: { plural: "secrets", namespaced: true },
  ConfigMap: { plural: "configmaps", namespaced: true },
  Pod: { plural: "pods", namespaced: true },
  "EndpointSlice.discovery.k8s.io": { plural: "endpointslices", namespaced: true },
};

/** The resource type of a kind @weft/api knows, with the versions it accepts. */
export function resourceOf(groupKind: GroupKind): ResourceType {
  const info = KINDS[groupKind];
  const served = SERVED[groupKind];
  return {
    group: info.group,
    kind: info.kind,
    plural: served.plural,
    namespaced: served.namespaced,
    versions: info.apiVersions.map((v: string) => v.slice(v.indexOf("/") + 1)),
  };
}

/** The resource type of every kind @weft/api knows. */
export const KNOWN_RESOURCES: readonly ResourceType[] = (Object.keys(SERVED) as GroupKind[]).map(resourceOf);

/** Leases, for leader election (not a kind the translators read). */
export const LEASE_RESOURCE: ResourceType = { group: "coordination.k8s.io", kind: "Lease", plural: "leases", namespaced: true, versions: ["v1"] };

/** `group/version`, or just `version` in the core group. */
export function apiVersionOf(group: string, version: string): string {
  return group === "" ? version : `${group}/${version}`;
}

/** The path of a collection: every namespace when `namespace` is undefined. */
export function collectionPath(resource: ResourceType, version: string, namespace?: string): string {
  const root = resource.group === "" ? `/api/${version}` : `/apis/${resource.group}/${version}`;
  const scope = resource.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `${root}${scope}/${resource.plural}`;
}

/** The path of one object (add `/status` for its status subresource). */
export function objectPath(resource: ResourceType, version: string, name: string, namespace?: string): string {
  if (resource.namespaced && (namespace === undefined || namespace === "")) {
    throw new Error(`${resource.kind} ${name}: a namespaced kind needs a namespace`);
  }
  return `${collectionPath(resource, version, resource.namespaced ? namespace : undefined)}/${encodeURIComponent(name)}`;
}

/** The same group and kind (versions aside). */
export function sameGroupKind(a: { group: string; kind: string }, b: { group: string; kind: string }): boolean {
  return a.group === b.group && a.kind === b.kind;
}
