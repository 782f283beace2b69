/**
 * The Istio networking resources the translator produces, as plain objects in the
 * shape they serialise to (proto3 JSON: default values are omitted). The shapes are
 * @weft/api's schemas (written once, there); what the translator always fills in is
 * made required here, so code reading its own output need not guard against absence.
 */
import type {
  Destination,
  DestinationRuleSpec,
  HeaderOperations,
  HTTPMatchRequest,
  HTTPRouteDestination,
  IstioHTTPRoute,
  IstioServer,
  IstioServerPort,
  IstioTCPRoute,
  IstioTLSRoute,
  RouteDestination as IstioRouteDestination,
  ServerTLSSettings,
  StringMatch,
  VirtualServiceSpec as IstioVirtualServiceSpec,
} from "@weft/api";

export type { Destination, HeaderOperations, HTTPMatchRequest, StringMatch };

/** `T` with the keys `K` present. */
type Filled<T, K extends keyof T> = T & { [P in K]-?: Exclude<T[P], undefined> };

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

export type ServerTLS = ServerTLSSettings;

export type Server = Filled<IstioServer, "hosts"> & { port: Filled<IstioServerPort, "name" | "number" | "protocol"> };

export type IstioGateway = IstioConfig<"Gateway", { servers: Server[] }>;

/** A destination with its weight and headers; `destination` is empty `{}` for a backend that could not be used. */
export type RouteDestination = Filled<HTTPRouteDestination, "destination">;

export type TCPRoute = IstioTCPRoute & { route: (IstioRouteDestination & RouteDestination)[] };

export type TLSRoute = Filled<IstioTLSRoute, "match"> & { route: RouteDestination[] };

export type HTTPRoute = IstioHTTPRoute & { route?: RouteDestination[] };

export type VirtualServiceSpec = Filled<IstioVirtualServiceSpec, "gateways" | "hosts"> & { http?: HTTPRoute[]; tcp?: TCPRoute[]; tls?: TLSRoute[] };

export type VirtualService = IstioConfig<"VirtualService", VirtualServiceSpec>;
export type DestinationRule = IstioConfig<"DestinationRule", DestinationRuleSpec>;
