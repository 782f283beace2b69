/**
 * Conflicts between BackendTLSPolicies: when two policies name the same target (same
 * group, kind, name and sectionName), only the higher-priority one applies to it, and
 * the other reports Accepted=False/Conflicted naming the winner. Priority goes to the
 * older policy, then to the smaller name. Policies are told apart by uid, as Istio
 * does: two policies that carry the same uid (or none at all, as objects built
 * outside a cluster may) count as one and never conflict.
 * Ignored policies (istio.io/ignore-policy-attachment) take no part; the caller
 * passes only the others.
 */
import { type BackendTLSPolicy, compareStrings, namespaceOf } from "@weft/api";
import { records } from "../model/lists.js";
import { compareCreation } from "./creation-order.js";

/** A targetRef as BackendTLSPolicy writes it. */
export interface TLSTargetRef {
  group?: string;
  kind?: string;
  name?: string;
  sectionName?: string;
}

/** The index keys under which a policy is found by the policies sharing a target. */
export function tlsPolicyTargetKeys(policy: BackendTLSPolicy): string[] {
  const namespace = namespaceOf(policy);
  return records<TLSTargetRef>(policy.spec?.targetRefs).map((t) => tlsTargetKey(namespace, t));
}

/** The index key of one target: its namespace, kind and name (group and section are compared later). */
export function tlsTargetKey(namespace: string, ref: TLSTargetRef): string {
  return `${namespace}/${ref.kind ?? ""}/${ref.name ?? ""}`;
}

function sameTarget(a: TLSTargetRef, b: TLSTargetRef): boolean {
  return (a.group ?? "") === (b.group ?? "") && (a.kind ?? "") === (b.kind ?? "") && (a.name ?? "") === (b.name ?? "") && a.sectionName === b.sectionName;
}

function outranks(a: BackendTLSPolicy, b: BackendTLSPolicy): boolean {
  const byAge = compareCreation(a.metadata.creationTimestamp, b.metadata.creationTimestamp);
  return byAge !== 0 ? byAge < 0 : compareStrings(a.metadata.name, b.metadata.name) < 0;
}

/**
 * The name of the policy that takes `target` from `self`, or undefined when `self`
 * keeps it. Among several that outrank it, the highest-priority one is named.
 */
export function conflictWinner(self: BackendTLSPolicy, target: TLSTargetRef, candidates: readonly BackendTLSPolicy[]): string | undefined {
  let winner: BackendTLSPolicy | undefined;
  for (const other of candidates) {
    if (other.metadata.uid === self.metadata.uid) continue;
    if (!records<TLSTargetRef>(other.spec?.targetRefs).some((t) => sameTarget(t, target))) continue;
    if (!outranks(other, self)) continue;
    if (winner === undefined || outranks(other, winner)) winner = other;
  }
  return winner?.metadata.name;
}
