import type { StatusCondition } from "@weft/api";
import { describe, expect, it } from "vitest";
import type { InputObject } from "../model/resources.js";
import { translate } from "../translate.js";
import { EXPIRED_CERT, EXPIRED_KEY, OTHER_KEY, VALID_CERT, VALID_KEY } from "./test-certificates.js";

const gateway = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "Gateway",
  metadata: { name: "gw", namespace: "infra" },
  spec: {
    gatewayClassName: "istio",
    listeners: [{ name: "https", port: 443, protocol: "HTTPS", hostname: "a.example.com", tls: { mode: "Terminate", certificateRefs: [{ name: "cert" }] } }],
  },
};
const secret = (crt: string, key: string) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "cert", namespace: "infra" }, stringData: { "tls.crt": crt, "tls.key": key } });

function listenerResolvedRefs(objects: unknown[], options: Parameters<typeof translate>[1] = {}): StatusCondition | undefined {
  const result = translate(objects as InputObject[], { domainSuffix: "cluster.local", ...options });
  const status = result.statuses.find((s) => s.kind === "Gateway")?.status as { listeners?: { conditions: StatusCondition[] }[] } | undefined;
  return status?.listeners?.[0]?.conditions.find((c) => c.type === "ResolvedRefs");
}

describe("listener certificate validation", () => {
  it("a listener whose Secret holds a key of another certificate has ResolvedRefs False with reason InvalidCertificateRef", () => {
    expect(listenerResolvedRefs([gateway, secret(VALID_CERT, VALID_KEY)])).toMatchObject({ status: "True" });
    expect(listenerResolvedRefs([gateway, secret(VALID_CERT, OTHER_KEY)])).toMatchObject({
      status: "False",
      reason: "InvalidCertificateRef",
      message: "invalid certificate reference /Secret/cert., the certificate is malformed: tls: private key does not match public key",
    });
  });

  it("an expired certificate is served, as Istio serves it, unless expired certificates are rejected at the time given", () => {
    const objects = [gateway, secret(EXPIRED_CERT, EXPIRED_KEY)];
    expect(listenerResolvedRefs(objects)).toMatchObject({ status: "True" });
    expect(listenerResolvedRefs(objects, { now: "2026-01-01T00:00:00Z" })).toMatchObject({ status: "True" });
    expect(listenerResolvedRefs(objects, { now: "2026-01-01T00:00:00Z", rejectExpiredCertificates: true })).toMatchObject({
      status: "False",
      reason: "InvalidCertificateRef",
      message: "invalid certificate reference /Secret/cert., the certificate expired at 2001-01-01T00:00:00Z (checked at 2026-01-01T00:00:00.000Z)",
    });
    // The same translation at a time inside the validity period accepts it: the time comes from the options only.
    expect(listenerResolvedRefs(objects, { now: "2000-06-01T00:00:00Z", rejectExpiredCertificates: true })).toMatchObject({ status: "True" });
  });

  // The old PEM framing regex took about a minute on this Secret (quadratic in its
  // size); the timeout only catches that hang.
  it("a listener's Secret of 900 KB of repeated BEGIN lines is rejected in time linear in its size", () => {
    const hostile = "-----BEGIN A-----".repeat(53_000);
    expect(listenerResolvedRefs([gateway, secret(hostile, hostile)])).toMatchObject({
      status: "False",
      reason: "InvalidCertificateRef",
      message: "invalid certificate reference /Secret/cert., the certificate is malformed: tls: failed to find any PEM data in certificate input",
    });
  }, 10_000);

  it("rejecting expired certificates without a time to check at is refused at once", () => {
    expect(() => translate([], { rejectExpiredCertificates: true })).toThrow(/needs now to be an RFC 3339 time/);
    expect(() => translate([], { rejectExpiredCertificates: true, now: "fake" })).toThrow(/needs now/);
  });
});
