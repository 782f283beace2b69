/**
 * Options of the xDS builders, and their defaults.
 */
import { namespacedKey } from "@weft/api";
import type { GatewayConfigInput } from "./model.js";
import { ownValue } from "./records.js";
import { DEFAULT_GRPC_CERTIFICATE_PROVIDERS, type GrpcCertificateProviders } from "./secrets/certificate-providers.js";

export interface XdsOptions {
  /** The cluster domain, for resolving short hostnames in VirtualServices. Default `cluster.local`. */
  domainSuffix?: string;
  /**
   * The gateway proxies an Istio Gateway configures. Default: the hostnames in its
   * `internal.istio.io/gateway-service` annotation (how Istio binds the Gateways it
   * generates from Gateway API to their deployment), else `<namespace>/<name>`.
   */
  proxyOf?: (gateway: GatewayConfigInput) => string[];
  /** Cluster connect timeout when no DestinationRule sets one (Istio's mesh default). Default `10s`. */
  connectTimeout?: string;
  /**
   * The retry policy of routes that set none (Istio's mesh default: 2 attempts on
   * connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes).
   * `null` sends routes without one.
   */
  defaultRetries?: { attempts: number; retryOn?: string } | null;
  /**
   * The certificate provider instances (named in a gRPC client's bootstrap,
   * `certificate_providers`) that proxyless gRPC clients take TLS certificates from
   * (gRFC A29). Default `default` for both, as Istio's proxyless bootstrap names it.
   */
  grpcCertificateProviders?: Partial<GrpcCertificateProviders>;
}

export interface ResolvedXdsOptions {
  grpcCertificateProviders: GrpcCertificateProviders;
  domainSuffix: string;
  proxyOf: (gateway: GatewayConfigInput) => string[];
  connectTimeout: string;
  defaultRetries: { attempts: number; retryOn?: string } | null;
}

export const GATEWAY_SERVICE_ANNOTATION = "internal.istio.io/gateway-service";

export function defaultProxyOf(gateway: GatewayConfigInput): string[] {
  const hosts = (ownValue(gateway.metadata.annotations, GATEWAY_SERVICE_ANNOTATION) ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter((h) => h !== "");
  return hosts.length > 0 ? hosts : [namespacedKey(gateway)];
}

export function resolveXdsOptions(options: XdsOptions = {}): ResolvedXdsOptions {
  return {
    domainSuffix: options.domainSuffix ?? "cluster.local",
    proxyOf: options.proxyOf ?? defaultProxyOf,
    connectTimeout: options.connectTimeout ?? "10s",
    defaultRetries: options.defaultRetries === undefined ? { attempts: 2 } : options.defaultRetries,
    grpcCertificateProviders: { ...DEFAULT_GRPC_CERTIFICATE_PROVIDERS, ...options.grpcCertificateProviders },
  };
}
