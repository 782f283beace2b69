/**
 * Which CA a BackendTLSPolicy trusts, as the credentialName of the DestinationRule's
 * TLS settings: none ("", the proxy's system roots) for `wellKnownCACertificates:
 * System`, `configmap://<namespace>/<name>` for a usable ConfigMap. A reference that
 * cannot be used still yields a credential, `invalid://`, which matches nothing, so
 * traffic to the backend fails closed instead of going out unverified.
 * Only the first caCertificateRef is used, and only a ConfigMap is supported (a Secret
 * would need the proxy to be allowed to read it, which Istio does not grant).
 */
import type { HandlerContext } from "@weft/krt";
import { items, records } from "../model/lists.js";
import { resolveLocalReference, type LocalReference, type LocalReferenceInputs } from "./local-references.js";
import type { PolicyConditions } from "./policy-conditions.js";

export const CONFIGMAP_CREDENTIAL_PREFIX = "configmap://";
export const INVALID_CREDENTIAL = "invalid://";

/** The validation block of a BackendTLSPolicy, as far as trust goes. */
export interface TrustSettings {
  wellKnownCACertificates?: string | undefined;
  caCertificateRefs?: readonly LocalReference[] | undefined;
}

/** Keys a CA bundle may be stored under, in the order they are tried. */
const CA_KEYS = ["cacert", "ca.crt"];

/** Why a ConfigMap holds no CA bundle, in Istio's words; undefined when it holds one. */
export function missingCABundle(data: Readonly<Record<string, string>> | undefined): string | undefined {
  const entries = new Map(typeof data === "object" && data !== null ? Object.entries(data) : []);
  if (CA_KEYS.some((k) => typeof entries.get(k) === "string" && entries.get(k) !== "")) return undefined;
  for (const k of CA_KEYS) if (entries.has(k)) return `found key ${JSON.stringify(k)}, but it was empty`;
  const keys = [...entries.keys()].sort();
  const found = keys.length < 3 ? keys.join(", ") : `${keys.slice(0, 3).join(", ")}, and ${keys.length - 3} more...`;
  return `found secret, but didn't have expected keys ${CA_KEYS.join(" or ")}; found: ${found}`;
}

/** The credentialName for the policy's trust settings; problems go to `conditions`. */
export function caCredentialName(ctx: HandlerContext, inputs: LocalReferenceInputs, trust: TrustSettings, namespace: string, conditions: PolicyConditions): string {
  if (trust.wellKnownCACertificates !== undefined) {
    if (trust.wellKnownCACertificates !== "System") conditions.fail("Accepted", "Invalid", `Unknown wellKnownCACertificates: ${trust.wellKnownCACertificates}`);
    return "";
  }
  const refs = records(items(trust.caCertificateRefs));
  const ref = refs[0];
  if (ref === undefined) return "";
  if (items(trust.caCertificateRefs).length > 1) conditions.appendMessage("Accepted", "; warning: only the first caCertificateRefs will be used");
  const resolved = resolveLocalReference(ctx, inputs, ref, namespace);
  let problem: string;
  if (!resolved.ok) {
    problem = resolved.message;
    const unsupported = problem.includes("unsupported kind");
    conditions.fail("ResolvedRefs", unsupported ? "InvalidKind" : "InvalidCACertificateRef", `${unsupported ? "Certificate reference not supported" : "Certificate reference not found"}: ${problem}`);
  } else if (resolved.found.kind === "ConfigMap") {
    const missing = missingCABundle(resolved.found.object.data);
    if (missing === undefined) return `${CONFIGMAP_CREDENTIAL_PREFIX}${namespace}/${ref.name ?? ""}`;
    problem = missing;
    conditions.fail("ResolvedRefs", "InvalidCACertificateRef", `Certificate invalid: ${problem}`);
  } else {
    problem = `unsupported reference kind: ${ref.kind ?? ""}`;
    conditions.fail("ResolvedRefs", "InvalidKind", `Certificate reference invalid: ${problem}`);
  }
  conditions.fail("Accepted", "NoValidCACertificate", `Certificate reference invalid: ${problem}`);
  return INVALID_CREDENTIAL;
}
