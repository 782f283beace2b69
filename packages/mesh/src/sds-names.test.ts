import { describe, expect, it } from "vitest";
import { cacheKey, parseResourceName } from "./sds-names.js";

const ctx = { proxyNamespace: "proxy-ns", proxyCluster: "cluster-1", configCluster: "config" };
const parse = (name: string) => parseResourceName(name, ctx);

describe("SDS resource names", () => {
  it("kubernetes://name reads the Secret in the proxy's namespace and cluster", () => {
    expect(parse("kubernetes://cert")).toEqual({ ok: true, resource: { type: "kubernetes", name: "cert", namespace: "proxy-ns", cluster: "cluster-1", caCertificate: false, resourceName: "kubernetes://cert" } });
  });

  it("kubernetes://namespace/name names the namespace", () => {
    expect(parse("kubernetes://other/cert")).toMatchObject({ ok: true, resource: { namespace: "other", name: "cert" } });
  });

  it("kubernetes-gateway:// requires namespace and name and reads from the config cluster", () => {
    expect(parse("kubernetes-gateway://ns/cert")).toMatchObject({ ok: true, resource: { type: "kubernetes-gateway", namespace: "ns", name: "cert", cluster: "config" } });
    expect(parse("kubernetes-gateway://cert")).toMatchObject({ ok: false });
    expect(parse("kubernetes-gateway:///cert")).toMatchObject({ ok: false });
  });

  it("a -cacert suffix asks for the CA bundle of the Secret without it", () => {
    expect(parse("kubernetes://ns/cert-cacert")).toMatchObject({ ok: true, resource: { name: "cert", caCertificate: true } });
    expect(parse("kubernetes-gateway://ns/cert-cacert")).toMatchObject({ ok: true, resource: { name: "cert", caCertificate: true } });
  });

  it("accepts builtin://, file forms and bare credential names; rejects unknown schemes", () => {
    expect(parse("builtin://")).toMatchObject({ ok: true, resource: { type: "builtin" } });
    expect(parse("file-cert:/etc/cert.pem~/etc/key.pem")).toMatchObject({ ok: true, resource: { type: "file", certificate: "/etc/cert.pem", privateKey: "/etc/key.pem" } });
    expect(parse("file-root:/etc/root.pem")).toMatchObject({ ok: true, resource: { type: "file", root: "/etc/root.pem" } });
    expect(parse("my-cred")).toMatchObject({ ok: true, resource: { type: "kubernetes", name: "my-cred", namespace: "proxy-ns" } });
    expect(parse("vault://x")).toMatchObject({ ok: false });
    expect(parse("kubernetes://a/b/c")).toMatchObject({ ok: false });
  });

  it("cache keys include the full resource name, so equivalent names never collide", () => {
    const implicit = parse("kubernetes://secret");
    const explicit = parseResourceName("kubernetes://proxy-ns/secret", ctx);
    if (!implicit.ok || !explicit.ok) throw new Error("both parse");
    expect(implicit.resource).toMatchObject({ namespace: "proxy-ns", name: "secret" });
    expect(explicit.resource).toMatchObject({ namespace: "proxy-ns", name: "secret" });
    expect(cacheKey(implicit.resource)).not.toBe(cacheKey(explicit.resource));
    const ca = parse("kubernetes://proxy-ns/secret-cacert");
    if (!ca.ok) throw new Error("parses");
    expect(cacheKey(ca.resource)).not.toBe(cacheKey(explicit.resource));
  });
});
