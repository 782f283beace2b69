/**
 * The registry of kinds this package knows: for each group and kind, the apiVersions it
 * is accepted under and the schema that validates it. Loading, informers and the
 * translators all dispatch on it, so a kind is added here once and known everywhere.
 */
import type { z } from "zod";
import { shorten } from "./errors.js";
import { type ConfigMap, ConfigMapSchema, CONFIG_MAP_API_VERSIONS } from "./core/config-map.js";
import { type EndpointSlice, EndpointSliceSchema, ENDPOINT_SLICE_API_VERSIONS } from "./core/endpoint-slice.js";
import { type Namespace, NamespaceSchema, NAMESPACE_API_VERSIONS } from "./core/namespace.js";
import { type Pod, PodSchema, POD_API_VERSIONS } from "./core/pod.js";
import { type Secret, SecretSchema, SECRET_API_VERSIONS } from "./core/secret.js";
import { type Service, ServiceSchema, SERVICE_API_VERSIONS } from "./core/service.js";
import {
  type BackendTLSPolicy,
  BackendTLSPolicySchema,
  BACKEND_TLS_POLICY_API_VERSIONS,
} from "./gateway-api/backend-tls-policy.js";
import { type GatewayClass, GatewayClassSchema, GATEWAY_CLASS_API_VERSIONS } from "./gateway-api/gateway-class.js";
import { type Gateway, GatewaySchema, GATEWAY_API_VERSIONS } from "./gateway-api/gateway.js";
import { type GRPCRoute, GRPCRouteSchema, GRPC_ROUTE_API_VERSIONS } from "./gateway-api/grpc-route.js";
import { type HTTPRoute, HTTPRouteSchema, HTTP_ROUTE_API_VERSIONS } from "./gateway-api/http-route.js";
import {
  type ListenerSet,
  ListenerSetSchema,
  LISTENER_SET_API_VERSIONS,
  type XListenerSet,
  XListenerSetSchema,
  X_LISTENER_SET_API_VERSIONS,
} from "./gateway-api/listener-set.js";
import {
  type ReferenceGrant,
  ReferenceGrantSchema,
  REFERENCE_GRANT_API_VERSIONS,
} from "./gateway-api/reference-grant.js";
import { type TCPRoute, TCPRouteSchema, TCP_ROUTE_API_VERSIONS } from "./gateway-api/tcp-route.js";
import { type TLSRoute, TLSRouteSchema, TLS_ROUTE_API_VERSIONS } from "./gateway-api/tls-route.js";
import {
  type XBackendTrafficPolicy,
  XBackendTrafficPolicySchema,
  X_BACKEND_TRAFFIC_POLICY_API_VERSIONS,
} from "./gateway-api/x-backend-traffic-policy.js";
import { type XBackend, XBackendSchema, X_BACKEND_API_VERSIONS } from "./gateway-api/x-backend.js";
import {
  type InferencePool,
  InferencePoolSchema,
  INFERENCE_POOL_API_VERSIONS,
  type InferencePoolV1Alpha2,
  InferencePoolV1Alpha2Schema,
  INFERENCE_POOL_V1ALPHA2_API_VERSIONS,
} from "./inference.js";
import { ISTIO_NETWORKING_API_VERSIONS } from "./istio/common.js";
import { type DestinationRule, DestinationRuleSchema } from "./istio/destination-rule.js";
import { type IstioGateway, IstioGatewaySchema } from "./istio/gateway.js";
import { type ServiceEntry, ServiceEntrySchema } from "./istio/service-entry.js";
import { type VirtualService, VirtualServiceSchema } from "./istio/virtual-service.js";
import { type WorkloadEntry, WorkloadEntrySchema } from "./istio/workload-entry.js";

/**
 * Every known kind, keyed the way Kubernetes prints a GroupKind: `Kind.group`, or just
 * `Kind` in the core group. The key is what tells Gateway API's Gateway from Istio's.
 */
