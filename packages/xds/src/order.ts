import { compareStrings } from "@weft/api";
/**
 * Orderings shared by the builders, so outputs never depend on input order.
 */

/** Istio's config order: oldest first, then by name, then namespace. */
export function configOrder(a: { metadata: { name: string; namespace?: string; creationTimestamp?: string } }, b: { metadata: { name: string; namespace?: string; creationTimestamp?: string } }): number {
  return (
    compareStrings(a.metadata.creationTimestamp ?? "", b.metadata.creationTimestamp ?? "") ||
    compareStrings(a.metadata.name, b.metadata.name) ||
    compareStrings(a.metadata.namespace ?? "", b.metadata.namespace ?? "")
  );
}
