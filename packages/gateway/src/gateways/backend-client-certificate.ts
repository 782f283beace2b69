/**
 * The client certificate a Gateway presents to its backends
 * (`spec.tls.backend.clientCertificateRef`). Istio only validates it: a reference that
 * is not a Secret, a Secret that is missing, holds no certificate and key, holds
 * something that is not PEM, or lives in another namespace without a ReferenceGrant
 * makes the Gateway's ResolvedRefs False with reason InvalidClientCertificateRef (or
 * RefNotPermitted), and nothing else changes: listeners and routes are unaffected.
 * Unlike listener certificates, existence is checked before the grant, as Istio does.
 */
import { GATEWAY_GROUP, type GatewayCondition } from "@weft/api";
import type { Gateway, Secret, SecretObjectReference } from "../model/resources.js";
import { keyPairProblem } from "./key-pair.js";
import { secretValue, type ReferenceLookup } from "./listener-tls.js";

const RESOLVED: GatewayCondition = { type: "ResolvedRefs", status: "True", reason: "ResolvedRefs", message: "All references resolved" };

/** `group/kind/name.namespace`, absent parts empty, as Istio quotes a reference. */
function describe(ref: SecretObjectReference): string {
  return `${ref.group ?? ""}/${ref.kind ?? ""}/${ref.name}.${ref.namespace ?? ""}`;
}

function keysOf(secret: Secret): string[] {
  const data = typeof secret.data === "object" && secret.data !== null ? Object.keys(secret.data) : [];
  const plain = typeof secret.stringData === "object" && secret.stringData !== null ? Object.keys(secret.stringData) : [];
  return [...new Set([...data, ...plain])].sort();
}

/** The certificate and key of a Secret (`cert`/`key`, else `tls.crt`/`tls.key`), or why there are none. */
export function certificatePair(secret: Secret): { cert: string; key: string } | { problem: string } {
  const pairs: [string, string][] = [
    ["cert", "key"],
    ["tls.crt", "tls.key"],
  ];
  for (const [c, k] of pairs) {
    const cert = secretValue(secret, c);
    const key = secretValue(secret, k);
    if (cert !== undefined && cert !== "" && key !== undefined && key !== "") return { cert, key };
  }
  for (const [c, k] of pairs) {
    if (secretValue(secret, c) !== undefined && secretValue(secret, k) !== undefined) return { problem: `found keys ${JSON.stringify(c)} and ${JSON.stringify(k)}, but they were empty` };
  }
  const keys = keysOf(secret);
  const found = keys.length < 3 ? keys.join(", ") : `${keys.slice(0, 3).join(", ")}, and ${keys.length - 3} more...`;
  return { problem: `found secret, but didn't have expected keys (cert and key) or (tls.crt and tls.key); found: ${found}` };
}

/** The Gateway's ResolvedRefs condition, from its backend client certificate. */
export function backendClientCertificateCondition(gateway: Gateway, namespace: string, lookup: ReferenceLookup): GatewayCondition {
  const ref = gateway.spec?.tls?.backend?.clientCertificateRef;
  if (typeof ref !== "object" || ref === null) return RESOLVED;
  const invalid = (why: string): GatewayCondition => ({ type: "ResolvedRefs", status: "False", reason: "InvalidClientCertificateRef", message: `invalid clientCertificateRef ${describe(ref)}, ${why}` });
  if ((ref.group ?? "") !== "" || (ref.kind ?? "Secret") !== "Secret") return invalid("only secret is allowed");
  const secretNamespace = ref.namespace ?? namespace;
  const secret = lookup.secret(secretNamespace, ref.name);
  if (secret === undefined) return invalid(`secret ${secretNamespace}/${ref.name} not found`);
  const pair = certificatePair(secret);
  if ("problem" in pair) return invalid(pair.problem);
  const problem = keyPairProblem(pair.cert, pair.key, { validAt: lookup.certificatesValidAt });
  if (problem !== undefined) return invalid(problem);
  if (!lookup.allowed({ group: GATEWAY_GROUP, kind: "Gateway", namespace }, { group: "", kind: "Secret", namespace: secretNamespace, name: ref.name })) {
    return {
      type: "ResolvedRefs",
      status: "False",
      reason: "RefNotPermitted",
      message: `clientCertificateRef ${ref.name}/${secretNamespace} not accessible to a Gateway in namespace ${JSON.stringify(namespace)} (missing a ReferenceGrant?)`,
    };
  }
  return RESOLVED;
}
