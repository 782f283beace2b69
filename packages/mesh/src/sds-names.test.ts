import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caResourceName, cacheKey, credentialResourceName, parseResourceName } from "./sds-names.js";

const ctx = { proxyNamespace: "proxy-ns", proxyCluster: "cluster-1", configCluster: "config" };
const parse = (name: string) => parseResourceName(name, ctx);

describe("SDS resource names", () => {
  it("kubernetes://name is a Secret in the proxy's namespace and cluster", () => {
    expect(parse("kubernetes://cert")).toEqual({
      ok: true,
      resource: { type: "kubernetes", kind: "Secret", name: "cert", namespace: "proxy-ns", cluster: "cluster-1", caCertificate: false, lookupNames: ["cert"], resourceName: "kubernetes://cert" },
    });
  });

  it("kubernetes://namespace/name names the namespace; like Istio, a third segment is ignored and empty segments are not checked", () => {
    expect(parse("kubernetes://other/cert")).toMatchObject({ ok: true, resource: { namespace: "other", name: "cert", cluster: "cluster-1" } });
    expect(parse("kubernetes://a/b/c")).toMatchObject({ ok: true, resource: { namespace: "a", name: "b" } });
    expect(parse("kubernetes:///cert")).toMatchObject({ ok: true, resource: { namespace: "", name: "cert" } });
    // An empty name parses, and reads nothing.
    expect(parse("kubernetes://")).toMatchObject({ ok: true, resource: { namespace: "proxy-ns", name: "", lookupNames: [] } });
  });

  it("configmap://namespace/name is a CA bundle in a ConfigMap of the config cluster, read without any -cacert suffix", () => {
    expect(parse("configmap://certs/root")).toEqual({
      ok: true,
      resource: { type: "configmap", kind: "ConfigMap", name: "root", namespace: "certs", cluster: "config", caCertificate: true, lookupNames: ["root"], resourceName: "configmap://certs/root" },
    });
    expect(parse("configmap://certs/root-cacert")).toMatchObject({ ok: true, resource: { name: "root-cacert", lookupNames: ["root"] } });
  });

  it("configmap:// and kubernetes-gateway:// require a namespace and a name, and ignore a third segment", () => {
    for (const type of ["configmap", "kubernetes-gateway"]) {
      expect(parse(`${type}://name`)).toEqual({ ok: false, error: `invalid resource name "${type}://name": expected ${type}://<namespace>/<name>` });
      expect(parse(`${type}:///name`)).toEqual({ ok: false, error: `invalid resource name "${type}:///name": expected a namespace` });
      expect(parse(`${type}://ns/`)).toEqual({ ok: false, error: `invalid resource name "${type}://ns/": expected a name` });
      expect(parse(`${type}://ns/name/extra`)).toMatchObject({ ok: true, resource: { namespace: "ns", name: "name", cluster: "config" } });
    }
    expect(parse("kubernetes-gateway://ns/cert")).toMatchObject({ ok: true, resource: { type: "kubernetes-gateway", kind: "Secret", caCertificate: false } });
  });

  it("a -cacert Secret is read as named first, then without the suffix", () => {
    expect(parse("kubernetes://ns/cert-cacert")).toMatchObject({ ok: true, resource: { name: "cert-cacert", caCertificate: true, lookupNames: ["cert-cacert", "cert"] } });
    expect(parse("kubernetes-gateway://ns/cert-cacert")).toMatchObject({ ok: true, resource: { caCertificate: true, lookupNames: ["cert-cacert", "cert"] } });
    expect(parse("kubernetes://-cacert")).toMatchObject({ ok: true, resource: { caCertificate: true, lookupNames: ["-cacert"] } });
  });

  it("invalid:// names a certificate that is never valid, from the config cluster", () => {
    expect(parse("invalid://")).toEqual({ ok: true, resource: { type: "invalid", cluster: "config", resourceName: "invalid://" } });
  });

  it("file-cert: needs exactly a certificate and a key path, file-root: exactly one path", () => {
    expect(parse("file-cert:/etc/cert.pem~/etc/key.pem")).toMatchObject({ ok: true, resource: { type: "file", certificate: "/etc/cert.pem", privateKey: "/etc/key.pem" } });
    expect(parse("file-cert:/a~/b~/c")).toMatchObject({ ok: false });
    expect(parse("file-cert:/a")).toMatchObject({ ok: false });
    expect(parse("file-cert:~/b")).toMatchObject({ ok: false });
    expect(parse("file-root:/etc/root.pem")).toMatchObject({ ok: true, resource: { type: "file", root: "/etc/root.pem" } });
    expect(parse("file-root:system")).toMatchObject({ ok: true, resource: { type: "file", root: "system" } });
    expect(parse("file-root:/a~/b")).toMatchObject({ ok: false });
    expect(parse("file-root:")).toMatchObject({ ok: false });
  });

  it("a bare credential name, builtin:// and unknown schemes are not resource names", () => {
    for (const name of ["my-cred", "builtin://", "vault://x", ""]) expect(parse(name)).toEqual({ ok: false, error: `unknown resource type: ${JSON.stringify(name)}` });
  });

  it("credential names become resource names as Istio's ToResourceName makes them", () => {
    expect(credentialResourceName("my-cred")).toBe("kubernetes://my-cred");
    expect(credentialResourceName("kubernetes://ns/c")).toBe("kubernetes://ns/c");
    expect(credentialResourceName("kubernetes-gateway://ns/c")).toBe("kubernetes-gateway://ns/c");
    expect(credentialResourceName("configmap://ns/c")).toBe("configmap://ns/c");
    expect(credentialResourceName("builtin://")).toBe("default");
    expect(credentialResourceName("invalid://anything")).toBe("invalid://");
    expect(caResourceName("builtin://")).toBe("ROOTCA");
    expect(caResourceName("my-cred")).toBe("kubernetes://my-cred-cacert");
    expect(caResourceName("configmap://ns/ca")).toBe("configmap://ns/ca-cacert");
  });

  it("property: every credential name becomes a name the parser accepts or one of the two builtin names, and parsing never throws", () => {
    const name = fc.oneof(fc.string(), fc.constantFrom("kubernetes://", "configmap://", "kubernetes-gateway://", "file-cert:", "file-root:", "builtin://", "invalid://").chain((p) => fc.string().map((s) => p + s)));
    fc.assert(
      fc.property(name, (raw) => {
        const parsed = parse(raw);
        expect(typeof parsed.ok).toBe("boolean");
        const resource = credentialResourceName(raw);
        // configmap:// and kubernetes-gateway:// keep their (possibly malformed) names, for the parser to report.
        if (["default", "ROOTCA"].includes(resource) || /^(configmap|kubernetes-gateway):\/\//.test(resource)) return;
        expect(parse(resource).ok).toBe(true);
      }),
    );
  });

  it("cache keys include the full resource name, so equivalent names never collide", () => {
    const implicit = parse("kubernetes://secret");
    const explicit = parse("kubernetes://proxy-ns/secret");
    if (!implicit.ok || !explicit.ok) throw new Error("both parse");
    expect(implicit.resource).toMatchObject({ namespace: "proxy-ns", name: "secret" });
    expect(explicit.resource).toMatchObject({ namespace: "proxy-ns", name: "secret" });
    expect(cacheKey(implicit.resource)).not.toBe(cacheKey(explicit.resource));
    const ca = parse("kubernetes://proxy-ns/secret-cacert");
    const configMap = parse("configmap://proxy-ns/secret");
    if (!ca.ok || !configMap.ok) throw new Error("parses");
    expect(new Set([explicit.resource, ca.resource, configMap.resource].map(cacheKey)).size).toBe(3);
  });
});
