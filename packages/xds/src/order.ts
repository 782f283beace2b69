/**
 * Orderings shared by the builders, so outputs never depend on input order.
 */

/** Orders strings by UTF-16 code units (locale-independent). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Istio's config order: oldest first, then by name, then namespace. */
export function configOrder(a: { metadata: { name: string; namespace?: string; creationTimestamp?: string } }, b: { metadata: { name: string; namespace?: string; creationTimestamp?: string } }): number {
  return (
    compareText(a.metadata.creationTimestamp ?? "", b.metadata.creationTimestamp ?? "") ||
    compareText(a.metadata.name, b.metadata.name) ||
    compareText(a.metadata.namespace ?? "", b.metadata.namespace ?? "")
  );
}
