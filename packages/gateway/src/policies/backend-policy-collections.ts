/**
 * Backend policies as a krt graph: each policy kind yields contributions and a status
 * per policy; contributions are indexed by the host and target they configure, and
 * one DestinationRule is kept per such pair, rebuilt only from the contributions
 * filed under its own key (plus its target's ports). A policy change thus re-runs
 * that policy and the DestinationRules of the targets it touched before or after the
 * change, nothing else.
 */
import { namespacedKey } from "@weft/api";
import { collection, filter, index, join, manyCollection, type Collection, type StatusItem } from "@weft/krt";
import type { GatewayInputs } from "../inputs.js";
import type { DestinationRule } from "../model/istio.js";
import type { ResolvedOptions } from "../options.js";
import { statusKey, type StatusDocument } from "../status/documents.js";
import type { BackendPolicy, BackendTarget, PolicyContributions } from "./backend-policy.js";
import { backendTLSPolicies } from "./backend-tls-policies.js";
import { backendTrafficPolicies } from "./backend-traffic-policies.js";
import { mergeBackendPolicies } from "./merge.js";
import { targetPorts } from "./policy-targets.js";
import { routeAncestors } from "./route-ancestors.js";
import { xBackends } from "./xbackends.js";

/** What backend policies produce. */
export interface BackendPolicyOutputs {
  destinationRules: Collection<DestinationRule>;
  /** One status document per BackendTLSPolicy, XBackendTrafficPolicy and XBackend. */
  statuses: Collection<StatusDocument>;
}

/** One DestinationRule to build: a host of a target. */
interface DestinationRuleKey {
  group: string;
  target: BackendTarget;
  host: string;
}

/** One DestinationRule per target and host, each rebuilt from the contributions filed under it. */
export function destinationRuleCollection(contributions: Collection<BackendPolicy>, inputs: Pick<GatewayInputs, "services" | "serviceEntries" | "configMaps" | "secrets">): Collection<DestinationRule> {
  const byGroup = index(contributions, (c) => [c.group]);
  const keys = manyCollection(contributions, (_ctx, c): DestinationRuleKey[] => [{ group: c.group, target: c.target, host: c.host }], { name: "DestinationRuleKeys", key: (k) => k.group });
  return collection(
    keys,
    (ctx, k) => mergeBackendPolicies(k.target, k.host, ctx.fetch(contributions, filter.index(byGroup, k.group)), targetPorts(ctx, inputs, k.target)),
    { name: "DestinationRules", key: namespacedKey },
  );
}

/** DestinationRules and statuses from BackendTLSPolicies, XBackendTrafficPolicies and XBackends. */
export function backendPolicyCollections(inputs: GatewayInputs, opts: ResolvedOptions): BackendPolicyOutputs {
  const { ancestors, byBackend } = routeAncestors(inputs);
  const tls = backendTLSPolicies({ ...inputs, routeAncestors: ancestors, routeAncestorsByBackend: byBackend }, opts);
  const traffic = backendTrafficPolicies(inputs, opts);
  const backends = xBackends({ ...inputs, routeAncestors: ancestors, routeAncestorsByBackend: byBackend }, opts);
  const perPolicy = join<PolicyContributions>([tls.outputs, traffic.outputs, backends.outputs], { name: "BackendPolicyOutputs", key: (c) => c.key });
  const contributions = manyCollection(perPolicy, (_ctx, c) => c.policies, { name: "BackendPolicies", key: (p) => p.key });
  const asDocuments = (kind: string, c: Collection<StatusItem<StatusDocument>>) => collection(c, (_ctx, s) => s.status, { name: `${kind}Statuses`, key: statusKey });
  return {
    destinationRules: destinationRuleCollection(contributions, inputs),
    statuses: join([asDocuments("BackendTLSPolicy", tls.statuses), asDocuments("XBackendTrafficPolicy", traffic.statuses), asDocuments("XBackend", backends.statuses)], { name: "BackendPolicyStatuses", key: statusKey }),
  };
}
