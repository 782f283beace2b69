/**
 * TLS a cluster originates, from a DestinationRule's client TLS settings. Envoy gets
 * every certificate over SDS; proxyless gRPC clients, which have no SDS, get certificate
 * provider instances from their bootstrap (gRFC A29).
 */
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import type { ClientTLSSettings } from "@weft/api";
import type { TransportSocketSchema } from "../gen/envoy/config/core/v3/base_pb.js";
import type { CommonTlsContextSchema } from "../gen/envoy/extensions/transport_sockets/tls/v3/tls_pb.js";
import { UpstreamTlsContextSchema } from "../gen/envoy/extensions/transport_sockets/tls/v3/tls_pb.js";
import { TLS_TRANSPORT_SOCKET } from "../listeners/downstream-tls.js";
import { sanMatchers } from "../secrets/san-matchers.js";
import { providerInstance, type GrpcCertificateProviders } from "../secrets/certificate-providers.js";
import { caResourceName, credentialResourceName, MESH_ROOT_CERTIFICATE, sdsNameProblem, sdsSecretConfig, WORKLOAD_CERTIFICATE } from "../secrets/sds.js";

/** Istio's ALPN for mesh mTLS, which its sidecars expect. */
const ISTIO_ALPN = ["istio-peer-exchange", "istio"];

function secretNames(tls: ClientTLSSettings): { certificate?: string; ca?: string } {
  if (tls.mode === "ISTIO_MUTUAL") return { certificate: WORKLOAD_CERTIFICATE, ca: MESH_ROOT_CERTIFICATE };
  const mutual = tls.mode === "MUTUAL";
  const out: { certificate?: string; ca?: string } = {};
  if (mutual) {
    if (tls.credentialName) out.certificate = credentialResourceName(tls.credentialName);
    else if (tls.clientCertificate && tls.privateKey) out.certificate = `file-cert:${tls.clientCertificate}~${tls.privateKey}`;
  }
  // An unverified connection needs no CA; otherwise the credential's CA, or a CA file.
  if (tls.insecureSkipVerify !== true) {
    if (tls.credentialName) out.ca = caResourceName(tls.credentialName);
    else if (tls.caCertificates) out.ca = `file-root:${tls.caCertificates}`;
  }
  return out;
}

/** Whether the settings originate TLS at all (SIMPLE, MUTUAL, ISTIO_MUTUAL). */
export function originatesTls(tls: ClientTLSSettings | undefined): boolean {
  return tls !== undefined && ["SIMPLE", "MUTUAL", "ISTIO_MUTUAL"].includes(tls.mode ?? "DISABLE");
}

/**
 * A gRPC client's context: the same certificate names, carried as certificate provider
 * instances. The identity is in A29's field and in the deprecated one older clients read
 * (gRPC reads the new one first); SANs go in match_subject_alt_names, which gRPC reads. gRPC
 * cannot skip verification: without a CA it refuses the cluster, so the root instance is
 * always named and a skipped verification is a problem.
 */
function grpcCommonContext(tls: ClientTLSSettings, certificate: string | undefined, ca: string | undefined, providers: GrpcCertificateProviders, problems: string[]): MessageInitShape<typeof CommonTlsContextSchema> {
  const common: MessageInitShape<typeof CommonTlsContextSchema> = {};
  if (certificate !== undefined) {
    common.tlsCertificateProviderInstance = providerInstance(providers.identity, certificate);
    common.tlsCertificateCertificateProviderInstance = providerInstance(providers.identity, certificate);
  }
  if (ca === undefined) problems.push("gRPC clients cannot skip server verification: they verify with the root certificate provider's CA");
  const root = providerInstance(providers.root, ca ?? MESH_ROOT_CERTIFICATE);
  const sans = tls.subjectAltNames ?? [];
  // Not a combined context: Envoy's rules require an SDS config in one, which gRPC refuses.
  // So the root instance travels only in A29's current field (clients since 2021 read it).
  common.validationContextType = {
    case: "validationContext",
    value: { caCertificateProviderInstance: root, ...(sans.length > 0 ? { matchSubjectAltNames: sans.map((name) => ({ matchPattern: { case: "exact" as const, value: name } })) } : {}) },
  };
  return common;
}

/**
 * The transport socket for SIMPLE, MUTUAL and ISTIO_MUTUAL; undefined for DISABLE or no
 * TLS at all. `defaultSni` is Istio's SNI for ISTIO_MUTUAL (the cluster's own name form).
 * With `grpcProviders`, the socket is for proxyless gRPC clients (see grpcCommonContext).
 */
export function upstreamTls(tls: ClientTLSSettings | undefined, defaultSni: string, grpcProviders?: GrpcCertificateProviders): { socket: MessageInitShape<typeof TransportSocketSchema>; problems: string[] } | undefined {
  const mode = tls?.mode ?? "DISABLE";
  if (tls === undefined || !originatesTls(tls)) return undefined;
  const { certificate, ca } = secretNames(tls);
  const problems = [certificate, ca].flatMap((name) => {
    const problem = name === undefined ? undefined : sdsNameProblem(name);
    return problem === undefined ? [] : [`secret ${JSON.stringify(name)}: ${problem}`];
  });
  if (mode === "MUTUAL" && certificate === undefined) problems.push("MUTUAL TLS without a client certificate");
  const sni = tls.sni ?? (mode === "ISTIO_MUTUAL" ? defaultSni : "");
  if (grpcProviders !== undefined) {
    const context = create(UpstreamTlsContextSchema, { commonTlsContext: grpcCommonContext(tls, certificate, ca, grpcProviders, problems), sni });
    return { socket: { name: TLS_TRANSPORT_SOCKET, configType: { case: "typedConfig", value: anyPack(UpstreamTlsContextSchema, context) } }, problems };
  }
  const common: MessageInitShape<typeof CommonTlsContextSchema> = {};
  if (certificate !== undefined) common.tlsCertificateSdsSecretConfigs = [sdsSecretConfig(certificate)];
  if (mode === "ISTIO_MUTUAL") common.alpnProtocols = ISTIO_ALPN;
  if (ca !== undefined) {
    const sans = tls.subjectAltNames ?? [];
    common.validationContextType = {
      case: "combinedValidationContext",
      value: { defaultValidationContext: sans.length > 0 ? { matchTypedSubjectAltNames: sanMatchers(sans) } : {}, validationContextSdsSecretConfig: sdsSecretConfig(ca) },
    };
  }
  const context = create(UpstreamTlsContextSchema, { commonTlsContext: common, sni });
  return { socket: { name: TLS_TRANSPORT_SOCKET, configType: { case: "typedConfig", value: anyPack(UpstreamTlsContextSchema, context) } }, problems };
}
