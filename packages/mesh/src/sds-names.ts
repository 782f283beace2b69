/**
 * SDS resource names: how a proxy asks for a certificate, parsed as Istio 1.28 does.
 * istiod's parser (`ParseResourceName`) serves
 *  - `kubernetes://<name>` (a Secret in the proxy's own namespace, from the proxy's
 *    cluster) and `kubernetes://<namespace>/<name>`;
 *  - `kubernetes-gateway://<namespace>/<name>` (both required; from the config cluster,
 *    as Gateway API certificate references are);
 *  - `configmap://<namespace>/<name>` (both required; a CA bundle in a ConfigMap, from the
 *    config cluster);
 *  - `invalid://…` (a certificate that is never valid: what a broken reference becomes);
 * and Istio's agent serves `file-cert:<cert path>~<key path>` and `file-root:<path>`.
 *
 * Istio's parser is lenient where it splits on `/`: a third segment is ignored and, for
 * `kubernetes://`, empty segments are accepted; this parser answers the same. A
 * `-cacert` suffix asks for a CA bundle, which istiod looks for under the name as
 * written, then without the suffix ({@link SecretResource} `lookupNames`).
 *
 * A credential name as written in an Istio Gateway or DestinationRule (a bare name,
 * `builtin://`) is not a resource name: {@link credentialResourceName} converts it first.
 */

/** A Secret or ConfigMap istiod reads. */
export interface KubernetesResource {
  type: "kubernetes" | "kubernetes-gateway" | "configmap";
  kind: "Secret" | "ConfigMap";
  /** The name as written, suffix included (Istio's `Name`). */
  name: string;
  /** The namespace, resolved: a `kubernetes://` name without one is in the proxy's namespace. */
  namespace: string;
  cluster: string;
  /** Whether a CA bundle (rather than a serving certificate) is asked for. */
  caCertificate: boolean;
  /** The object names to read, in order: a `-cacert` Secret is tried as named, then without the suffix. */
  lookupNames: string[];
  /** The name exactly as requested. */
  resourceName: string;
}

export type SecretResource =
  | KubernetesResource
  | { type: "invalid"; cluster: string; resourceName: string }
  | { type: "file"; certificate?: string; privateKey?: string; root?: string; resourceName: string };

export type ParsedResource = { ok: true; resource: SecretResource } | { ok: false; error: string };

export const CA_SUFFIX = "-cacert";
/** Istio's SDS names of a workload's own certificate and of the mesh root. */
export const WORKLOAD_CERTIFICATE = "default";
export const MESH_ROOT_CERTIFICATE = "ROOTCA";

/** Where an implicit namespace or cluster comes from. */
export interface RequestContext {
  proxyNamespace: string;
  proxyCluster: string;
  configCluster: string;
}

const invalid = (resourceName: string, expected: string): ParsedResource => ({ ok: false, error: `invalid resource name ${JSON.stringify(resourceName)}: expected ${expected}` });

function kubernetesResource(type: KubernetesResource["type"], name: string, namespace: string, cluster: string, resourceName: string): ParsedResource {
  const caCertificate = type === "configmap" || name.endsWith(CA_SUFFIX);
  const stripped = name.endsWith(CA_SUFFIX) ? name.slice(0, -CA_SUFFIX.length) : name;
  // A ConfigMap is read without the suffix only; a Secret as named first (empty names read nothing).
  const candidates = type === "configmap" ? [stripped] : caCertificate ? [name, stripped] : [name];
  const lookupNames = [...new Set(candidates)].filter((n) => n !== "");
  const kind = type === "configmap" ? "ConfigMap" : "Secret";
  return { ok: true, resource: { type, kind, name, namespace, cluster, caCertificate, lookupNames, resourceName } };
}

/** `<namespace>/<name>`, both required, anything after a second `/` ignored (as Istio does). */
function namespacedResource(type: "kubernetes-gateway" | "configmap", rest: string, cluster: string, resourceName: string): ParsedResource {
  const [namespace = "", name] = rest.split("/");
  if (name === undefined) return invalid(resourceName, `${type}://<namespace>/<name>`);
  if (namespace === "") return invalid(resourceName, "a namespace");
  if (name === "") return invalid(resourceName, "a name");
  return kubernetesResource(type, name, namespace, cluster, resourceName);
}

