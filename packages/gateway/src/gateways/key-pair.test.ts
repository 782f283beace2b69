import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { holdsCertificate, keyPairProblem } from "./key-pair.js";
import { pemBlocks } from "./pem.js";
import { EXPIRED_CERT, EXPIRED_KEY, OTHER_KEY, RSA_KEY, VALID_CERT, VALID_KEY, VALID_KEY_SEC1 } from "./test-certificates.js";

const MALFORMED = "the certificate is malformed: ";

describe("certificate and key checks", () => {
  it("a certificate with its own key is a usable key pair, in PKCS #8 or SEC 1 form", () => {
    expect(keyPairProblem(VALID_CERT, VALID_KEY)).toBeUndefined();
    expect(keyPairProblem(VALID_CERT, VALID_KEY_SEC1)).toBeUndefined();
    // A chain after the leaf is fine; only the leaf has to match the key.
    expect(keyPairProblem(`${VALID_CERT}${EXPIRED_CERT}`, VALID_KEY)).toBeUndefined();
  });

  it("a private key that is not the certificate's is rejected, as Istio rejects it", () => {
    expect(keyPairProblem(VALID_CERT, OTHER_KEY)).toBe(`${MALFORMED}tls: private key does not match public key`);
    expect(keyPairProblem(VALID_CERT, RSA_KEY)).toBe(`${MALFORMED}tls: private key type does not match public key type`);
  });

  it("PEM framing around bytes that are no certificate or key is malformed", () => {
    const fake = (type: string) => `-----BEGIN ${type}-----\nAAAA\n-----END ${type}-----\n`;
    expect(keyPairProblem(fake("CERTIFICATE"), VALID_KEY)).toBe(`${MALFORMED}x509: malformed certificate`);
    expect(keyPairProblem(VALID_CERT, fake("PRIVATE KEY"))).toBe(`${MALFORMED}tls: failed to parse private key`);
  });

  it("missing or switched PEM data is named as Go's crypto/tls names it", () => {
    expect(keyPairProblem("hello", VALID_KEY)).toBe(`${MALFORMED}tls: failed to find any PEM data in certificate input`);
    expect(keyPairProblem(VALID_CERT, "")).toBe(`${MALFORMED}tls: failed to find any PEM data in key input`);
    expect(keyPairProblem(VALID_KEY, VALID_CERT)).toMatch(/failed to find certificate PEM data in certificate input, but did find a private key/);
    expect(keyPairProblem(VALID_CERT, VALID_CERT)).toBe(`${MALFORMED}tls: found a certificate rather than a key in the PEM for the private key`);
  });

  it("a certificate's validity period is checked only when a time is given", () => {
    expect(keyPairProblem(EXPIRED_CERT, EXPIRED_KEY)).toBeUndefined();
    const at = Date.parse("2026-01-01T00:00:00Z");
    expect(keyPairProblem(EXPIRED_CERT, EXPIRED_KEY, { validAt: at })).toBe("the certificate expired at 2001-01-01T00:00:00Z (checked at 2026-01-01T00:00:00.000Z)");
    expect(keyPairProblem(VALID_CERT, VALID_KEY, { validAt: at })).toBeUndefined();
    expect(keyPairProblem(VALID_CERT, VALID_KEY, { validAt: Date.parse("1999-06-01T00:00:00Z") })).toMatch(/^the certificate is not valid before 2000-01-01T00:00:00Z/);
  });

  it("a CA bundle needs one block that parses as a certificate", () => {
    expect(holdsCertificate(`junk\n${VALID_CERT}`)).toBe(true);
    expect(holdsCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")).toBe(false);
    expect(holdsCertificate(VALID_KEY)).toBe(false);
  });
});

describe("PEM scanning", () => {
  it("finds blocks between other text, and skips unclosed, mislabelled and non-base64 ones", () => {
    const text = `intro\n-----BEGIN X-----\nAAAA\n-----END Y-----\n-----BEGIN A-----\nA!A\n-----END A-----\n-----BEGIN B-----\nAQID\n-----END B-----\ntrailer\n-----BEGIN C-----\nAAAA\n`;
    expect(pemBlocks(text).map((b) => [b.type, [...b.der]])).toEqual([["B", [1, 2, 3]]]);
  });

  it("reads RFC 1421 headers before the body", () => {
    const [block] = pemBlocks("-----BEGIN K-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: x\n\nAQID\n-----END K-----\n");
    expect([...(block?.der ?? [])]).toEqual([1, 2, 3]);
  });

  // The old framing regex rescanned the rest of the text from every BEGIN line: 900 KB
  // of them blocked the engine for about a minute. The timeout only catches that hang.
  it(
    "PEM text is scanned in time linear in its size, whatever it repeats",
    () => {
      const size = 900_000;
      const hostile = [
        "-----BEGIN A-----".repeat(size / 17),
        "-----BEGIN A-----\n".repeat(size / 18) + "-----END A-----\n",
        "-----BEGIN A-----\n".repeat(size / 18) + `-----END ${"x".repeat(size)}`,
        "-----BEGIN ".repeat(size / 11),
        `-----BEGIN A-----\n${"A".repeat(size)}`,
        "-----BEGIN A-----\n-----END A-----\n".repeat(size / 34),
      ];
      for (const text of hostile) {
        expect(keyPairProblem(text, text)).toMatch(/^the certificate is malformed: /);
        expect(holdsCertificate(text)).toBe(false);
      }
    },
    10_000,
  );

  it("any text yields blocks whose labels appear in it, and never throws", () => {
    const pieces = fc.constantFrom("-----BEGIN A-----", "-----END A-----", "-----BEGIN ", "-----", "\n", "AAAA", "A=", ":", " ", "x");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const text = parts.join("");
        for (const block of pemBlocks(text)) expect(text).toContain(`-----BEGIN ${block.type}-----`);
        expect(() => keyPairProblem(text, text)).not.toThrow();
      }),
    );
  });
});
