/**
 * The TLS a gateway server terminates, as an Envoy DownstreamTlsContext whose
 * certificates come over SDS.
 */
import { create } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { TransportSocketSchema } from "../gen/envoy/config/core/v3/base_pb.js";
import { TlsParameters_TlsProtocol } from "../gen/envoy/extensions/transport_sockets/tls/v3/common_pb.js";
import { DownstreamTlsContextSchema, type CommonTlsContextSchema } from "../gen/envoy/extensions/transport_sockets/tls/v3/tls_pb.js";
import type { ServerTLSInput } from "../model.js";
import { sanMatchers } from "../secrets/san-matchers.js";
import { caResourceName, credentialResourceName, MESH_ROOT_CERTIFICATE, sdsNameProblem, sdsSecretConfig, WORKLOAD_CERTIFICATE } from "../secrets/sds.js";

export const TLS_TRANSPORT_SOCKET = "envoy.transport_sockets.tls";

/** Keyed by the Gateway's protocol version (input): a Map, never a prototype lookup. */
const PROTOCOLS = new Map<string, TlsParameters_TlsProtocol>([
  ["TLS_AUTO", TlsParameters_TlsProtocol.TLS_AUTO],
  ["TLSV1_0", TlsParameters_TlsProtocol.TLSv1_0],
  ["TLSV1_1", TlsParameters_TlsProtocol.TLSv1_1],
  ["TLSV1_2", TlsParameters_TlsProtocol.TLSv1_2],
  ["TLSV1_3", TlsParameters_TlsProtocol.TLSv1_3],
]);

/** The SDS names of the serving certificates and of the CA that verifies clients. */
function secretNames(tls: ServerTLSInput): { certificates: string[]; ca: string | undefined } {
  if (tls.mode === "ISTIO_MUTUAL") return { certificates: [WORKLOAD_CERTIFICATE], ca: MESH_ROOT_CERTIFICATE };
  const credentials = tls.credentialNames?.length ? tls.credentialNames : tls.credentialName ? [tls.credentialName] : [];
  const fileCertificate = tls.serverCertificate && tls.privateKey ? [`file-cert:${tls.serverCertificate}~${tls.privateKey}`] : [];
  const certificates = credentials.length > 0 ? credentials.map(credentialResourceName) : fileCertificate;
  const verifies = tls.mode === "MUTUAL" || tls.mode === "OPTIONAL_MUTUAL";
  let ca: string | undefined;
  if (verifies) {
    if (tls.caCertCredentialName) ca = credentialResourceName(tls.caCertCredentialName);
    else if (credentials[0] !== undefined) ca = caResourceName(credentials[0]);
    else if (tls.caCertificates) ca = `file-root:${tls.caCertificates}`;
  }
  return { certificates, ca };
}

/**
 * The transport socket of a terminating server, and the problems of its secret names.
 * @param http HTTP servers negotiate h2 or http/1.1 by ALPN; TCP servers do not.
 */
export function downstreamTls(tls: ServerTLSInput, http: boolean): { socket: MessageInitShape<typeof TransportSocketSchema>; problems: string[] } {
  const { certificates, ca } = secretNames(tls);
  const problems = [...certificates, ...(ca === undefined ? [] : [ca])].flatMap((name) => {
    const problem = sdsNameProblem(name);
    return problem === undefined ? [] : [`secret ${JSON.stringify(name)}: ${problem}`];
  });
  if (certificates.length === 0) problems.push("no server certificate: neither credentialName nor serverCertificate is set");
  const common: MessageInitShape<typeof CommonTlsContextSchema> = { tlsCertificateSdsSecretConfigs: certificates.map(sdsSecretConfig) };
  if (http) common.alpnProtocols = ["h2", "http/1.1"];
  const min = PROTOCOLS.get((tls.minProtocolVersion ?? "").toUpperCase());
  const max = PROTOCOLS.get((tls.maxProtocolVersion ?? "").toUpperCase());
  if (min !== undefined || max !== undefined || (tls.cipherSuites?.length ?? 0) > 0) {
    common.tlsParams = {
      ...(min === undefined ? {} : { tlsMinimumProtocolVersion: min }),
      ...(max === undefined ? {} : { tlsMaximumProtocolVersion: max }),
      ...(tls.cipherSuites?.length ? { cipherSuites: tls.cipherSuites } : {}),
    };
  }
  if (ca !== undefined) {
    const sans = tls.subjectAltNames ?? [];
    common.validationContextType =
      sans.length > 0
        ? { case: "combinedValidationContext", value: { defaultValidationContext: { matchTypedSubjectAltNames: sanMatchers(sans) }, validationContextSdsSecretConfig: sdsSecretConfig(ca) } }
        : { case: "validationContextSdsSecretConfig", value: sdsSecretConfig(ca) };
  }
  const context = create(DownstreamTlsContextSchema, {
    commonTlsContext: common,
    requireClientCertificate: tls.mode === "MUTUAL" || tls.mode === "ISTIO_MUTUAL",
  });
  return { socket: { name: TLS_TRANSPORT_SOCKET, configType: { case: "typedConfig", value: anyPack(DownstreamTlsContextSchema, context) } }, problems };
}
