/**
 * The conditions a policy reports for each of its ancestors, built up while its
 * targets are checked. Istio keeps one set for the whole policy: a problem found on
 * one target stays reported on every ancestor written after it (later targets, then
 * the Gateways), until a later problem of the same condition type replaces it.
 * Reproducing that, rather than giving each target its own verdict, is what makes
 * the statuses match Istio's; `snapshot` is taken once per ancestor.
 */
import { compareStrings, type StatusCondition } from "@weft/api";

/** A condition's success form and, once something went wrong, what replaces it. */
interface PolicyCondition {
  reason: string;
  message: string;
  error?: { reason: string; message: string };
}

export const VALID = "Configuration is valid";

/** The conditions of one policy, by type. */
export class PolicyConditions {
  private readonly byType = new Map<string, PolicyCondition>();

  /** Starts with `types` all valid, each with its type as the reason. */
  constructor(types: readonly string[]) {
    for (const type of types) this.byType.set(type, { reason: type, message: VALID });
  }

  /** Marks `type` failed; the last failure recorded is the one reported. */
  fail(type: string, reason: string, message: string): void {
    const c = this.byType.get(type);
    if (c !== undefined) c.error = { reason, message };
  }

  /** Adds a note to the success message of `type` (shown only while it has not failed). */
  appendMessage(type: string, note: string): void {
    const c = this.byType.get(type);
    if (c !== undefined) c.message += note;
  }

  /** Replaces the success message of `type`. */
  setMessage(type: string, message: string): void {
    const c = this.byType.get(type);
    if (c !== undefined) c.message = message;
  }

  /** The conditions as they stand, ordered by type as Istio writes them. */
  snapshot(): StatusCondition[] {
    return [...this.byType.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([type, c]) => (c.error === undefined ? { type, status: "True", reason: c.reason, message: c.message } : { type, status: "False", reason: c.error.reason, message: c.error.message }));
  }
}
