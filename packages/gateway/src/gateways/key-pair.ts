/**
 * Checking a certificate and private key the way Istio does before it programs a
 * listener (Go's `tls.X509KeyPair`): the certificate text must hold a CERTIFICATE block
 * whose first one parses as X.509, the key text a private key block that parses, and
 * the key must belong to the certificate. Parsing is node's `crypto` (OpenSSL), on the
 * blocks a linear scan found, so no input costs more than its length.
 *
 * Istio does not look at the validity period (an expired certificate is still served;
 * clients reject it). A caller can ask for that too by giving the time to check at.
 */
import { createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import { pemBlocks, type PemBlock } from "./pem.js";

const PRIVATE_KEY = "PRIVATE KEY";

function isPrivateKeyBlock(block: PemBlock): boolean {
  return block.type === PRIVATE_KEY || block.type.endsWith(` ${PRIVATE_KEY}`);
}

// Go tries PKCS #1, PKCS #8 and SEC 1 whatever the block's label says; so does this.
const KEY_ENCODINGS = ["pkcs8", "pkcs1", "sec1"] as const;

function parsePrivateKey(der: Buffer): KeyObject | undefined {
  for (const type of KEY_ENCODINGS) {
    try {
      return createPrivateKey({ key: der, format: "der", type });
    } catch {
      // not this encoding; try the next
    }
  }
  return undefined;
}

function parseCertificate(der: Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(der);
  } catch {
    return undefined;
  }
}

/** The certificate's validity period as ISO text, for messages. */
function iso(text: string): string {
  const t = Date.parse(text);
  return Number.isNaN(t) ? text : new Date(t).toISOString().replace(/\.000Z$/, "Z");
}

/** Why a certificate is not valid at `at` (ms since the epoch), or undefined when it is. */
function validityProblem(cert: X509Certificate, at: number): string | undefined {
  const notBefore = Date.parse(cert.validFrom);
  const notAfter = Date.parse(cert.validTo);
  const when = new Date(at).toISOString();
  if (!Number.isNaN(notAfter) && at > notAfter) return `the certificate expired at ${iso(cert.validTo)} (checked at ${when})`;
  if (!Number.isNaN(notBefore) && at < notBefore) return `the certificate is not valid before ${iso(cert.validFrom)} (checked at ${when})`;
  return undefined;
}

/** How a key pair is checked beyond its parsing. */
export interface KeyPairCheck {
  /** When set, the certificate must be valid at this time (ms since the epoch). */
  readonly validAt?: number | undefined;
}

/**
 * Why `certText` and `keyText` cannot serve TLS together, or undefined when they can.
 * Malformed input gets Go's crypto/tls words (Istio's status messages quote them) and
 * is reported as `the certificate is malformed: ...`; an out-of-date certificate, when
 * asked for, gets its own sentence.
 */
export function keyPairProblem(certText: string, keyText: string, check: KeyPairCheck = {}): string | undefined {
  const malformed = (why: string) => `the certificate is malformed: ${why}`;
  const certBlocks = pemBlocks(certText);
  const certificates = certBlocks.filter((b) => b.type === "CERTIFICATE");
  if (certificates.length === 0) {
    if (certBlocks.some(isPrivateKeyBlock)) {
      return malformed("tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched");
    }
    return malformed("tls: failed to find any PEM data in certificate input");
  }
  const keyBlocks = pemBlocks(keyText);
  const keyBlock = keyBlocks.find(isPrivateKeyBlock);
  if (keyBlock === undefined) {
    if (keyBlocks.some((b) => b.type === "CERTIFICATE")) return malformed("tls: found a certificate rather than a key in the PEM for the private key");
    return malformed("tls: failed to find any PEM data in key input");
  }
  const leaf = parseCertificate(certificates[0]!.der);
  if (leaf === undefined) return malformed("x509: malformed certificate");
  const key = parsePrivateKey(keyBlock.der);
  if (key === undefined) return malformed("tls: failed to parse private key");
  const mismatch = keyMismatch(leaf, key);
  if (mismatch !== undefined) return malformed(mismatch);
  return check.validAt === undefined ? undefined : validityProblem(leaf, check.validAt);
}

/** Why `key` is not the private key of `leaf`, or undefined when it is. */
function keyMismatch(leaf: X509Certificate, key: KeyObject): string | undefined {
  try {
    if (leaf.publicKey.asymmetricKeyType !== key.asymmetricKeyType) return "tls: private key type does not match public key type";
    return leaf.checkPrivateKey(key) ? undefined : "tls: private key does not match public key";
  } catch {
    // A public key OpenSSL parses but cannot use (an unknown algorithm): Go refuses it too.
    return "tls: unknown public key algorithm";
  }
}

/**
 * True when `text` holds at least one CERTIFICATE block that parses as X.509, which is
 * what a CA bundle needs to be usable (Go's `CertPool.AppendCertsFromPEM` is true).
 */
export function holdsCertificate(text: string): boolean {
  return pemBlocks(text).some((b) => b.type === "CERTIFICATE" && parseCertificate(b.der) !== undefined);
}
