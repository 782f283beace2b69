/**
 * Validating a listener's TLS references: the serving certificates
 * (`tls.certificateRefs`) and the client CA bundle of frontend validation. A
 * cross-namespace reference needs a ReferenceGrant, and that is checked before
 * existence, so a reference without a grant reads the same whether or not its
 * target exists (no cross-namespace existence oracle). Any problem leaves the
 * listener without a server; CA and permission problems also make it not Accepted.
 */
import { GATEWAY_GROUP, type ListenerAcceptedReason, type ListenerResolvedRefsReason, namespacedKeyOf } from "@weft/api";
import type { ConfigMap, Secret, SecretObjectReference } from "../model/resources.js";
import type { Referent, Referrer } from "../references.js";
import { holdsCertificate, keyPairProblem } from "./key-pair.js";

/** How the listener's checks read Secrets, ConfigMaps and grants (recording dependencies). */
export interface ReferenceLookup {
  secret(namespace: string, name: string): Secret | undefined;
  configMap(namespace: string, name: string): ConfigMap | undefined;
  allowed(from: Referrer, to: Referent): boolean;
  /**
   * When set, the time (ms since the epoch) certificates must be valid at; a certificate
   * that is expired or not yet valid then counts as invalid. Unset, as in Istio, the
   * validity period is not looked at. Set from the `rejectExpiredCertificates` and
   * `now` options, never from a clock.
   */
  readonly certificatesValidAt?: number | undefined;
}

/** What is wrong with a listener's TLS, as its conditions say it. */
export interface TLSProblem {
  /** Set when the listener is not Accepted. */
  accepted?: { reason: ListenerAcceptedReason; message: string };
  resolvedRefs: { reason: ListenerResolvedRefsReason; message: string };
}

function describe(ref: SecretObjectReference): string {
  return `${ref.group ?? ""}/${ref.kind ?? "Secret"}/${ref.name}.${ref.namespace ?? ""}`;
}

function notPermitted(what: string, shown: string, gatewayNamespace: string): TLSProblem {
  const message = `${what} ${shown} not accessible to a Gateway in namespace ${JSON.stringify(gatewayNamespace)} (missing a ReferenceGrant?)`;
  return { accepted: { reason: "NoValidCACertificate", message }, resolvedRefs: { reason: "RefNotPermitted", message } };
}

/** A Secret's value: stringData is plain, data is base64. */
export function secretValue(secret: Secret, key: string): string | undefined {
  const plain = secret.stringData?.[key];
  if (typeof plain === "string") return plain;
  const encoded = secret.data?.[key];
  // A value that is not text (only possible past the loader) holds no certificate.
  return typeof encoded === "string" ? Buffer.from(encoded, "base64").toString("utf8") : undefined;
}

/**
 * The kind of object that declares a listener. ReferenceGrants name the referring kind,
 * so a ListenerSet's certificates need grants from ListenerSets, not from Gateways.
 */
export type ListenerOwnerKind = "Gateway" | "ListenerSet";

function ownerReferrer(kind: ListenerOwnerKind, namespace: string): Referrer {
  return { group: GATEWAY_GROUP, kind, namespace };
}

/** The first problem of the serving certificates, if any. */
export function certificateProblem(refs: readonly SecretObjectReference[], gatewayNamespace: string, lookup: ReferenceLookup, owner: ListenerOwnerKind = "Gateway"): TLSProblem | undefined {
  for (const ref of refs) {
    const namespace = ref.namespace ?? gatewayNamespace;
    const invalid = (why: string): TLSProblem => ({ resolvedRefs: { reason: "InvalidCertificateRef", message: `invalid certificate reference ${describe(ref)}, ${why}` } });
    if ((ref.group ?? "") !== "" || (ref.kind ?? "Secret") !== "Secret") return invalid("only secret is allowed");
    if (!lookup.allowed(ownerReferrer(owner, gatewayNamespace), { group: "", kind: "Secret", namespace, name: ref.name })) {
      return notPermitted("certificateRef", `${ref.name}/${namespace}`, gatewayNamespace);
    }
    const secret = lookup.secret(namespace, ref.name);
    if (secret === undefined) return invalid(`secret ${namespace}/${ref.name} not found`);
    const problem = keyPairProblem(secretValue(secret, "tls.crt") ?? "", secretValue(secret, "tls.key") ?? "", { validAt: lookup.certificatesValidAt });
    if (problem !== undefined) return invalid(problem);
  }
  return undefined;
}

/** The first problem of the frontend CA references, if any. */
export function caProblem(refs: readonly SecretObjectReference[], gatewayNamespace: string, lookup: ReferenceLookup, owner: ListenerOwnerKind = "Gateway"): TLSProblem | undefined {
  if (refs.length === 0) return undefined;
  const notValid = (reason: ListenerResolvedRefsReason, message: string): TLSProblem => ({ accepted: { reason: "NoValidCACertificate", message }, resolvedRefs: { reason, message } });
  if (refs.length > 1) return notValid("InvalidCACertificateRef", "only one caCertificateRef is supported");
  const ref = refs[0]!;
  const kind = ref.kind ?? "Secret";
  if ((ref.group ?? "") !== "" || (kind !== "Secret" && kind !== "ConfigMap")) {
    return notValid("InvalidCACertificateKind", `invalid CA certificate reference ${describe(ref)}, only secret and configmap are allowed`);
  }
  const namespace = ref.namespace ?? gatewayNamespace;
  if (!lookup.allowed(ownerReferrer(owner, gatewayNamespace), { group: "", kind, namespace, name: ref.name })) {
    return notPermitted("caCertificateRef", namespacedKeyOf(namespace, ref.name), gatewayNamespace);
  }
  const object = kind === "ConfigMap" ? lookup.configMap(namespace, ref.name) : lookup.secret(namespace, ref.name);
  if (object === undefined) {
    return notValid("InvalidCACertificateRef", `invalid CA certificate reference ${describe(ref)}, ${kind.toLowerCase()} ${namespace}/${ref.name} not found`);
  }
  // ConfigMap data is plain text; a Secret's is base64.
  const ca = kind === "ConfigMap" ? (object as ConfigMap).data?.["ca.crt"] : secretValue(object as Secret, "ca.crt");
  if (ca === undefined || !holdsCertificate(ca)) {
    return notValid("InvalidCACertificateRef", `invalid CA certificate reference ${describe(ref)}, found no valid CA certificate in ca.crt`);
  }
  return undefined;
}
