/**
 * XBackendTrafficPolicy (experimental): a retry budget for Services, and the policy's
 * status. Every policy also claims the target's load-balancing settings (left at the
 * proxy's defaults, written as an empty `loadBalancer`), so of several traffic
 * policies on one Service only the oldest applies. Session persistence has no
 * DestinationRule equivalent: it is accepted, and the message says it is ignored.
 * Only Services can be targets; each targetRef reports one ancestor under the mesh
 * controller (no Gateway ancestors, unlike BackendTLSPolicy).
 * The kind is read only when the alphaGatewayAPI feature is on, as Istio reads it.
 */
import { namespaceOf, type ParentReference } from "@weft/api";
import { statusCollection, type Collection, type HandlerContext, type StatusCollections } from "@weft/krt";
import { records } from "../model/lists.js";
import type { XBackendTrafficPolicy } from "../model/resources.js";
import type { ResolvedOptions } from "../options.js";
import { parseDuration, protoDuration } from "../routes/durations.js";
import { statusDocument, type StatusDocument } from "../status/documents.js";
import { humanReadableJoin } from "../status/messages.js";
import { ancestorStatus, existingAncestors, ignoredPolicyStatus, isIgnored, mergeAncestors, MESH_CONTROLLER, type PolicyAncestorStatus } from "./ancestors.js";
import { destinationRuleGroup, type BackendPolicy, type PolicyContributions, type RetryBudget } from "./backend-policy.js";
import type { LocalReferenceInputs } from "./local-references.js";
import { PolicyConditions, VALID } from "./policy-conditions.js";
import { resolvePolicyTarget } from "./policy-targets.js";

/** What XBackendTrafficPolicies read besides themselves. */
export interface BackendTrafficPolicyInputs extends LocalReferenceInputs {
  backendTrafficPolicies: Collection<XBackendTrafficPolicy>;
}

/** Gateway API's defaults for a retry budget's interval and minimum concurrency. */
const DEFAULT_BUDGET_INTERVAL_MS = 10_000;
const DEFAULT_MIN_RETRY_CONCURRENCY = 10;

/** The retry budget a retryConstraint asks for, Gateway API defaults filled in. */
export function retryBudget(constraint: XBackendTrafficPolicy["spec"]["retryConstraint"]): RetryBudget | undefined {
  if (typeof constraint !== "object" || constraint === null) return undefined;
  const percent = constraint.budget?.percent;
  const interval = typeof constraint.budget?.interval === "string" ? parseDuration(constraint.budget.interval) : undefined;
  const count = constraint.minRetryRate?.count;
  const concurrency = typeof count === "number" ? count : DEFAULT_MIN_RETRY_CONCURRENCY;
  return {
    ...(typeof percent === "number" ? { percent } : {}),
    budgetInterval: protoDuration(interval ?? DEFAULT_BUDGET_INTERVAL_MS),
    // A zero is the proto default, which its JSON form leaves out.
    ...(concurrency === 0 ? {} : { minRetryConcurrency: concurrency }),
  };
}

interface TrafficTargetRef {
  group?: string;
  kind?: string;
  name?: string;
}

function targetAncestorRef(t: TrafficTargetRef): ParentReference {
  return { ...(t.group === undefined ? {} : { group: t.group }), ...(t.kind === undefined ? {} : { kind: t.kind }), name: t.name ?? "" };
}

function translatePolicy(ctx: HandlerContext, inputs: BackendTrafficPolicyInputs, policy: XBackendTrafficPolicy, opts: ResolvedOptions) {
  const namespace = namespaceOf(policy);
  const key = `XBackendTrafficPolicy/${namespace}/${policy.metadata.name}`;
  const existing = existingAncestors(policy.status);
  const ours = new Set([MESH_CONTROLLER, opts.controllerName]);
  // Only group, kind and name: this kind's targetRefs have no sectionName.
  const targets = records<TrafficTargetRef>(policy.spec?.targetRefs).map((t) => ({ group: t.group, kind: t.kind, name: t.name }));
  if (isIgnored(policy.metadata)) {
    return { output: { key, policies: [] }, status: statusDocument(policy, ignoredPolicyStatus(existing, targets.map(targetAncestorRef), ours, opts.now, policy.metadata.generation)) };
  }
  const conditions = new PolicyConditions(["Accepted"]);
  const unsupported = policy.spec?.sessionPersistence !== undefined ? ["sessionPersistence"] : [];
  if (unsupported.length > 0) conditions.setMessage("Accepted", `${VALID}, but Istio does not support the following fields: ${humanReadableJoin(unsupported)}`);
  const budget = retryBudget(policy.spec?.retryConstraint);

  const policies: BackendPolicy[] = [];
  const ancestors: PolicyAncestorStatus[] = [];
  targets.forEach((t, targetIndex) => {
    const resolved = resolvePolicyTarget(ctx, inputs, t, { namespace, domainSuffix: opts.domainSuffix, accepted: ["Service"] });
    if (!resolved.ok) {
      conditions.fail("Accepted", "TargetNotFound", `targetRefs invalid: ${resolved.message}`);
    } else {
      for (const host of resolved.hosts) {
        policies.push({
          key: `${key}/${targetIndex}/${host}`,
          group: destinationRuleGroup(resolved.target, host),
          source: { kind: "XBackendTrafficPolicy", namespace, name: policy.metadata.name },
          creationTimestamp: policy.metadata.creationTimestamp ?? "",
          targetIndex,
          target: resolved.target,
          host,
          loadBalancer: {},
          ...(budget === undefined ? {} : { retryBudget: budget }),
        });
      }
    }
    ancestors.push(ancestorStatus(existing, targetAncestorRef(t), conditions.snapshot(), { controllerName: MESH_CONTROLLER, now: opts.now, generation: policy.metadata.generation }));
  });
  return { output: { key, policies }, status: statusDocument(policy, { ancestors: mergeAncestors(existing, ancestors, ours) }) };
}

/** Every XBackendTrafficPolicy's contributions and status (none without alphaGatewayAPI). */
export function backendTrafficPolicies(inputs: BackendTrafficPolicyInputs, opts: ResolvedOptions): StatusCollections<PolicyContributions, StatusDocument> {
  return statusCollection(
    inputs.backendTrafficPolicies,
    (ctx, policy: XBackendTrafficPolicy) => (opts.features.alphaGatewayAPI ? translatePolicy(ctx, inputs, policy, opts) : undefined),
    { name: "XBackendTrafficPolicies", key: (c) => c.key },
  );
}
