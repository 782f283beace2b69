/**
 * BackendTLSPolicy: TLS origination (SIMPLE mode, the validation hostname as SNI, its
 * subject alternative names, the CA as credentialName) for every host of each target,
 * and the policy's status. Each targetRef reports one ancestor (the Service or
 * ServiceEntry, under the mesh controller); then each Gateway whose routes send
 * traffic to a resolved target reports one (under the gateway controller), in
 * namespace/name order. A target another policy outranks on gets nothing from this
 * one and reports Conflicted.
 *
 * Incremental shape: a policy reads its targets by key, the policies sharing a target
 * through an index (for conflicts), and the route/Gateway pairs of its targets through
 * another; nothing else re-runs it.
 */
import { compareStrings, GATEWAY_GROUP, namespaceOf, type ParentReference, namespacedKeyOf } from "@weft/api";
import { collection, filter, index, statusCollection, type Collection, type HandlerContext, type Index, type StatusCollections } from "@weft/krt";
import type { BackendTLSPolicy, ClientTLSSettings } from "../model/resources.js";
import { limitProblem, PRECISE_HOSTNAME } from "../model/crd-limits.js";
import { records } from "../model/lists.js";
import type { ResolvedOptions } from "../options.js";
import { statusDocument, type StatusDocument } from "../status/documents.js";
import { ancestorStatus, existingAncestors, ignoredPolicyStatus, isIgnored, mergeAncestors, MESH_CONTROLLER, type PolicyAncestorStatus } from "./ancestors.js";
import { destinationRuleGroup, targetKey, type BackendPolicy, type PolicyContributions } from "./backend-policy.js";
import { caCredentialName, INVALID_CREDENTIAL } from "./ca-certificates.js";
import type { LocalReferenceInputs } from "./local-references.js";
import { PolicyConditions } from "./policy-conditions.js";
import { resolvePolicyTarget } from "./policy-targets.js";
import type { RouteAncestor } from "./route-ancestors.js";
import { conflictWinner, tlsPolicyTargetKeys, tlsTargetKey, type TLSTargetRef } from "./tls-conflicts.js";

/** What BackendTLSPolicies read besides themselves. */
export interface BackendTLSPolicyInputs extends LocalReferenceInputs {
  backendTLSPolicies: Collection<BackendTLSPolicy>;
  routeAncestors: Collection<RouteAncestor>;
  routeAncestorsByBackend: Index<string, RouteAncestor>;
}


/** The client TLS settings the policy's validation asks for (credentialName aside). */
function tlsSettings(validation: { hostname?: unknown; subjectAltNames?: unknown } | undefined): ClientTLSSettings {
  const sni = typeof validation?.hostname === "string" ? validation.hostname : "";
  const sans = records(validation?.subjectAltNames as { type?: string; hostname?: string; uri?: string }[] | undefined).flatMap((san) =>
    san.type === "Hostname" ? [san.hostname ?? ""] : san.type === "URI" ? [san.uri ?? ""] : [],
  );
  return { mode: "SIMPLE", ...(sni === "" ? {} : { sni }), ...(sans.length > 0 ? { subjectAltNames: sans } : {}) };
}

/** The ancestorRef of a target: the targetRef as written. */
export function targetAncestorRef(t: TLSTargetRef): ParentReference {
  return {
    ...(t.group === undefined ? {} : { group: t.group }),
    ...(t.kind === undefined ? {} : { kind: t.kind }),
    name: t.name ?? "",
    ...(t.sectionName === undefined ? {} : { sectionName: t.sectionName }),
  };
}

/** What translating one policy reads besides the policy: the inputs, and its rivals for each target. */
interface PolicyTranslation {
  inputs: BackendTLSPolicyInputs;
  /** The policies that apply (not ignored), indexed by target: a policy loses a target to an older one. */
  active: Collection<BackendTLSPolicy>;
  activeByTarget: Index<string, BackendTLSPolicy>;
  opts: ResolvedOptions;
}

