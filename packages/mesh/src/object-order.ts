/**
 * The order Istio gives configs of one kind when the first one wins: oldest first, a
 * tie broken by text. Shared by the modules whose outcome depends on that order.
 */

/**
 * Milliseconds since the epoch of a creation timestamp. A missing or unparseable one
 * sorts first, as Kubernetes' zero time does.
 */
export function creationMillis(timestamp: string | undefined): number {
  const parsed = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
}
