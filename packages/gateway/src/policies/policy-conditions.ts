/**
 * The conditions a policy reports for each of its ancestors, built up while its
 * targets are checked. Istio keeps one set for the whole policy: a problem found on
 * one target stays reported on every ancestor written after it (later targets, then
 * the Gateways), until a later problem of the same condition type replaces it.
 * Reproducing that, rather than giving each target its own verdict, is what makes
 * the statuses match Istio's; `snapshot` is taken once per ancestor.
 */
import { compareStrings, type PolicyAcceptedReason, type PolicyCondition, type PolicyResolvedRefsReason } from "@weft/api";

type PolicyConditionType = PolicyCondition["type"];

/** A condition's success form and, once something went wrong, what replaces it. */
interface ConditionState {
  message: string;
  error?: { reason: PolicyCondition["reason"]; message: string };
}

export const VALID = "Configuration is valid";

/** The conditions of one policy, by type. */
export class PolicyConditions {
  private readonly byType = new Map<PolicyConditionType, ConditionState>();

  /** Starts with `types` all valid, each with its type as the reason. */
  constructor(types: readonly PolicyConditionType[]) {
    for (const type of types) this.byType.set(type, { message: VALID });
  }

  /** Marks `type` failed; the last failure recorded is the one reported. */
  fail(type: "Accepted", reason: PolicyAcceptedReason, message: string): void;
  fail(type: "ResolvedRefs", reason: PolicyResolvedRefsReason, message: string): void;
  fail(type: PolicyConditionType, reason: PolicyCondition["reason"], message: string): void {
    const c = this.byType.get(type);
    if (c !== undefined) c.error = { reason, message };
  }

  /** Adds a note to the success message of `type` (shown only while it has not failed). */
  appendMessage(type: PolicyConditionType, note: string): void {
    const c = this.byType.get(type);
    if (c !== undefined) c.message += note;
  }

  /** Replaces the success message of `type`. */
  setMessage(type: PolicyConditionType, message: string): void {
    const c = this.byType.get(type);
    if (c !== undefined) c.message = message;
  }

  /** The conditions as they stand, ordered by type as Istio writes them. */
  snapshot(): PolicyCondition[] {
    return [...this.byType.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([type, c]) => condition(type, c));
  }
}

/**
 * One condition as it stands: valid with its type as the reason, or the last failure.
 * (A failure's reason was checked against its type by `fail`'s overloads.)
 */
function condition(type: PolicyConditionType, c: ConditionState): PolicyCondition {
  if (c.error === undefined) return type === "Accepted" ? { type, status: "True", reason: "Accepted", message: c.message } : { type, status: "True", reason: "ResolvedRefs", message: c.message };
  return { type, status: "False", reason: c.error.reason, message: c.error.message } as PolicyCondition;
}
