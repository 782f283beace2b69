/** The certificates the setup makes parse and verify with node's own X.509 support. */
import { X509Certificate, createPrivateKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { issueCertificate } from "./certificates.js";

describe("certificates", () => {
  it("a CA-signed server certificate carries its names, verifies against its CA and matches its key", () => {
    const ca = issueCertificate({ ca: true, usages: ["serverAuth", "clientAuth"] });
    const leaf = issueCertificate({ hosts: ["abc.example.com", "spiffe://abc.example.com/test-identity"], usages: ["serverAuth"], issuer: ca });
    const caCert = new X509Certificate(ca.certificatePem);
    const cert = new X509Certificate(leaf.certificatePem);
    expect(caCert.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.subjectAltName).toBe("DNS:abc.example.com, URI:spiffe://abc.example.com/test-identity");
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(leaf.privateKeyPem))).toBe(true);
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now());
  });

  it("a self-signed certificate verifies against itself", () => {
    const own = issueCertificate({ hosts: ["*"], usages: ["serverAuth"] });
    const cert = new X509Certificate(own.certificatePem);
    expect(cert.verify(cert.publicKey)).toBe(true);
  });
});
