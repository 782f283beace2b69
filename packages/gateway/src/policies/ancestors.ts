/**
 * A policy's status.ancestors, as Istio writes them:
 *  - each ancestor we report takes the conditions of the first existing entry with the
 *    same ancestorRef (whoever wrote it) as the base its own are merged into;
 *  - entries of other controllers are kept untouched, in place; an entry of ours is
 *    replaced in place by the new entry for the same ancestorRef, or pruned when there
 *    is none; new entries are appended in the order computed;
 *  - at most 16 entries are kept (the API's limit).
 * "Ours" means either controller Istio writes policy statuses as: the mesh controller
 * (for Service and ServiceEntry ancestors) and the gateway controller (for Gateways).
 * Two ancestorRefs are the same only when every field is equal, an absent field
 * differing from an empty one, as Istio compares them.
 */
import { mergeConditions, type ParentReference, type PolicyCondition, type StatusCondition } from "@weft/api";
import { records } from "../model/lists.js";

/** The controller name Istio reports mesh (Service and ServiceEntry) ancestors under. */
export const MESH_CONTROLLER = "istio.io/mesh-controller";

/** The API's limit on status.ancestors. */
const MAX_ANCESTORS = 16;

/** One entry of a policy's status.ancestors. */
export interface PolicyAncestorStatus {
  ancestorRef: ParentReference;
  controllerName: string;
  conditions?: StatusCondition[] | undefined;
}

/** A policy status: its ancestors. */
export interface PolicyStatus {
  ancestors: PolicyAncestorStatus[];
}

function sameRef(a: ParentReference, b: ParentReference): boolean {
  return a.group === b.group && a.kind === b.kind && a.name === b.name && a.namespace === b.namespace && a.sectionName === b.sectionName && a.port === b.port;
}

/** Who writes an ancestor entry, and when: what merging its conditions needs beyond them. */
export interface AncestorWrite {
  /** The controller the entry is written as (the mesh controller, or ours for Gateways). */
  controllerName: string;
  /** The time stamped on conditions whose status changed. */
  now: string;
  /** The policy's metadata.generation, written as observedGeneration. */
  generation?: number | undefined;
}

/** The entry for `ref` with `desired` conditions merged over the existing ones for it. */
export function ancestorStatus(existing: readonly PolicyAncestorStatus[], ref: ParentReference, desired: readonly StatusCondition[], write: AncestorWrite): PolicyAncestorStatus {
  const current = existing.find((e) => sameRef(e.ancestorRef, ref));
  return { ancestorRef: ref, controllerName: write.controllerName, conditions: mergeConditions(current?.conditions, desired, write.now, write.generation) };
}

/** status.ancestors after writing `incoming` over `existing` (see the module comment). */
export function mergeAncestors(existing: readonly PolicyAncestorStatus[], incoming: readonly PolicyAncestorStatus[], ours: ReadonlySet<string>, limit = MAX_ANCESTORS): PolicyAncestorStatus[] {
  const pending = [...incoming];
  const out: PolicyAncestorStatus[] = [];
  for (const entry of existing) {
    if (!ours.has(entry.controllerName)) {
      out.push(entry);
      continue;
    }
    const replacement = pending.findIndex((p) => sameRef(p.ancestorRef, entry.ancestorRef));
    if (replacement < 0) continue;
    out.push(pending[replacement]!);
    pending.splice(replacement, 1);
  }
  return [...out, ...pending].slice(0, limit);
}

/** The existing entries of a policy's status, less any entry or condition that is not an object. */
export function existingAncestors(status: { ancestors?: unknown } | undefined): PolicyAncestorStatus[] {
  return records(status?.ancestors as PolicyAncestorStatus[] | undefined)
    .filter((a) => typeof a.ancestorRef === "object" && a.ancestorRef !== null)
    .map((a) => (a.conditions === undefined ? a : { ...a, conditions: [...records(a.conditions)] }));
}

/** The annotation by which a user tells Istio to leave a policy alone. */
export const IGNORE_ANNOTATION = "istio.io/ignore-policy-attachment";

/** Whether the policy opted out of Istio (the annotation's value is "true" in any case). */
export function isIgnored(metadata: { annotations?: Record<string, string> | undefined }): boolean {
  const value = metadata.annotations?.[IGNORE_ANNOTATION];
  return typeof value === "string" && value.toLowerCase() === "true";
}

/** The status of an ignored policy: every target reported not Accepted, and why. */
export function ignoredPolicyStatus(existing: readonly PolicyAncestorStatus[], refs: readonly ParentReference[], ours: ReadonlySet<string>, now: string, generation?: number): PolicyStatus {
  const conditions: PolicyCondition[] = [{ type: "Accepted", status: "False", reason: "IgnoredByIstio", message: `Ignored by Istio due to annotation ${IGNORE_ANNOTATION}=true` }];
  const incoming = refs.map((ref) => ancestorStatus(existing, ref, conditions, { controllerName: MESH_CONTROLLER, now, generation }));
  return { ancestors: mergeAncestors(existing, incoming, ours) };
}
