/**
 * The Istio networking resources the translator produces, as plain objects in the
 * shape they serialise to (proto3 JSON: default values are omitted).
 */
import type { DestinationRuleSpec } from "@weft/api";

export interface ConfigMeta {
  name: string;
  namespace: string;
  annotations: Record<string, string>;
  creationTimestamp?: string;
}

export interface IstioConfig<K extends string, S> {
  apiVersion: "networking.istio.io/v1";
  kind: K;
  metadata: ConfigMeta;
  spec: S;
}

export interface ServerTLS {
  mode?: "SIMPLE" | "MUTUAL" | "ISTIO_MUTUAL" | "AUTO_PASSTHROUGH" | "OPTIONAL_MUTUAL";
  credentialName?: string;
  credentialNames?: string[];
  caCertCredentialName?: string;
  insecureSkipVerify?: boolean;
  cipherSuites?: string[];
}

export interface Server {
  hosts: string[];
  port: { name: string; number: number; protocol: string };
  tls?: ServerTLS;
  bind?: string;
}

export type IstioGateway = IstioConfig<"Gateway", { servers: Server[] }>;

export interface Destination {
  /** Absent for a backend that could not be used: Envoy answers 500 for its share. */
  host?: string;
  port?: { number: number };
  subset?: string;
}

export interface RouteDestination {
  destination: Destination;
  weight?: number;
  headers?: { request?: HeaderOperations; response?: HeaderOperations };
}

export interface TCPRoute {
  match?: unknown[];
  route: RouteDestination[];
}

export interface TLSRoute {
  match: { sniHosts: string[] }[];
  route: RouteDestination[];
}

export interface VirtualServiceSpec {
  gateways: string[];
  hosts: string[];
  http?: HTTPRoute[];
  tcp?: TCPRoute[];
  tls?: TLSRoute[];
}

export type VirtualService = IstioConfig<"VirtualService", VirtualServiceSpec>;
export type DestinationRule = IstioConfig<"DestinationRule", DestinationRuleSpec>;

/** An Istio StringMatch: exactly one of these is set. */
export type StringMatch = { exact: string } | { prefix: string } | { regex: string };

export interface HTTPMatchRequest {
  uri?: StringMatch;
  headers?: Record<string, StringMatch>;
  queryParams?: Record<string, StringMatch>;
  method?: StringMatch;
}

export interface HeaderOperations {
  set?: Record<string, string>;
  add?: Record<string, string>;
  remove?: string[];
}

export interface HTTPRoute {
  name?: string;
  match?: HTTPMatchRequest[];
  route?: RouteDestination[];
  redirect?: {
    uri?: string;
    authority?: string;
    port?: number;
    /** Where the redirect's port comes from when none is given; FROM_REQUEST_PORT, the default, is left out. */
    derivePort?: "FROM_PROTOCOL_DEFAULT";
    scheme?: string;
    redirectCode?: number;
    prefixRewrite?: string;
  };
  rewrite?: { uri?: string; authority?: string; uriRegexRewrite?: { match: string; rewrite: string } };
  headers?: { request?: HeaderOperations; response?: HeaderOperations };
  mirrors?: { destination: Destination; percentage?: { value: number } }[];
  corsPolicy?: Record<string, unknown>;
  timeout?: string;
  retries?: { attempts: number; perTryTimeout?: string; retryOn?: string; backoff?: string };
  directResponse?: { status: number; body?: { string: string } };
  fault?: unknown;
}
