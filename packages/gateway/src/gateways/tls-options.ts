/**
 * Istio's listener TLS options (`tls.options` keys):
 *  - `gateway.istio.io/tls-terminate-mode`: MUTUAL, OPTIONAL_MUTUAL, ISTIO_MUTUAL (mesh
 *    certificates), or ISTIO_SIMPLE (serve Istio's built-in certificate);
 *  - `gateway.istio.io/tls-cipher-suites`: a comma-separated list; names Envoy does
 *    not know are dropped.
 */
import type { ServerTLS } from "../model/istio.js";

export const TERMINATE_MODE = "gateway.istio.io/tls-terminate-mode";
export const CIPHER_SUITES = "gateway.istio.io/tls-cipher-suites";

/** The cipher suites Envoy's BoringSSL accepts for TLS 1.2 (names as OpenSSL spells them). */
const KNOWN_CIPHERS = new Set([
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-CHACHA20-POLY1305",
  "ECDHE-PSK-CHACHA20-POLY1305",
  "ECDHE-ECDSA-AES128-SHA",
  "ECDHE-RSA-AES128-SHA",
  "ECDHE-PSK-AES128-CBC-SHA",
  "ECDHE-ECDSA-AES256-SHA",
  "ECDHE-RSA-AES256-SHA",
  "ECDHE-PSK-AES256-CBC-SHA",
  "AES128-GCM-SHA256",
  "AES256-GCM-SHA384",
  "AES128-SHA",
  "PSK-AES128-CBC-SHA",
  "AES256-SHA",
  "PSK-AES256-CBC-SHA",
  "DES-CBC3-SHA",
]);

/** The known cipher suites of the option, in the order given; undefined when none. */
export function cipherSuites(options: Record<string, string> | undefined): string[] | undefined {
  const raw = options?.[CIPHER_SUITES];
  if (raw === undefined) return undefined;
  const known = raw
    .split(",")
    .map((c) => c.trim())
    .filter((c) => KNOWN_CIPHERS.has(c));
  return known.length > 0 ? known : undefined;
}

/** The terminating mode the options ask for (SIMPLE by default). */
export function terminateMode(options: Record<string, string> | undefined): string {
  return options?.[TERMINATE_MODE] ?? "SIMPLE";
}

/** Server TLS for the Istio-certificate modes, which need no certificateRefs. */
export function istioCertificateTLS(mode: string): ServerTLS | undefined {
  if (mode === "ISTIO_MUTUAL") return { mode: "ISTIO_MUTUAL" };
  if (mode === "ISTIO_SIMPLE") return { mode: "SIMPLE", credentialName: "builtin://" };
  return undefined;
}
