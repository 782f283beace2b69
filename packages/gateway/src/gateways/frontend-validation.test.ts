/**
 * Frontend client-certificate validation: `perPort` overrides `default` for listeners on
 * its port, an unusable CA reference rejects the listener, and AllowInsecureFallback is
 * reported on the Gateway and served as OPTIONAL_MUTUAL.
 */
import { describe, expect, it } from "vitest";
import type { InputObject } from "../model/resources.js";
import { translate } from "../translate.js";
import { VALID_CERT, VALID_KEY } from "./test-certificates.js";

// Real PEMs: certificates and keys are parsed, so placeholders would be invalid references.
const CA = VALID_CERT;
const CERT = Buffer.from(VALID_CERT).toString("base64");
const KEY = Buffer.from(VALID_KEY).toString("base64");

const https = (name: string, port: number) => ({ name, port, protocol: "HTTPS", hostname: `${name}.example.com`, tls: { mode: "Terminate", certificateRefs: [{ name: "cert" }] } });
const validation = (name: string, mode?: string, kind = "ConfigMap") => ({ validation: { caCertificateRefs: [{ group: "", kind, name }], ...(mode === undefined ? {} : { mode }) } });

function run(frontend: object) {
  const objects = [
    { apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name: "gw", namespace: "ns" }, spec: { gatewayClassName: "istio", tls: { frontend }, listeners: [https("a", 443), https("b", 8443)] } },
    { apiVersion: "v1", kind: "Secret", metadata: { name: "cert", namespace: "ns" }, type: "kubernetes.io/tls", data: { "tls.crt": CERT, "tls.key": KEY } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ca", namespace: "ns" }, data: { "ca.crt": CA } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "port-ca", namespace: "ns" }, data: { "ca.crt": CA } },
    { apiVersion: "v1", kind: "Service", metadata: { name: "gw-istio", namespace: "ns" }, spec: { ports: [{ port: 443 }, { port: 8443 }] } },
  ] as InputObject[];
  const out = translate(objects, { domainSuffix: "cluster.local" });
  const status = out.statuses.find((s) => s.kind === "Gateway")!.status as {
    conditions: { type: string; status: string; reason: string }[];
    listeners: { name: string; conditions: { type: string; status: string; reason: string }[] }[];
  };
  const listener = (name: string) => status.listeners.find((l) => l.name === name)!.conditions;
  const server = (listener: string) => out.gateways.find((g) => g.metadata.name.endsWith(`~${listener}`))?.spec.servers[0]?.tls;
  return { status, listener, server };
}

describe("frontend client-certificate validation", () => {
  it("a perPort entry overrides the default for the listeners on its port only", () => {
    const { server } = run({ default: validation("ca"), perPort: [{ port: 8443, tls: validation("port-ca") }] });
    expect(server("a")).toMatchObject({ mode: "MUTUAL", caCertCredentialName: "configmap://ns/ca-cacert" });
    expect(server("b")).toMatchObject({ mode: "MUTUAL", caCertCredentialName: "configmap://ns/port-ca-cacert" });
  });

  it("an unusable per-port CA reference rejects that port's listener, with the reason of the reference", () => {
    const { listener } = run({ default: validation("ca"), perPort: [{ port: 8443, tls: validation("missing") }] });
    expect(listener("a")).toContainEqual(expect.objectContaining({ type: "ResolvedRefs", status: "True" }));
    expect(listener("b")).toContainEqual(expect.objectContaining({ type: "ResolvedRefs", status: "False", reason: "InvalidCACertificateRef" }));
    expect(listener("b")).toContainEqual(expect.objectContaining({ type: "Accepted", status: "False", reason: "NoValidCACertificate" }));
    const kind = run({ default: validation("ca"), perPort: [{ port: 8443, tls: validation("svc", undefined, "Service") }] });
    expect(kind.listener("b")).toContainEqual(expect.objectContaining({ type: "ResolvedRefs", status: "False", reason: "InvalidCACertificateKind" }));
  });

  it("AllowInsecureFallback is reported on the Gateway and served as OPTIONAL_MUTUAL", () => {
    const { status, server } = run({ default: validation("ca"), perPort: [{ port: 8443, tls: validation("port-ca", "AllowInsecureFallback") }] });
    expect(status.conditions).toContainEqual(expect.objectContaining({ type: "InsecureFrontendValidationMode", status: "True", reason: "ConfigurationChanged" }));
    expect(server("a")).toMatchObject({ mode: "MUTUAL" });
    expect(server("b")).toMatchObject({ mode: "OPTIONAL_MUTUAL" });
  });

  it("without AllowInsecureFallback the Gateway has no InsecureFrontendValidationMode condition", () => {
    const { status } = run({ default: validation("ca", "AllowValidOnly") });
    expect(status.conditions.map((c) => c.type)).not.toContain("InsecureFrontendValidationMode");
  });
});
