/**
 * The shapes of the Kubernetes resources the translator reads and writes, limited to
 * the fields it uses. TEMPORARY: these are replaced by the zod-inferred types of
 * @weft/api when that package lands (they are structurally compatible subsets), so
 * types come from the schemas once.
 */
import type { Condition } from "../status/conditions.js";
import type { ParentReference, RouteParentStatus } from "../status/route-parents.js";

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  generation?: number;
}

export interface Resource<K extends string, S = unknown, St = unknown> {
  apiVersion: string;
  kind: K;
  metadata: ObjectMeta;
  spec?: S;
  status?: St;
}

export interface AllowedRoutes {
  namespaces?: { from?: "All" | "Same" | "Selector" | string; selector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } };
  kinds?: { group?: string; kind: string }[];
}

export interface SecretObjectReference {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
}

export interface Listener {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  tls?: { mode?: "Terminate" | "Passthrough" | string; certificateRefs?: SecretObjectReference[]; options?: Record<string, string>; frontendValidation?: unknown };
  allowedRoutes?: AllowedRoutes;
}

export type GatewayClass = Resource<"GatewayClass", { controllerName: string; parametersRef?: unknown }>;
export type Gateway = Resource<
  "Gateway",
  {
    gatewayClassName: string;
    listeners?: Listener[];
    addresses?: { type?: string; value: string }[];
    infrastructure?: { parametersRef?: { group?: string; kind: string; name: string }; labels?: Record<string, string>; annotations?: Record<string, string> };
    tls?: { frontend?: { default?: { validation?: { caCertificateRefs?: SecretObjectReference[] } } } };
  },
  { conditions?: Condition[] }
>;

export interface BackendRef {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  port?: number;
  weight?: number;
}

export interface RouteStatus {
  parents?: RouteParentStatus[];
}

export interface CommonRouteSpec {
  parentRefs?: ParentReference[];
  hostnames?: string[];
}

export type TCPRoute = Resource<"TCPRoute", CommonRouteSpec & { rules?: { name?: string; backendRefs?: BackendRef[] }[] }, RouteStatus>;
export type TLSRoute = Resource<"TLSRoute", CommonRouteSpec & { rules?: { name?: string; backendRefs?: BackendRef[] }[] }, RouteStatus>;

export type ReferenceGrant = Resource<
  "ReferenceGrant",
  { from: { group: string; kind: string; namespace: string }[]; to: { group: string; kind: string; name?: string }[] }
>;

export interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
  appProtocol?: string;
}

export type Service = Resource<
  "Service",
  { ports?: ServicePort[]; selector?: Record<string, string>; type?: string },
  { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } }
>;
export type Namespace = Resource<"Namespace">;
export type Secret = Resource<"Secret"> & { data?: Record<string, string>; stringData?: Record<string, string> };
export type ConfigMap = Resource<"ConfigMap"> & { data?: Record<string, string> };

/** Any input object the translator accepts. */
export type InputObject = GatewayClass | Gateway | HTTPRoute | GRPCRoute | InferencePool | TCPRoute | TLSRoute | ReferenceGrant | Service | Namespace | Secret | ConfigMap | Resource<string>;

export interface StringMatchSpec {
  type?: string;
  name: string;
  value: string;
}

export interface HTTPRouteMatch {
  path?: { type?: string; value?: string };
  headers?: StringMatchSpec[];
  queryParams?: StringMatchSpec[];
  method?: string;
}

export interface HeaderModifier {
  set?: { name: string; value: string }[];
  add?: { name: string; value: string }[];
  remove?: string[];
}

export interface PathModifier {
  type: string;
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}

export interface HTTPRouteFilter {
  type: string;
  requestHeaderModifier?: HeaderModifier;
  responseHeaderModifier?: HeaderModifier;
  requestRedirect?: { scheme?: string; hostname?: string; path?: PathModifier; port?: number; statusCode?: number };
  urlRewrite?: { hostname?: string; path?: PathModifier };
  requestMirror?: { backendRef: BackendRef; percent?: number; fraction?: { numerator: number; denominator?: number } };
  cors?: {
    allowOrigins?: string[];
    allowCredentials?: boolean;
    allowMethods?: string[];
    allowHeaders?: string[];
    exposeHeaders?: string[];
    maxAge?: number;
  };
  extensionRef?: { group: string; kind: string; name: string };
}

export interface HTTPRouteRule {
  name?: string;
  matches?: HTTPRouteMatch[];
  filters?: HTTPRouteFilter[];
  backendRefs?: (BackendRef & { filters?: HTTPRouteFilter[] })[];
  timeouts?: { request?: string; backendRequest?: string };
  retry?: { attempts?: number; backoff?: string; codes?: number[] };
}

export type HTTPRoute = Resource<"HTTPRoute", CommonRouteSpec & { rules?: HTTPRouteRule[] }, RouteStatus>;

export interface GRPCRouteMatch {
  method?: { type?: string; service?: string; method?: string };
  headers?: StringMatchSpec[];
}

export interface GRPCRouteRule {
  name?: string;
  matches?: GRPCRouteMatch[];
  filters?: HTTPRouteFilter[];
  backendRefs?: (BackendRef & { filters?: HTTPRouteFilter[] })[];
}

export type GRPCRoute = Resource<"GRPCRoute", CommonRouteSpec & { rules?: GRPCRouteRule[] }, RouteStatus>;

export type InferencePool = Resource<
  "InferencePool",
  { targetPorts?: { number: number }[]; selector?: { matchLabels?: Record<string, string> }; endpointPickerRef?: unknown },
  { parents?: { parentRef: ParentReference; controllerName?: string; conditions?: Condition[] }[] }
>;
