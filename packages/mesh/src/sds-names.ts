/**
 * SDS resource names: how a proxy asks for a certificate. Istio accepts
 *  - `kubernetes://<name>` (the Secret in the proxy's own namespace and cluster),
 *  - `kubernetes://<namespace>/<name>`,
 *  - `kubernetes-gateway://<namespace>/<name>` (both required; read from the config
 *    cluster, as Gateway API certificate references are),
 *  - `builtin://` (the workload's own mesh certificate),
 *  - `file-cert:<cert path>~<key path>` and `file-root:<path>` (files on the proxy),
 * and a `-cacert` suffix on a Secret name asks for that Secret's CA bundle.
 * A bare credential name means `kubernetes://<name>`.
 */

export type SecretResource =
  | {
      type: "kubernetes" | "kubernetes-gateway";
      /** The Secret's name, without any `-cacert` suffix. */
      name: string;
      namespace: string;
      cluster: string;
      /** Whether the CA bundle (rather than the serving certificate) is asked for. */
      caCertificate: boolean;
      /** The name exactly as requested. */
      resourceName: string;
    }
  | { type: "builtin"; resourceName: string }
  | { type: "file"; certificate?: string; privateKey?: string; root?: string; resourceName: string };

export type ParsedResource = { ok: true; resource: SecretResource } | { ok: false; error: string };

const CA_SUFFIX = "-cacert";

/** Where an implicit namespace or cluster comes from. */
export interface RequestContext {
  proxyNamespace: string;
  proxyCluster: string;
  configCluster: string;
}

function secret(type: "kubernetes" | "kubernetes-gateway", rawName: string, namespace: string, cluster: string, resourceName: string): ParsedResource {
  const caCertificate = rawName.endsWith(CA_SUFFIX) && rawName.length > CA_SUFFIX.length;
  const name = caCertificate ? rawName.slice(0, -CA_SUFFIX.length) : rawName;
  if (name === "") return { ok: false, error: `invalid resource name ${JSON.stringify(resourceName)}: expected a name` };
  return { ok: true, resource: { type, name, namespace, cluster, caCertificate, resourceName } };
}

/** Parses an SDS resource name; a malformed one is an error value, never a throw. */
export function parseResourceName(resourceName: string, ctx: RequestContext): ParsedResource {
  if (resourceName.startsWith("builtin://")) return { ok: true, resource: { type: "builtin", resourceName } };
  if (resourceName.startsWith("kubernetes-gateway://")) {
    const [namespace = "", name = "", ...rest] = resourceName.slice("kubernetes-gateway://".length).split("/");
    if (namespace === "" || name === "" || rest.length > 0) {
      return { ok: false, error: `invalid resource name ${JSON.stringify(resourceName)}: expected kubernetes-gateway://<namespace>/<name>` };
    }
    return secret("kubernetes-gateway", name, namespace, ctx.configCluster, resourceName);
  }
  if (resourceName.startsWith("kubernetes://")) {
    const parts = resourceName.slice("kubernetes://".length).split("/");
    if (parts.length > 2 || parts.some((p) => p === "")) {
      return { ok: false, error: `invalid resource name ${JSON.stringify(resourceName)}: expected kubernetes://[<namespace>/]<name>` };
    }
    const [first, second] = parts as [string, string | undefined];
    return second === undefined ? secret("kubernetes", first, ctx.proxyNamespace, ctx.proxyCluster, resourceName) : secret("kubernetes", second, first, ctx.proxyCluster, resourceName);
  }
  if (resourceName.startsWith("file-cert:")) {
    const [certificate = "", privateKey = ""] = resourceName.slice("file-cert:".length).split("~");
    if (certificate === "" || privateKey === "") return { ok: false, error: `invalid resource name ${JSON.stringify(resourceName)}: expected file-cert:<cert>~<key>` };
    return { ok: true, resource: { type: "file", certificate, privateKey, resourceName } };
  }
  if (resourceName.startsWith("file-root:")) {
    const root = resourceName.slice("file-root:".length);
    if (root === "") return { ok: false, error: `invalid resource name ${JSON.stringify(resourceName)}: expected file-root:<path>` };
    return { ok: true, resource: { type: "file", root, resourceName } };
  }
  if (resourceName.includes("://")) return { ok: false, error: `unknown resource type: ${JSON.stringify(resourceName)}` };
  // A bare credential name, as Istio Gateways write them.
  return parseResourceName(`kubernetes://${resourceName}`, ctx);
}

/**
 * The cache key of a resource. It includes the name exactly as requested (Istio
 * 1.28.1): `kubernetes://secret` and `kubernetes://ns/secret` may resolve to the same
 * Secret, yet they are different resources to the proxy and must never share an entry.
 */
export function cacheKey(resource: SecretResource): string {
  if (resource.type !== "kubernetes" && resource.type !== "kubernetes-gateway") return `sds://${resource.type}/${resource.resourceName}`;
  return `sds://${resource.type}/${resource.namespace}/${resource.name}/${resource.cluster}/${resource.caCertificate ? "ca" : "cert"}/${resource.resourceName}`;
}
