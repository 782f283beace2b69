/**
 * Status documents: what a status writer applies to one object, in the form the
 * corpus goldens use (the object's identity, `spec: null`, and its status).
 */
import type { BrandedKey } from "@weft/api";

export interface StatusDocument<S = unknown> {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: null;
  status: S;
}

/** The document for an object's new status. */
export function statusDocument<S>(object: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }, status: S): StatusDocument<S> {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: { name: object.metadata.name, ...(object.metadata.namespace === undefined ? {} : { namespace: object.metadata.namespace }) },
    spec: null,
    status,
  };
}

/** The key a status document is stored under: `kind/namespace/name`, built only by {@link statusKey}. */
export type StatusKey = BrandedKey<"StatusKey">;

/** The key a status document is stored under. */
export function statusKey(doc: StatusDocument): StatusKey {
  return `${doc.kind}/${doc.metadata.namespace ?? ""}/${doc.metadata.name}` as StatusKey;
}
