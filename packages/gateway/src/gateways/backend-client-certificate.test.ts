import { describe, expect, it } from "vitest";
import { gatewayCollections } from "../collections.js";
import { staticInputs } from "../inputs.js";
import type { Gateway, InputObject, Secret } from "../model/resources.js";
import { backendClientCertificateCondition, certificatePair } from "./backend-client-certificate.js";
import type { ReferenceLookup } from "./listener-tls.js";

import { VALID_CERT as PEM_CERT, VALID_KEY as PEM_KEY } from "./test-certificates.js";

const secret = (name: string, namespace: string, stringData: Record<string, string>): Secret => ({ apiVersion: "v1", kind: "Secret", metadata: { name, namespace }, stringData });

function lookup(secrets: Secret[], allowed = false): ReferenceLookup {
  return {
    secret: (ns, name) => secrets.find((s) => s.metadata.namespace === ns && s.metadata.name === name),
    configMap: () => undefined,
    allowed: (from, to) => allowed || from.namespace === to.namespace,
  };
}

function gateway(clientCertificateRef: Record<string, string> | undefined): Gateway {
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: { name: "gw", namespace: "infra" },
    spec: { gatewayClassName: "istio", listeners: [], ...(clientCertificateRef === undefined ? {} : { tls: { backend: { clientCertificateRef } } }) },
  } as Gateway;
}

describe("a Gateway's backend client certificate", () => {
  it("resolves when absent or when a Secret holds a PEM certificate and key", () => {
    const ok = { type: "ResolvedRefs", status: "True", reason: "ResolvedRefs", message: "All references resolved" };
    expect(backendClientCertificateCondition(gateway(undefined), "infra", lookup([]))).toEqual(ok);
    const good = secret("client", "infra", { "tls.crt": PEM_CERT, "tls.key": PEM_KEY });
    expect(backendClientCertificateCondition(gateway({ name: "client" }), "infra", lookup([good]))).toEqual(ok);
  });

  it("a malformed certificate is reported as InvalidClientCertificateRef, quoting the reference", () => {
    const malformed = secret("bad", "infra", { "tls.crt": "not pem", "tls.key": PEM_KEY });
    expect(backendClientCertificateCondition(gateway({ group: "", kind: "Secret", name: "bad" }), "infra", lookup([malformed]))).toEqual({
      type: "ResolvedRefs",
      status: "False",
      reason: "InvalidClientCertificateRef",
      message: "invalid clientCertificateRef /Secret/bad., the certificate is malformed: tls: failed to find any PEM data in certificate input",
    });
    const badKey = secret("bad", "infra", { "tls.crt": PEM_CERT, "tls.key": "nope" });
    expect(backendClientCertificateCondition(gateway({ name: "bad" }), "infra", lookup([badKey])).message).toBe(
      "invalid clientCertificateRef //bad., the certificate is malformed: tls: failed to find any PEM data in key input",
    );
  });

  it("a missing Secret, another kind, or a Secret without a key pair are each named", () => {
    const message = (ref: Record<string, string>, secrets: Secret[] = []) => backendClientCertificateCondition(gateway(ref), "infra", lookup(secrets)).message;
    expect(message({ kind: "Secret", name: "nope" })).toBe("invalid clientCertificateRef /Secret/nope., secret infra/nope not found");
    expect(message({ group: "", kind: "ConfigMap", name: "c" })).toBe("invalid clientCertificateRef /ConfigMap/c., only secret is allowed");
    expect(message({ name: "odd" }, [secret("odd", "infra", { b: "1", a: "2", c: "3", d: "4" })])).toBe(
      "invalid clientCertificateRef //odd., found secret, but didn't have expected keys (cert and key) or (tls.crt and tls.key); found: a, b, c, and 1 more...",
    );
    expect(message({ name: "empty" }, [secret("empty", "infra", { "tls.crt": "", "tls.key": "" })])).toBe('invalid clientCertificateRef //empty., found keys "tls.crt" and "tls.key", but they were empty');
  });

  it("a Secret in another namespace needs a ReferenceGrant (checked after existence)", () => {
    const elsewhere = secret("client", "certs", { "tls.crt": PEM_CERT, "tls.key": PEM_KEY });
    const ref = { name: "client", namespace: "certs" };
    expect(backendClientCertificateCondition(gateway(ref), "infra", lookup([elsewhere]))).toMatchObject({
      reason: "RefNotPermitted",
      message: 'clientCertificateRef client/certs not accessible to a Gateway in namespace "infra" (missing a ReferenceGrant?)',
    });
    expect(backendClientCertificateCondition(gateway(ref), "infra", lookup([elsewhere], true)).status).toBe("True");
    expect(backendClientCertificateCondition(gateway({ name: "gone", namespace: "certs" }), "infra", lookup([])).reason).toBe("InvalidClientCertificateRef");
  });

  it("prefers the cert/key pair over tls.crt/tls.key", () => {
    expect(certificatePair(secret("s", "ns", { cert: "C", key: "K", "tls.crt": "T", "tls.key": "U" }))).toEqual({ cert: "C", key: "K" });
  });
});

describe("the Gateway status", () => {
  it("reports a malformed client certificate in ResolvedRefs, and recovers when the Secret is fixed", () => {
    const gw = { ...gateway({ name: "client" }), spec: { gatewayClassName: "istio", addresses: [{ type: "Hostname", value: "ingress" }], tls: { backend: { clientCertificateRef: { name: "client" } } }, listeners: [{ name: "http", port: 80, protocol: "HTTP" }] } };
    const ingress = { apiVersion: "v1", kind: "Service", metadata: { name: "ingress", namespace: "infra" }, spec: { ports: [{ port: 80 }] } };
    const inputs = staticInputs([gw, ingress, secret("client", "infra", { "tls.crt": "junk", "tls.key": "junk" })] as InputObject[]);
    const out = gatewayCollections(inputs, { domainSuffix: "cluster.local" });
    const resolvedRefs = () => (out.statuses.get("Gateway/infra/gw")?.status as { conditions: { type: string; reason: string; status: string }[] }).conditions.find((c) => c.type === "ResolvedRefs");
    expect(resolvedRefs()).toMatchObject({ status: "False", reason: "InvalidClientCertificateRef" });
    // The listener is unaffected: the Istio Gateway is still written.
    expect(out.gateways.list()).toHaveLength(1);
    inputs.secrets.set(secret("client", "infra", { "tls.crt": PEM_CERT, "tls.key": PEM_KEY }));
    expect(resolvedRefs()).toMatchObject({ status: "True", reason: "ResolvedRefs" });
  });
});
