/**
 * The Istio networking resources the translator produces, as plain objects in the
 * shape they serialise to (proto3 JSON: default values are omitted).
 */

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
}

export interface Server {
  hosts: string[];
  port: { name: string; number: number; protocol: string };
  tls?: ServerTLS;
  bind?: string;
}

export type IstioGateway = IstioConfig<"Gateway", { servers: Server[] }>;

export interface Destination {
  host: string;
  port?: { number: number };
  subset?: string;
}

export interface RouteDestination {
  destination: Destination;
  weight?: number;
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
  http?: unknown[];
  tcp?: TCPRoute[];
  tls?: TLSRoute[];
}

export type VirtualService = IstioConfig<"VirtualService", VirtualServiceSpec>;
export type DestinationRule = IstioConfig<"DestinationRule", Record<string, unknown>>;
