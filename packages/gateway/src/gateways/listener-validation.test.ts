import { describe, expect, it } from "vitest";
import type { ConfigMap, Listener, Secret } from "../model/resources.js";
import type { Referent, Referrer } from "../references.js";
import { caProblem, certificateProblem, type ReferenceLookup } from "./listener-tls.js";
import { listenerModel, protocolProblem } from "./listeners.js";
import { selectorMatches } from "./selectors.js";
import { cipherSuites } from "./tls-options.js";

import { VALID_CERT as PEM, VALID_KEY as KEY } from "./test-certificates.js";

function lookup(secrets: Record<string, Partial<Secret>>, configMaps: Record<string, Partial<ConfigMap>> = {}, allow: (from: Referrer, to: Referent) => boolean = () => false): ReferenceLookup {
  return {
    secret: (ns, name) => secrets[`${ns}/${name}`] as Secret | undefined,
    configMap: (ns, name) => configMaps[`${ns}/${name}`] as ConfigMap | undefined,
    allowed: (from, to) => from.namespace === to.namespace || allow(from, to),
  };
}

describe("listener certificates", () => {
  const good = { "gw/cert": { stringData: { "tls.crt": PEM, "tls.key": KEY } } };

  it("accepts a valid same-namespace Secret", () => {
    expect(certificateProblem([{ name: "cert" }], "gw", lookup(good))).toBeUndefined();
  });

  it("checks the grant before existence, so a missing grant reads the same for missing and existing targets", () => {
    const existing = certificateProblem([{ name: "cert", namespace: "other" }], "gw", lookup({ "other/cert": good["gw/cert"] }));
    const missing = certificateProblem([{ name: "nope", namespace: "other" }], "gw", lookup({}));
    expect(existing?.resolvedRefs.reason).toBe("RefNotPermitted");
    expect(missing?.resolvedRefs.reason).toBe("RefNotPermitted");
    expect(missing?.resolvedRefs.message).toBe('certificateRef nope/other not accessible to a Gateway in namespace "gw" (missing a ReferenceGrant?)');
  });

  it("names missing, malformed and wrong-kind certificates", () => {
    expect(certificateProblem([{ name: "nope" }], "gw", lookup({}))?.resolvedRefs.message).toBe("invalid certificate reference /Secret/nope., secret gw/nope not found");
    expect(certificateProblem([{ name: "bad" }], "gw", lookup({ "gw/bad": { data: { "tls.crt": Buffer.from("hello").toString("base64") } } }))?.resolvedRefs.message).toMatch(/failed to find any PEM data in certificate input/);
    expect(certificateProblem([{ name: "x", kind: "ConfigMap" }], "gw", lookup({}))?.resolvedRefs.message).toMatch(/only secret is allowed/);
  });

  it("checks client CA references: one, of a supported kind, permitted, present", () => {
    const cm = { "gw/ca": { data: { "ca.crt": PEM } } };
    expect(caProblem([{ name: "ca", kind: "ConfigMap" }], "gw", lookup({}, cm))).toBeUndefined();
    expect(caProblem([{ name: "ca", kind: "ConfigMap" }, { name: "ca", kind: "ConfigMap" }], "gw", lookup({}, cm))?.resolvedRefs.message).toBe("only one caCertificateRef is supported");
    expect(caProblem([{ name: "svc", kind: "Service" }], "gw", lookup({}))?.resolvedRefs.reason).toBe("InvalidCACertificateKind");
    expect(caProblem([{ name: "gone", kind: "ConfigMap" }], "gw", lookup({}))?.resolvedRefs.message).toBe("invalid CA certificate reference /ConfigMap/gone., configmap gw/gone not found");
  });
});

describe("listeners", () => {
  it("reject unsupported protocols, with a hint for lower case", () => {
    expect(protocolProblem("HTTP")).toBeUndefined();
    expect(protocolProblem("http")).toBe('protocol "http" is unsupported. hint: "HTTP" (uppercase) may be supported');
    expect(protocolProblem("UDP")).toBe('protocol "UDP" is unsupported');
  });

  it("a listener with a TLS problem has no server and says why", () => {
    const listener: Listener = { name: "https", port: 443, protocol: "HTTPS", tls: { mode: "Terminate", certificateRefs: [{ name: "missing" }] } };
    const model = listenerModel(listener, { namespace: "gw", namespaces: [], frontend: [], lookup: lookup({}) });
    expect(model.server).toBeUndefined();
    expect(model.conditions.find((c) => c.type === "Programmed")).toMatchObject({ status: "False", reason: "Invalid", message: "Bad TLS configuration" });
  });

  it("keeps only cipher suites Envoy knows", () => {
    expect(cipherSuites({ "gateway.istio.io/tls-cipher-suites": "bad, ECDHE-RSA-AES128-GCM-SHA256" })).toEqual(["ECDHE-RSA-AES128-GCM-SHA256"]);
    expect(cipherSuites({ "gateway.istio.io/tls-cipher-suites": "bogus" })).toBeUndefined();
  });

  it("namespace selectors support matchLabels and every expression operator", () => {
    const labels = { team: "a", tier: "web" };
    expect(selectorMatches({ matchLabels: { team: "a" } }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: "tier", operator: "In", values: ["web", "db"] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["web"] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: "missing", operator: "NotIn", values: ["x"] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: "team", operator: "Exists" }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: "team", operator: "DoesNotExist" }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: "team", operator: "Bogus" }] }, labels)).toBe(false);
  });
});