/** Translates one policy: its contributions and its status. */
function translatePolicy(ctx: HandlerContext, policy: BackendTLSPolicy, env: PolicyTranslation) {
  const { inputs, active, activeByTarget, opts } = env;
  const namespace = namespaceOf(policy);
  const key = `BackendTLSPolicy/${namespace}/${policy.metadata.name}`;
  const existing = existingAncestors(policy.status);
  const ours = new Set([MESH_CONTROLLER, opts.controllerName]);
  const targets = records<TLSTargetRef>(policy.spec?.targetRefs);
  if (isIgnored(policy.metadata)) {
    return { output: { key, policies: [] }, status: statusDocument(policy, ignoredPolicyStatus(existing, targets.map(targetAncestorRef), ours, opts.now, policy.metadata.generation)) };
  }
  const conditions = new PolicyConditions(["Accepted", "ResolvedRefs"]);
  const validation = policy.spec?.validation;
  // A hostname the CRD refuses would be an SNI Envoy refuses (and with it the cluster): it is
  // dropped, and the policy's traffic fails closed, as with a CA that cannot be used.
  const hostnameProblem = limitProblem(validation?.hostname, PRECISE_HOSTNAME);
  if (hostnameProblem !== undefined) conditions.fail("Accepted", "Invalid", `spec.validation.hostname ${hostnameProblem}`);
  const settings = tlsSettings(hostnameProblem === undefined ? validation : { ...validation, hostname: undefined });
  const credentialName = hostnameProblem === undefined ? caCredentialName(ctx, inputs, validation ?? {}, namespace, conditions) : INVALID_CREDENTIAL;
  const tls: ClientTLSSettings = credentialName === "" ? settings : { ...settings, credentialName };

  const policies: BackendPolicy[] = [];
  const ancestors: PolicyAncestorStatus[] = [];
  const gateways = new Map<string, string>();
  targets.forEach((t, targetIndex) => {
    const resolved = resolvePolicyTarget(ctx, inputs, t, { namespace, domainSuffix: opts.domainSuffix, accepted: ["Service", "ServiceEntry"] });
    if (!resolved.ok) {
      conditions.fail("Accepted", "TargetNotFound", `targetRefs invalid: ${resolved.message}`);
    } else {
      const rivals = ctx.fetch(active, filter.index(activeByTarget, tlsTargetKey(namespace, t)));
      const winner = conflictWinner(policy, t, rivals);
      if (winner !== undefined) {
        conditions.fail("Accepted", "Conflicted", `Conflicts with BackendTLSPolicy ${JSON.stringify(winner)} targeting the same backend`);
      } else {
        for (const host of resolved.hosts) {
          policies.push({
            key: `${key}/${targetIndex}/${host}`,
            group: destinationRuleGroup(resolved.target, host),
            source: { kind: "BackendTLSPolicy", namespace, name: policy.metadata.name },
            creationTimestamp: policy.metadata.creationTimestamp ?? "",
            targetIndex,
            target: resolved.target,
            host,
            ...(resolved.sectionName === undefined ? {} : { sectionName: resolved.sectionName }),
            tls,
          });
        }
      }
      for (const a of ctx.fetch(inputs.routeAncestors, filter.index(inputs.routeAncestorsByBackend, targetKey(resolved.target)))) {
        gateways.set(namespacedKeyOf(a.gateway.namespace, a.gateway.name), a.gateway.name);
      }
    }
    ancestors.push(ancestorStatus(existing, targetAncestorRef(t), conditions.snapshot(), { controllerName: MESH_CONTROLLER, now: opts.now, generation: policy.metadata.generation }));
  });
  // Gateways are named without their namespace, as Istio writes them.
  for (const [, name] of [...gateways].sort(([a], [b]) => compareStrings(a, b))) {
    ancestors.push(ancestorStatus(existing, { group: GATEWAY_GROUP, kind: "Gateway", name }, conditions.snapshot(), { controllerName: opts.controllerName, now: opts.now, generation: policy.metadata.generation }));
  }
  return { output: { key, policies }, status: statusDocument(policy, { ancestors: mergeAncestors(existing, ancestors, ours) }) };
}

/** Every BackendTLSPolicy's contributions and status. */
export function backendTLSPolicies(inputs: BackendTLSPolicyInputs, opts: ResolvedOptions): StatusCollections<PolicyContributions, StatusDocument> {
  // Ignored policies neither apply nor outrank anyone.
  const active = collection(inputs.backendTLSPolicies, (_ctx, p) => (isIgnored(p.metadata) ? undefined : p), { name: "ActiveBackendTLSPolicies" });
  const env: PolicyTranslation = { inputs, active, activeByTarget: index(active, tlsPolicyTargetKeys), opts };
  return statusCollection(inputs.backendTLSPolicies, (ctx, policy: BackendTLSPolicy) => translatePolicy(ctx, policy, env), {
    name: "BackendTLSPolicies",
    key: (c) => c.key,
  });
}