export interface KindMap {
  "GatewayClass.gateway.networking.k8s.io": GatewayClass;
  "Gateway.gateway.networking.k8s.io": Gateway;
  "HTTPRoute.gateway.networking.k8s.io": HTTPRoute;
  "GRPCRoute.gateway.networking.k8s.io": GRPCRoute;
  "TCPRoute.gateway.networking.k8s.io": TCPRoute;
  "TLSRoute.gateway.networking.k8s.io": TLSRoute;
  "ReferenceGrant.gateway.networking.k8s.io": ReferenceGrant;
  "ListenerSet.gateway.networking.k8s.io": ListenerSet;
  "BackendTLSPolicy.gateway.networking.k8s.io": BackendTLSPolicy;
  "XListenerSet.gateway.networking.x-k8s.io": XListenerSet;
  "XBackendTrafficPolicy.gateway.networking.x-k8s.io": XBackendTrafficPolicy;
  "XBackend.gateway.networking.x-k8s.io": XBackend;
  "InferencePool.inference.networking.k8s.io": InferencePool;
  "InferencePool.inference.networking.x-k8s.io": InferencePoolV1Alpha2;
  "Gateway.networking.istio.io": IstioGateway;
  "VirtualService.networking.istio.io": VirtualService;
  "DestinationRule.networking.istio.io": DestinationRule;
  "ServiceEntry.networking.istio.io": ServiceEntry;
  "WorkloadEntry.networking.istio.io": WorkloadEntry;
  Service: Service;
  Namespace: Namespace;
  Secret: Secret;
  ConfigMap: ConfigMap;
  Pod: Pod;
  "EndpointSlice.discovery.k8s.io": EndpointSlice;
}

/** The key of a known kind (`Kind.group`, or `Kind` in the core group). */
export type GroupKind = keyof KindMap;

/**
 * Any object of a known kind. It is a discriminated union on `kind` (and, for the two
 * Gateways, on `apiVersion`); {@link isKind} narrows by group and kind at once.
 */
export type KubeObject = KindMap[GroupKind];

/**
 * What the registry holds for one kind: its group, kind, accepted apiVersions (the
 * first is the preferred one) and the schema that validates it.
 */
export interface KindInfo<T> {
  readonly group: string;
  readonly kind: string;
  readonly apiVersions: readonly string[];
  readonly schema: z.ZodType<T>;
}

function info<T>(kind: string, apiVersions: readonly string[], schema: z.ZodType<T>): KindInfo<T> {
  return { group: groupOf(apiVersions[0] ?? ""), kind, apiVersions, schema };
}

/**
 * The registry itself, typed so that every key of {@link KindMap} has a schema whose
 * output is exactly that key's type.
 */
export const KINDS: { readonly [K in GroupKind]: KindInfo<KindMap[K]> } = {
  "GatewayClass.gateway.networking.k8s.io": info("GatewayClass", GATEWAY_CLASS_API_VERSIONS, GatewayClassSchema),
  "Gateway.gateway.networking.k8s.io": info("Gateway", GATEWAY_API_VERSIONS, GatewaySchema),
  "HTTPRoute.gateway.networking.k8s.io": info("HTTPRoute", HTTP_ROUTE_API_VERSIONS, HTTPRouteSchema),
  "GRPCRoute.gateway.networking.k8s.io": info("GRPCRoute", GRPC_ROUTE_API_VERSIONS, GRPCRouteSchema),
  "TCPRoute.gateway.networking.k8s.io": info("TCPRoute", TCP_ROUTE_API_VERSIONS, TCPRouteSchema),
  "TLSRoute.gateway.networking.k8s.io": info("TLSRoute", TLS_ROUTE_API_VERSIONS, TLSRouteSchema),
  "ReferenceGrant.gateway.networking.k8s.io": info(
    "ReferenceGrant",
    REFERENCE_GRANT_API_VERSIONS,
    ReferenceGrantSchema,
  ),
  "ListenerSet.gateway.networking.k8s.io": info("ListenerSet", LISTENER_SET_API_VERSIONS, ListenerSetSchema),
  "BackendTLSPolicy.gateway.networking.k8s.io": info(
    "BackendTLSPolicy",
    BACKEND_TLS_POLICY_API_VERSIONS,
    BackendTLSPolicySchema,
  ),
  "XListenerSet.gateway.networking.x-k8s.io": info("XListenerSet", X_LISTENER_SET_API_VERSIONS, XListenerSetSchema),
  "XBackendTrafficPolicy.gateway.networking.x-k8s.io": info(
    "XBackendTrafficPolicy",
    X_BACKEND_TRAFFIC_POLICY_API_VERSIONS,
    XBackendTrafficPolicySchema,
  ),
  "XBackend.gateway.networking.x-k8s.io": info("XBackend", X_BACKEND_API_VERSIONS, XBackendSchema),
  "InferencePool.inference.networking.k8s.io": info("InferencePool", INFERENCE_POOL_API_VERSIONS, InferencePoolSchema),
  "InferencePool.inference.networking.x-k8s.io": info(
    "InferencePool",
    INFERENCE_POOL_V1ALPHA2_API_VERSIONS,
    InferencePoolV1Alpha2Schema,
  ),
  "Gateway.networking.istio.io": info("Gateway", ISTIO_NETWORKING_API_VERSIONS, IstioGatewaySchema),
  "VirtualService.networking.istio.io": info("VirtualService", ISTIO_NETWORKING_API_VERSIONS, VirtualServiceSchema),
  "DestinationRule.networking.istio.io": info("DestinationRule", ISTIO_NETWORKING_API_VERSIONS, DestinationRuleSchema),
  "ServiceEntry.networking.istio.io": info("ServiceEntry", ISTIO_NETWORKING_API_VERSIONS, ServiceEntrySchema),
  "WorkloadEntry.networking.istio.io": info("WorkloadEntry", ISTIO_NETWORKING_API_VERSIONS, WorkloadEntrySchema),
  Service: info("Service", SERVICE_API_VERSIONS, ServiceSchema),
  Namespace: info("Namespace", NAMESPACE_API_VERSIONS, NamespaceSchema),
  Secret: info("Secret", SECRET_API_VERSIONS, SecretSchema),
  ConfigMap: info("ConfigMap", CONFIG_MAP_API_VERSIONS, ConfigMapSchema),
  Pod: info("Pod", POD_API_VERSIONS, PodSchema),
  "EndpointSlice.discovery.k8s.io": info("EndpointSlice", ENDPOINT_SLICE_API_VERSIONS, EndpointSliceSchema),
};

