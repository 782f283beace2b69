/**
 * SDS secret references: the names a proxy asks its secret discovery service for, in
 * the forms @weft/mesh parses (`kubernetes://`, `kubernetes-gateway://`, `builtin://`,
 * `file-cert:`/`file-root:`, a `-cacert` suffix for the CA bundle). Istio also reads CA
 * bundles from `configmap://<namespace>/<name>`; those pass unchecked.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { parseResourceName } from "@weft/mesh";
import { ApiVersion } from "../gen/envoy/config/core/v3/config_source_pb.js";
import type { SdsSecretConfigSchema } from "../gen/envoy/extensions/transport_sockets/tls/v3/secret_pb.js";

/** Istio's names for a workload's own certificate and the mesh root. */
export const WORKLOAD_CERTIFICATE = "default";
export const MESH_ROOT_CERTIFICATE = "ROOTCA";

const CA_SUFFIX = "-cacert";

/** The SDS name of a credential as written in an Istio Gateway or DestinationRule: a bare name is a Secret in the proxy's namespace. */
export function credentialResourceName(credentialName: string): string {
  return credentialName.includes("://") ? credentialName : `kubernetes://${credentialName}`;
}

/** The SDS name of the CA bundle that goes with a credential. */
export function caResourceName(credentialName: string): string {
  return `${credentialResourceName(credentialName)}${CA_SUFFIX}`;
}

/**
 * Why a name cannot be served, or undefined when it can. Checked with @weft/mesh's
 * parser, with placeholder proxy context: only the form is judged here.
 */
export function sdsNameProblem(name: string): string | undefined {
  if (name === WORKLOAD_CERTIFICATE || name === MESH_ROOT_CERTIFICATE || name.startsWith("configmap://")) return undefined;
  const parsed = parseResourceName(name, { proxyNamespace: "_", proxyCluster: "_", configCluster: "_" });
  return parsed.ok ? undefined : parsed.error;
}

/** A reference Envoy resolves over the same ADS stream. */
export function sdsSecretConfig(name: string): MessageInitShape<typeof SdsSecretConfigSchema> {
  return { name, sdsConfig: { configSourceSpecifier: { case: "ads", value: {} }, resourceApiVersion: ApiVersion.V3 } };
}
