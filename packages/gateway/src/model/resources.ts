/**
 * The Kubernetes resources the translator reads, as @weft/api's schemas define them
 * (types come from the zod schemas once).
 */
import type { KubeObject } from "@weft/api";

export type {
  AllowedRoutes,
  BackendRef,
  BackendTLSPolicy,
  ClientTLSSettings,
  ConfigMap,
  Gateway,
  GatewayClass,
  GRPCRoute,
  GRPCRouteMatch,
  GRPCRouteRule,
  HTTPRoute,
  HTTPRouteFilter,
  HTTPRouteMatch,
  HTTPRouteRule,
  InferencePool,
  Listener,
  ListenerEntry,
  ListenerSet,
  Namespace,
  ReferenceGrant,
  Secret,
  SecretObjectReference,
  Service,
  ServiceEntry,
  TCPRoute,
  TLSRoute,
  XBackendTrafficPolicy,
} from "@weft/api";

/** Any object @weft/api loads; kinds the translator does not use are ignored. */
export type InputObject = KubeObject;