// A Map, not the object above, answers look-ups of user-written names: a kind called
// "constructor" or "__proto__" must find nothing rather than Object.prototype's members.
const byGroupKind: ReadonlyMap<string, KindInfo<KubeObject>> = new Map(
  Object.entries(KINDS) as [string, KindInfo<KubeObject>][],
);

/**
 * The API group of an apiVersion: "gateway.networking.k8s.io" for
 * "gateway.networking.k8s.io/v1", and "" (the core group) for "v1".
 */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

/**
 * The version part of an apiVersion ("v1" for both "v1" and "apps/v1").
 */
export function versionOf(apiVersion: string): string {
  return apiVersion.slice(apiVersion.lastIndexOf("/") + 1);
}

/**
 * The registry key of a group and kind: `Kind.group`, or `Kind` in the core group, as
 * Kubernetes prints a GroupKind.
 */
export function groupKindKey(group: string, kind: string): string {
  return group === "" ? kind : `${kind}.${group}`;
}

/**
 * The registry key of an object, from its apiVersion and kind.
 */
export function groupKindOf(obj: KubeObject): GroupKind {
  return groupKindKey(groupOf(obj.apiVersion), obj.kind) as GroupKind;
}

/**
 * What the registry says about an apiVersion and kind: the kind's entry, or why there
 * is none (no such kind in the group, or a version of it that is not accepted).
 */
export type KindLookup =
  | { readonly found: true; readonly info: KindInfo<KubeObject> }
  | { readonly found: false; readonly reason: "unknown-kind" | "unsupported-version"; readonly message: string };

/**
 * Looks a kind up by the apiVersion and kind an object declares. Unknown kinds and
 * unaccepted versions are answered with a message for the user, not an exception.
 */
export function lookupKind(apiVersion: string, kind: string): KindLookup {
  const group = groupOf(apiVersion);
  const entry = byGroupKind.get(groupKindKey(group, kind));
  if (entry === undefined) {
    const groupName = group === "" ? '"" (core)' : group;
    return { found: false, reason: "unknown-kind", message: `unknown kind ${shorten(kind)} in group ${shorten(groupName)}` };
  }
  if (!entry.apiVersions.includes(apiVersion)) {
    return {
      found: false,
      reason: "unsupported-version",
      message: `unsupported apiVersion ${shorten(apiVersion)} for kind ${kind} (accepted: ${entry.apiVersions.join(", ")})`,
    };
  }
  return { found: true, info: entry };
}

/**
 * Narrows an object to one known kind by its group and kind, e.g.
 * `isKind(obj, "Gateway.networking.istio.io")`; the version does not matter.
 */
export function isKind<K extends GroupKind>(obj: KubeObject, key: K): obj is KindMap[K] {
  return groupKindOf(obj) === key;
}

/**
 * The key an object is indexed by: "namespace/name", or "name" for cluster-scoped
 * objects (and namespaced ones whose manifest leaves the namespace to the client).
 */
export function objectKey(obj: { readonly metadata: { readonly name: string; readonly namespace?: string | undefined } }): string {
  const ns = obj.metadata.namespace;
  return ns === undefined || ns === "" ? obj.metadata.name : `${ns}/${obj.metadata.name}`;
}
