/**
 * Real X.509 certificates for the Secrets and ConfigMaps the suite's setup creates:
 * RSA keys from node's crypto, the certificate's DER written here (node can parse
 * certificates but not issue them) and signed with crypto.sign. They parse with
 * node's X509Certificate, so a translator that checks certificates sees real ones.
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

/** DER: a tag, its length, its content. */
function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const sequence = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner);
const octets = (content: Buffer) => tlv(0x04, content);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));
const bool = (b: boolean) => tlv(0x01, Buffer.from([b ? 0xff : 0]));
const bits = (content: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), content]));

function integer(bytes: Buffer): Buffer {
  // Positive: a leading 1 bit needs a zero byte in front.
  return tlv(0x02, (bytes[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number) as [number, number, ...number[]];
  const out = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(d: Date): Buffer {
  const s = d.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(s.slice(2))) : tlv(0x18, Buffer.from(s));
}

const SHA256_WITH_RSA = sequence(oid("1.2.840.113549.1.1.11"), tlv(0x05, Buffer.alloc(0)));
const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

function name(organization: string, commonName?: string): Buffer {
  const rdns = [set(sequence(oid("2.5.4.10"), utf8(organization)))];
  if (commonName !== undefined) rdns.push(set(sequence(oid("2.5.4.3"), utf8(commonName))));
  return sequence(...rdns);
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

/** Subject alternative names: URIs (with a scheme) as URIs, the rest as DNS names. */
function subjectAltNames(hosts: readonly string[]): Buffer {
  return sequence(...hosts.map((h) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(h) ? tlv(0x86, Buffer.from(h)) : tlv(0x82, Buffer.from(h)))));
}

/** A key pair and its certificate, both PEM. */
export interface Issued {
  certificatePem: string;
  privateKeyPem: string;
  /** For signing further certificates. */
  privateKey: KeyObject;
  subject: Buffer;
}

export interface CertificateRequest {
  hosts?: readonly string[];
  usages: readonly ("serverAuth" | "clientAuth")[];
  ca?: boolean;
  /** The issuer; self-signed without one. */
  issuer?: Issued;
  now?: Date;
}

function pem(label: string, der: Buffer): string {
  const b64 = der.toString("base64").replace(/(.{64})/g, "$1\n");
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith("\n") ? "" : "\n"}-----END ${label}-----\n`;
}

/** Issues one certificate, valid from an hour before `now` for a year, as the suite's are. */
export function issueCertificate(request: CertificateRequest): Issued {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const now = request.now ?? new Date();
  const subject = request.ca === true ? name("Kubernetes", "gateway-api-conformance-ca") : name("Acme Co");
  const keyUsage = request.ca === true ? Buffer.from([0x02, 0x84]) : Buffer.from([0x05, 0xa0]); // BIT STRING content (unused bits, bits): digitalSignature+keyCertSign | digitalSignature+keyEncipherment
  const extensions = [
    extension("2.5.29.15", true, tlv(0x03, keyUsage)),
    extension("2.5.29.37", false, sequence(...request.usages.map((u) => oid(u === "serverAuth" ? SERVER_AUTH : CLIENT_AUTH)))),
    extension("2.5.29.19", true, request.ca === true ? sequence(bool(true)) : sequence()),
    ...(request.hosts !== undefined && request.hosts.length > 0 ? [extension("2.5.29.17", false, subjectAltNames(request.hosts))] : []),
  ];
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(randomBytes(16)),
    SHA256_WITH_RSA,
    request.issuer?.subject ?? subject,
    sequence(time(new Date(now.getTime() - 3600_000)), time(new Date(now.getTime() + 365 * 24 * 3600_000))),
    subject,
    publicKey.export({ type: "spki", format: "der" }),
    explicit(3, sequence(...extensions)),
  );
  const signature = sign("sha256", tbs, request.issuer?.privateKey ?? privateKey);
  const der = sequence(tbs, SHA256_WITH_RSA, bits(signature));
  return {
    certificatePem: pem("CERTIFICATE", der),
    privateKeyPem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    privateKey,
    subject,
  };
}
