/**
 * Objects as an API server stores them: CRD defaults filled in, and the metadata the
 * server writes on create (`uid`, `generation` 1, `creationTimestamp`, and on a
 * Namespace the `kubernetes.io/metadata.name` label) or on update (`generation` bumped
 * when the spec changed, `uid` and `creationTimestamp` kept). With this, translating
 * plain manifest files gives the statuses a controller would write in a cluster.
 */
import { createHash } from "node:crypto";
import type { CrdDefaulter } from "./crd-defaults.js";

/** The label the API server puts on every Namespace (immutable, equal to its name). */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

interface Meta {
  name?: unknown;
  namespace?: unknown;
  uid?: unknown;
  generation?: unknown;
  creationTimestamp?: unknown;
  labels?: unknown;
}

interface Stored {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: Meta;
  spec?: unknown;
}

export interface AdmitOptions {
  /** Applies CRD defaults; without one, objects keep the fields they were written with. */
  defaulter?: CrdDefaulter;
  /** The creation time; objects created in one call get it in order, a second apart, so creation order survives. */
  now?: Date;
}

/** A uid derived from the object's identity, so the same input gives the same uid in every run. */
function stableUid(kind: string, namespace: string, name: string): string {
  const h = createHash("sha256").update(`${kind}/${namespace}/${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Serialization with sorted keys, so that spec comparison ignores key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (!isRecord(value)) return JSON.stringify(value) ?? "null";
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
    .join(",")}}`;
}

function withServerMetadata<T>(object: T, meta: Meta, kind: string): T {
  const o = object as Stored;
  const labels = isRecord(o.metadata?.labels) ? { ...o.metadata.labels } : {};
  if (kind === "Namespace" && typeof o.metadata?.name === "string") labels[NAMESPACE_NAME_LABEL] = o.metadata.name;
  return { ...o, metadata: { ...o.metadata, ...meta, ...(Object.keys(labels).length > 0 ? { labels } : {}) } } as T;
}

/** Objects as created in one go: defaults, then uid, generation 1 and creation times in order. */
export function admitCreated<T>(objects: readonly T[], options: AdmitOptions = {}): T[] {
  const start = (options.now ?? new Date(0)).getTime();
  return objects.map((object, i) => {
    const defaulted = options.defaulter === undefined ? object : options.defaulter.apply(object);
    const o = defaulted as Stored;
    if (!isRecord(o) || !isRecord(o.metadata)) return defaulted;
    const kind = typeof o.kind === "string" ? o.kind : "";
    const namespace = typeof o.metadata.namespace === "string" ? o.metadata.namespace : "";
    const name = typeof o.metadata.name === "string" ? o.metadata.name : "";
    return withServerMetadata(defaulted, {
      uid: typeof o.metadata.uid === "string" ? o.metadata.uid : stableUid(kind, namespace, name),
      generation: typeof o.metadata.generation === "number" ? o.metadata.generation : 1,
      creationTimestamp: typeof o.metadata.creationTimestamp === "string" ? o.metadata.creationTimestamp : new Date(start + i * 1000).toISOString().replace(".000Z", "Z"),
    }, kind);
  });
}

/**
 * An update of a stored object: defaults applied to the new content, identity and
 * creation time kept, and the generation bumped only when the spec changed (status and
 * metadata changes do not count, as for any resource with a status subresource).
 */
export function admitUpdated<T>(stored: T, updated: T, options: Pick<AdmitOptions, "defaulter"> = {}): T {
  const next = (options.defaulter === undefined ? updated : options.defaulter.apply(updated)) as Stored;
  const old = stored as Stored;
  const generation = typeof old.metadata?.generation === "number" ? old.metadata.generation : 1;
  const changed = canonical(old.spec) !== canonical(next.spec);
  return withServerMetadata(next as T, {
    ...(old.metadata?.uid === undefined ? {} : { uid: old.metadata.uid }),
    ...(old.metadata?.creationTimestamp === undefined ? {} : { creationTimestamp: old.metadata.creationTimestamp }),
    generation: changed ? generation + 1 : generation,
  }, typeof next.kind === "string" ? next.kind : "");
}
