/**
 * TLS a cluster originates, from a DestinationRule's client TLS settings, with every
 * certificate referenced over SDS.
 */
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import type { ClientTLSSettings } from "@weft/api";
import type { TransportSocketSchema } from "../gen/envoy/config/core/v3/base_pb.js";
import type { CommonTlsContextSchema } from "../gen/envoy/extensions/transport_sockets/tls/v3/tls_pb.js";
import { UpstreamTlsContextSchema } from "../gen/envoy/extensions/transport_sockets/tls/v3/tls_pb.js";
import { TLS_TRANSPORT_SOCKET } from "../listeners/downstream-tls.js";
import { sanMatchers } from "../secrets/san-matchers.js";
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

/**
 * The transport socket for SIMPLE, MUTUAL and ISTIO_MUTUAL; undefined for DISABLE or no
 * TLS at all. `defaultSni` is Istio's SNI for ISTIO_MUTUAL (the cluster's own name form).
 */
export function upstreamTls(tls: ClientTLSSettings | undefined, defaultSni: string): { socket: MessageInitShape<typeof TransportSocketSchema>; problems: string[] } | undefined {
  const mode = tls?.mode ?? "DISABLE";
  if (tls === undefined || !["SIMPLE", "MUTUAL", "ISTIO_MUTUAL"].includes(mode)) return undefined;
  const { certificate, ca } = secretNames(tls);
  const problems = [certificate, ca].flatMap((name) => {
    const problem = name === undefined ? undefined : sdsNameProblem(name);
    return problem === undefined ? [] : [`secret ${JSON.stringify(name)}: ${problem}`];
  });
  if (mode === "MUTUAL" && certificate === undefined) problems.push("MUTUAL TLS without a client certificate");
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
  const sni = tls.sni ?? (mode === "ISTIO_MUTUAL" ? defaultSni : "");
  const context = create(UpstreamTlsContextSchema, { commonTlsContext: common, sni });
  return { socket: { name: TLS_TRANSPORT_SOCKET, configType: { case: "typedConfig", value: anyPack(UpstreamTlsContextSchema, context) } }, problems };
}
