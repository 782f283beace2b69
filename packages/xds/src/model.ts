/**
 * The shapes the xDS builders read. They are type aliases with every field optional, so
 * both the translator's outputs (`@weft/gateway`) and objects parsed by `@weft/api` fit
 * them, and a builder never assumes a field the source may omit.
 */
import type { BrandedKey } from "@weft/api";

/** The metadata the builders read. */
export type ObjectMetaInput = {
  name: string;
  namespace?: string;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
};

/** An Istio StringMatch: one of exact, prefix or regex. */
export type StringMatchInput = { exact?: string; prefix?: string; regex?: string };

export type HeaderOperationsInput = { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] };
export type HeadersInput = { request?: HeaderOperationsInput; response?: HeaderOperationsInput };

export type DestinationInput = { host?: string; subset?: string; port?: { number?: number } };

export type HTTPMatchInput = {
  name?: string;
  uri?: StringMatchInput;
  method?: StringMatchInput;
  authority?: StringMatchInput;
  scheme?: StringMatchInput;
  headers?: Record<string, StringMatchInput>;
  withoutHeaders?: Record<string, StringMatchInput>;
  queryParams?: Record<string, StringMatchInput>;
  ignoreUriCase?: boolean;
  port?: number;
  gateways?: string[];
};

export type HTTPRouteDestinationInput = { destination?: DestinationInput; weight?: number; headers?: HeadersInput };

export type HTTPRedirectInput = {
  uri?: string;
  authority?: string;
  port?: number;
  derivePort?: string;
  scheme?: string;
  redirectCode?: number;
  prefixRewrite?: string;
};

export type HTTPRetryInput = {
  attempts?: number;
  perTryTimeout?: string;
  retryOn?: string;
  backoff?: string;
  retryRemoteLocalities?: boolean;
  retryIgnorePreviousHosts?: boolean;
};

export type HTTPRouteInput = {
  name?: string;
  match?: HTTPMatchInput[];
  route?: HTTPRouteDestinationInput[];
  redirect?: HTTPRedirectInput;
  directResponse?: { status?: number; body?: { string?: string; bytes?: string } };
  rewrite?: { uri?: string; authority?: string; uriRegexRewrite?: { match?: string; rewrite?: string } };
  timeout?: string;
  retries?: HTTPRetryInput;
  mirror?: DestinationInput;
  mirrorPercentage?: { value?: number };
  mirrors?: { destination?: DestinationInput; percentage?: { value?: number } }[];
  headers?: HeadersInput;
};

export type RouteDestinationInput = { destination?: DestinationInput; weight?: number };

/** TCP matches are read defensively: the translator types them loosely. */
export type TCPRouteInput = { match?: unknown[]; route?: RouteDestinationInput[] };
export type TLSRouteInput = {
  match?: { sniHosts?: string[]; port?: number; gateways?: string[] }[];
  route?: RouteDestinationInput[];
};

export type VirtualServiceInput = {
  metadata: ObjectMetaInput;
  spec?: {
    hosts?: string[];
    gateways?: string[];
    http?: HTTPRouteInput[];
    tcp?: TCPRouteInput[];
    tls?: TLSRouteInput[];
  };
};

export type ServerTLSInput = {
  httpsRedirect?: boolean;
  mode?: string;
  serverCertificate?: string;
  privateKey?: string;
  caCertificates?: string;
  credentialName?: string;
  credentialNames?: string[];
  caCertCredentialName?: string;
  subjectAltNames?: string[];
  minProtocolVersion?: string;
  maxProtocolVersion?: string;
  cipherSuites?: string[];
};

export type ServerInput = {
  port?: { number?: number; protocol?: string; name?: string };
  bind?: string;
  hosts?: string[];
  tls?: ServerTLSInput;
  name?: string;
};

export type GatewayConfigInput = { metadata: ObjectMetaInput; spec?: { servers?: ServerInput[] } };

/** DestinationRule specs are parsed with @weft/api's schema (the translator types them loosely). */
export type DestinationRuleInput = { metadata: ObjectMetaInput; spec?: unknown };

/** Where an endpoint runs, as Envoy's Locality has it. */
export type LocalityInput = { region?: string; zone?: string; subzone?: string };

/** One backend address of a service port. */
export type EndpointInput = {
  address: string;
  /** The port the workload listens on. */
  port: number;
  /** Labels of the workload, for DestinationRule subsets. */
  labels?: Record<string, string>;
  locality?: LocalityInput;
  /** Load-balancing weight of this endpoint (1 when absent). */
  weight?: number;
  /** Endpoints reported unhealthy are sent with that status and receive no traffic. */
  healthy?: boolean;
};

/**
 * The endpoints input: every endpoint of one service port, keyed `<hostname>:<port>`.
 * An informer-fed controller derives it from EndpointSlices (or WorkloadEntries); tests
 * and the one-shot path write it directly.
 */
export type ServiceEndpoints = {
  hostname: string;
  /** The service port (not the target port). */
  port: number;
  endpoints: EndpointInput[];
};

/** The key of a service port's endpoints, `hostname:port`, built only by {@link serviceEndpointsKey}. */
export type ServiceEndpointsKey = BrandedKey<"ServiceEndpointsKey">;

export const serviceEndpointsKey = (e: { hostname: string; port: number }): ServiceEndpointsKey => `${e.hostname}:${e.port}` as ServiceEndpointsKey;