/** Parses an SDS resource name; a malformed one is an error value, never a throw. */
export function parseResourceName(resourceName: string, ctx: RequestContext): ParsedResource {
  if (resourceName.startsWith("kubernetes://")) {
    // Istio validates nothing here: one segment is a name in the proxy's namespace,
    // otherwise the first two are namespace and name.
    const [first = "", second] = resourceName.slice("kubernetes://".length).split("/");
    return second === undefined
      ? kubernetesResource("kubernetes", first, ctx.proxyNamespace, ctx.proxyCluster, resourceName)
      : kubernetesResource("kubernetes", second, first, ctx.proxyCluster, resourceName);
  }
  if (resourceName.startsWith("configmap://")) return namespacedResource("configmap", resourceName.slice("configmap://".length), ctx.configCluster, resourceName);
  if (resourceName.startsWith("kubernetes-gateway://")) return namespacedResource("kubernetes-gateway", resourceName.slice("kubernetes-gateway://".length), ctx.configCluster, resourceName);
  if (resourceName.startsWith("invalid://")) return { ok: true, resource: { type: "invalid", cluster: ctx.configCluster, resourceName } };
  if (resourceName.startsWith("file-cert:")) {
    const parts = resourceName.slice("file-cert:".length).split("~");
    const [certificate = "", privateKey = ""] = parts;
    // The agent needs exactly a certificate and a key; it serves nothing for an empty path.
    if (parts.length !== 2 || certificate === "" || privateKey === "") return invalid(resourceName, "file-cert:<cert>~<key>");
    return { ok: true, resource: { type: "file", certificate, privateKey, resourceName } };
  }
  if (resourceName.startsWith("file-root:")) {
    const root = resourceName.slice("file-root:".length);
    if (root === "" || root.includes("~")) return invalid(resourceName, "file-root:<path>");
    return { ok: true, resource: { type: "file", root, resourceName } };
  }
  return { ok: false, error: `unknown resource type: ${JSON.stringify(resourceName)}` };
}

/**
 * The SDS resource name of a credential as written in an Istio Gateway or
 * DestinationRule (Istio's `ToResourceName`, with the builtin CA of
 * `ConstructSdsSecretConfigForCredential`): `builtin://` is the workload's own
 * certificate and `builtin://-cacert` the mesh root; any `invalid://` name is
 * `invalid://`; names of an explicit type stay; anything else is a Secret in the
 * proxy's namespace.
 */
export function credentialResourceName(credentialName: string): string {
  if (credentialName === `builtin://${CA_SUFFIX}`) return MESH_ROOT_CERTIFICATE;
  if (credentialName.startsWith("builtin://")) return WORKLOAD_CERTIFICATE;
  if (credentialName.startsWith("invalid://")) return "invalid://";
  if (["configmap://", "kubernetes://", "kubernetes-gateway://"].some((prefix) => credentialName.startsWith(prefix))) return credentialName;
  return `kubernetes://${credentialName}`;
}

/** The SDS resource name of the CA bundle that goes with a credential. */
export function caResourceName(credentialName: string): string {
  return credentialResourceName(`${credentialName}${CA_SUFFIX}`);
}

/**
 * The cache key of a resource. It includes the name exactly as requested (Istio
 * 1.28.1): `kubernetes://secret` and `kubernetes://ns/secret` may resolve to the same
 * Secret, yet they are different resources to the proxy and must never share an entry.
 */
export function cacheKey(resource: SecretResource): string {
  if (resource.type === "file") return `sds://file/${resource.resourceName}`;
  if (resource.type === "invalid") return `sds://invalid/${resource.cluster}/${resource.resourceName}`;
  return `sds://${resource.type}/${resource.kind}/${resource.namespace}/${resource.name}/${resource.cluster}/${resource.resourceName}`;
}
