/**
 * The translator's input collections, and how a flat list of objects is sorted into
 * them for one-shot use. An informer-fed controller passes its own collections.
 */
import { staticCollection, type Collection } from "@weft/krt";
import type { ConfigMap, Gateway, GatewayClass, GRPCRoute, HTTPRoute, InferencePool, InputObject, Namespace, ReferenceGrant, Secret, Service, TCPRoute, TLSRoute } from "./model/resources.js";

export interface GatewayInputs {
  gatewayClasses: Collection<GatewayClass>;
  gateways: Collection<Gateway>;
  httpRoutes: Collection<HTTPRoute>;
  grpcRoutes: Collection<GRPCRoute>;
  tcpRoutes: Collection<TCPRoute>;
  tlsRoutes: Collection<TLSRoute>;
  referenceGrants: Collection<ReferenceGrant>;
  inferencePools: Collection<InferencePool>;
  services: Collection<Service>;
  namespaces: Collection<Namespace>;
  secrets: Collection<Secret>;
  configMaps: Collection<ConfigMap>;
}

const GROUPS: Record<keyof GatewayInputs, { kind: string; groups: string[] }> = {
  gatewayClasses: { kind: "GatewayClass", groups: ["gateway.networking.k8s.io"] },
  gateways: { kind: "Gateway", groups: ["gateway.networking.k8s.io"] },
  httpRoutes: { kind: "HTTPRoute", groups: ["gateway.networking.k8s.io"] },
  grpcRoutes: { kind: "GRPCRoute", groups: ["gateway.networking.k8s.io"] },
  tcpRoutes: { kind: "TCPRoute", groups: ["gateway.networking.k8s.io"] },
  tlsRoutes: { kind: "TLSRoute", groups: ["gateway.networking.k8s.io"] },
  referenceGrants: { kind: "ReferenceGrant", groups: ["gateway.networking.k8s.io"] },
  inferencePools: { kind: "InferencePool", groups: ["inference.networking.k8s.io"] },
  services: { kind: "Service", groups: [""] },
  namespaces: { kind: "Namespace", groups: [""] },
  secrets: { kind: "Secret", groups: [""] },
  configMaps: { kind: "ConfigMap", groups: [""] },
};

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

/** Static input collections holding `objects`, each in the collection of its kind. */
export function staticInputs(objects: readonly InputObject[]): GatewayInputs {
  const buckets = Object.fromEntries(Object.keys(GROUPS).map((k) => [k, [] as InputObject[]])) as Record<keyof GatewayInputs, InputObject[]>;
  for (const o of objects) {
    for (const [name, { kind, groups }] of Object.entries(GROUPS) as [keyof GatewayInputs, (typeof GROUPS)[keyof GatewayInputs]][]) {
      if (o.kind === kind && groups.includes(groupOf(o.apiVersion))) buckets[name].push(o);
    }
  }
  return Object.fromEntries(Object.entries(buckets).map(([name, items]) => [name, staticCollection(items, { name })])) as unknown as GatewayInputs;
}
