/**
 * The translator's input collections, and how a flat list of objects is sorted into
 * them for one-shot use. An informer-fed controller passes its own collections.
 */
import {
  type BackendTLSPolicy,
  GATEWAY_GROUP,
  GATEWAY_X_GROUP,
  groupOf,
  type ServiceEntry,
  type XBackend,
  type XBackendTrafficPolicy,
} from "@weft/api";
import { staticCollection, type Collection, type StaticCollection } from "@weft/krt";
import type { ConfigMap, Gateway, GatewayClass, GRPCRoute, HTTPRoute, InferencePool, InputObject, ListenerSet, Namespace, ReferenceGrant, Secret, Service, TCPRoute, TLSRoute } from "./model/resources.js";

export interface GatewayInputs {
  gatewayClasses: Collection<GatewayClass>;
  gateways: Collection<Gateway>;
  listenerSets: Collection<ListenerSet>;
  httpRoutes: Collection<HTTPRoute>;
  grpcRoutes: Collection<GRPCRoute>;
  tcpRoutes: Collection<TCPRoute>;
  tlsRoutes: Collection<TLSRoute>;
  referenceGrants: Collection<ReferenceGrant>;
  inferencePools: Collection<InferencePool>;
  xBackends: Collection<XBackend>;
  serviceEntries: Collection<ServiceEntry>;
  services: Collection<Service>;
  namespaces: Collection<Namespace>;
  secrets: Collection<Secret>;
  configMaps: Collection<ConfigMap>;
  backendTLSPolicies: Collection<BackendTLSPolicy>;
  /** Experimental (gateway.networking.x-k8s.io): read only with the alphaGatewayAPI feature. */
  backendTrafficPolicies: Collection<XBackendTrafficPolicy>;
}

/** The Kubernetes kind an input reads, and the API groups that kind may come from. */
export interface InputKind {
  readonly kind: string;
  readonly groups: readonly string[];
}

/**
 * Which kind (in which API groups) feeds each input of {@link GatewayInputs}: what
 * {@link staticInputs} sorts objects by, and what an informer-fed controller watches.
 */
export const GATEWAY_INPUT_KINDS: Readonly<Record<keyof GatewayInputs, InputKind>> = {
  gatewayClasses: { kind: "GatewayClass", groups: [GATEWAY_GROUP] },
  gateways: { kind: "Gateway", groups: [GATEWAY_GROUP] },
  listenerSets: { kind: "ListenerSet", groups: [GATEWAY_GROUP] },
  httpRoutes: { kind: "HTTPRoute", groups: [GATEWAY_GROUP] },
  grpcRoutes: { kind: "GRPCRoute", groups: [GATEWAY_GROUP] },
  tcpRoutes: { kind: "TCPRoute", groups: [GATEWAY_GROUP] },
  tlsRoutes: { kind: "TLSRoute", groups: [GATEWAY_GROUP] },
  referenceGrants: { kind: "ReferenceGrant", groups: [GATEWAY_GROUP] },
  inferencePools: { kind: "InferencePool", groups: ["inference.networking.k8s.io"] },
  xBackends: { kind: "XBackend", groups: [GATEWAY_X_GROUP] },
  serviceEntries: { kind: "ServiceEntry", groups: ["networking.istio.io"] },
  services: { kind: "Service", groups: [""] },
  namespaces: { kind: "Namespace", groups: [""] },
  secrets: { kind: "Secret", groups: [""] },
  configMaps: { kind: "ConfigMap", groups: [""] },
  backendTLSPolicies: { kind: "BackendTLSPolicy", groups: [GATEWAY_GROUP] },
  backendTrafficPolicies: { kind: "XBackendTrafficPolicy", groups: [GATEWAY_X_GROUP] },
};

/** Why an object cannot be an input at all (it has no identity), or undefined. */
export function unusable(o: unknown): string | undefined {
  if (typeof o !== "object" || o === null || Array.isArray(o)) return `not an object (${o === null ? "null" : Array.isArray(o) ? "array" : typeof o})`;
  const obj = o as { kind?: unknown; apiVersion?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  if (typeof obj.kind !== "string" || typeof obj.apiVersion !== "string") return "missing kind or apiVersion";
  if (typeof obj.metadata !== "object" || obj.metadata === null) return `${obj.kind}: missing metadata`;
  if (typeof obj.metadata.name !== "string" || obj.metadata.name === "") return `${obj.kind}: missing metadata.name`;
  if (obj.metadata.namespace !== undefined && typeof obj.metadata.namespace !== "string") return `${obj.kind} ${obj.metadata.name}: metadata.namespace is not a string`;
  return undefined;
}

/**
 * Gateway inputs as {@link staticInputs} builds them: each a static collection, which
 * tests and one-shot users may `set` and `delete` objects in.
 */
export type StaticGatewayInputs = { [K in keyof GatewayInputs]: GatewayInputs[K] extends Collection<infer T> ? StaticCollection<T> : never };

/**
 * Static input collections holding `objects`, each in the collection of its kind.
 * Objects without an identity are not added; `rejected` says which and why.
 */
export function staticInputs(objects: readonly InputObject[], rejected: { index: number; reason: string }[] = []): StaticGatewayInputs {
  const buckets = Object.fromEntries(Object.keys(GATEWAY_INPUT_KINDS).map((k) => [k, [] as InputObject[]])) as Record<keyof GatewayInputs, InputObject[]>;
  for (const [index, o] of objects.entries()) {
    const reason = unusable(o);
    if (reason !== undefined) {
      rejected.push({ index, reason });
      continue;
    }
    for (const [name, { kind, groups }] of Object.entries(GATEWAY_INPUT_KINDS) as [keyof GatewayInputs, InputKind][]) {
      if (o.kind === kind && groups.includes(groupOf(o.apiVersion))) buckets[name].push(o);
    }
  }
  // Each bucket holds only objects of its input's kind (sorted by the table above), which
  // the compiler cannot follow through Object.fromEntries.
  return Object.fromEntries(Object.entries(buckets).map(([name, items]) => [name, staticCollection(items, { name })])) as unknown as StaticGatewayInputs;
}
