/**
 * The unit backend policies are merged from: what one policy asks for one host of one
 * target. BackendTLSPolicy and XBackendTrafficPolicy both reduce to these, and every
 * DestinationRule is built from the ones that share a target and host. Keeping the
 * policies' own shapes out of the merge is what lets several kinds combine.
 */
import type { ClientTLSSettings, LoadBalancerSettings, TrafficPolicy } from "@weft/api";

/** The policy kinds that produce DestinationRules. */
export type PolicyKind = "BackendTLSPolicy" | "XBackendTrafficPolicy" | "XBackend";

/** The backend kinds a policy can attach to. */
export type TargetKind = "Service" | "ServiceEntry" | "XBackend";

/** A resolved policy target: an existing Service, ServiceEntry or XBackend in the policy's namespace. */
export interface BackendTarget {
  kind: TargetKind;
  namespace: string;
  name: string;
}

/** A retry budget as DestinationRule's trafficPolicy writes it. */
export type RetryBudget = NonNullable<TrafficPolicy["retryBudget"]>;

/** What one policy contributes to the DestinationRule of one host of one target. */
export interface BackendPolicy {
  /** Unique per policy, target position and host. */
  key: string;
  /** The DestinationRule this contribution belongs to (see `destinationRuleGroup`). */
  group: string;
  source: { kind: PolicyKind; namespace: string; name: string };
  /** The policy's creationTimestamp as written ("" when absent): older policies win. */
  creationTimestamp: string;
  /** Position of the targetRef in the policy, to tell apart two refs to one target. */
  targetIndex: number;
  target: BackendTarget;
  host: string;
  /** Set when the policy applies to one named port of the target only. */
  sectionName?: string;
  /** Set when the policy applies to one port of the target, known by number (an XBackend's). */
  port?: number;
  tls?: ClientTLSSettings;
  loadBalancer?: LoadBalancerSettings;
  retryBudget?: RetryBudget;
}

/** Everything one policy contributes, as its transform returns it. */
export interface PolicyContributions {
  /** `<kind>/<namespace>/<name>` of the policy. */
  key: string;
  policies: BackendPolicy[];
}

/** The key of a target as route ancestors and policy lookups index it. */
export function targetKey(target: BackendTarget): string {
  return `${target.kind}/${target.namespace}/${target.name}`;
}

/** The key shared by every contribution to one DestinationRule: one host of one target. */
export function destinationRuleGroup(target: BackendTarget, host: string): string {
  return `${targetKey(target)}/${host}`;
}
