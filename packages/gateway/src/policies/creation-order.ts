import { compareStrings } from "@weft/api";
/**
 * Ordering objects by age, as Istio decides which of several policies wins: the
 * older one, then (at equal age) by name. An absent or unreadable creationTimestamp
 * counts as the zero time, older than any real one, as Go reads it.
 */

function creationTime(timestamp: string | undefined): number {
  const t = typeof timestamp === "string" ? Date.parse(timestamp) : Number.NaN;
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** Negative when `a` was created before `b`, positive after, 0 at the same time. */
export function compareCreation(a: string | undefined, b: string | undefined): number {
  const x = creationTime(a);
  const y = creationTime(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Oldest first, then by namespace and name. */
export function compareByAge(a: { creationTimestamp?: string | undefined; namespace: string; name: string }, b: { creationTimestamp?: string | undefined; namespace: string; name: string }): number {
  return compareCreation(a.creationTimestamp, b.creationTimestamp) || compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name);
}
