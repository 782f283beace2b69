/**
 * SDS secret references: the names a proxy asks its secret discovery service for, in
 * the forms @weft/mesh parses (`kubernetes://`, `kubernetes-gateway://`, `configmap://`,
 * `invalid://`, `file-cert:`/`file-root:`, a `-cacert` suffix for the CA bundle), made
 * from credential names as Istio makes them (@weft/mesh `credentialResourceName`).
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { MESH_ROOT_CERTIFICATE, parseResourceName, WORKLOAD_CERTIFICATE } from "@weft/mesh";
import { ApiVersion } from "../gen/envoy/config/core/v3/config_source_pb.js";
import type { SdsSecretConfigSchema } from "../gen/envoy/extensions/transport_sockets/tls/v3/secret_pb.js";

export { caResourceName, credentialResourceName, MESH_ROOT_CERTIFICATE, WORKLOAD_CERTIFICATE } from "@weft/mesh";

/**
 * Why a name cannot be served, or undefined when it can. Checked with @weft/mesh's
 * parser, with placeholder proxy context: only the form is judged here. Istio's parser
 * accepts some names that can never give a certificate (`invalid://`, by design, and
 * `kubernetes://` names with an empty namespace or name); they are reported too.
 */
export function sdsNameProblem(name: string): string | undefined {
  if (name === WORKLOAD_CERTIFICATE || name === MESH_ROOT_CERTIFICATE) return undefined;
  const parsed = parseResourceName(name, { proxyNamespace: "_", proxyCluster: "_", configCluster: "_" });
  if (!parsed.ok) return parsed.error;
  const resource = parsed.resource;
  if (resource.type === "invalid") return "names a certificate that is never valid";
  if (resource.type !== "file" && (resource.namespace === "" || resource.lookupNames.length === 0)) return "names no Secret: its namespace or name is empty";
  return undefined;
}

/** A reference Envoy resolves over the same ADS stream. */
export function sdsSecretConfig(name: string): MessageInitShape<typeof SdsSecretConfigSchema> {
  return { name, sdsConfig: { configSourceSpecifier: { case: "ads", value: {} }, resourceApiVersion: ApiVersion.V3 } };
}
