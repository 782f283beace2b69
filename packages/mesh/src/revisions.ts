/**
 * Revisions (Istio 1.26.3, 1.28.1). Several control planes ("revisions") can run in
 * one cluster; each must act only on its own objects, or two of them fight over the
 * same status and one of them applies policy meant for the other's proxies.
 *
 * An object names its revision with the `istio.io/rev` label (or inherits its
 * namespace's). The value may be a revision or a tag: tags (`istio.io/tag`) are
 * movable aliases that each point at one revision. An object with no value at all
 * belongs to the default revision: the one the `default` tag points at or, with no
 * such tag, the revision marked as default (or, with neither, the one named "default").
 */
import { collection, type Collection, type HandlerContext, type Singleton } from "@weft/krt";

export const REVISION_LABEL = "istio.io/rev";
export const TAG_LABEL = "istio.io/tag";
/** The tag name that, when it exists, decides the default revision. */
export const DEFAULT_TAG = "default";

/** What a revision knows about the revisions around it. */
export interface RevisionState {
  /** The revision this control plane runs as. */
  revision: string;
  /** Tag name to the revision it points at. */
  tags: Readonly<Record<string, string>>;
  /** The revision marked as default, used when no `default` tag exists. */
  defaultRevision?: string;
  /** Namespace name to its `istio.io/rev` label, for objects without their own. */
  namespaceRevisions?: Readonly<Record<string, string>>;
}

/** The little of an object's metadata revisions look at. */
export interface RevisionedMeta {
  namespace?: string;
  labels?: Record<string, string>;
}

/** The `istio.io/rev` value that applies to an object: its own label, else its namespace's, else "". */
export function selectedRevisionLabel(meta: RevisionedMeta, state: RevisionState): string {
  const own = labelOf(meta.labels, REVISION_LABEL);
  if (own !== undefined) return own;
  if (meta.namespace === undefined) return "";
  return labelOf(state.namespaceRevisions, meta.namespace) ?? "";
}

/** The names that select this revision: itself and every tag pointing at it. */
export function myTags(state: RevisionState): Set<string> {
  const tags = new Set([state.revision]);
  for (const [tag, revision] of Object.entries(state.tags)) if (revision === state.revision) tags.add(tag);
  return tags;
}

/**
 * The revision unlabelled objects belong to: the `default` tag's, else the one marked
 * default, else the revision literally named "default" (an install without revisions).
 */
export function defaultRevisionOf(state: RevisionState): string {
  return labelOf(state.tags, DEFAULT_TAG) ?? state.defaultRevision ?? DEFAULT_TAG;
}

/**
 * Whether this revision owns an object: may act on it and write its status. A label
 * naming this revision or one of its tags is ours; an empty one is ours only when we
 * are the default revision. A label naming nothing known belongs to no running
 * revision here, so we leave it alone rather than guess.
 */
export function isMine(meta: RevisionedMeta, state: RevisionState): boolean {
  const selected = selectedRevisionLabel(meta, state);
  if (selected === "") return defaultRevisionOf(state) === state.revision;
  return myTags(state).has(selected);
}

/**
 * Narrows a collection to the objects of this revision. The revision state is a
 * singleton, so moving a tag or the default re-filters every object it affects.
 */
export function inRevision<T extends { metadata: RevisionedMeta }>(
  objects: Collection<T>,
  state: Singleton<RevisionState>,
  name = "inRevision",
): Collection<T> {
  const stateView = state.asCollection();
  return collection(
    objects,
    (ctx: HandlerContext, object: T) => {
      const current = ctx.fetchOne(stateView);
      if (current === undefined) return undefined;
      return isMine(object.metadata, current) ? object : undefined;
    },
    { name },
  );
}

/**
 * Wraps a status write so it never writes for an object another revision owns: the
 * write is skipped (and reported as skipped) rather than sent.
 */
export function revisionGuardedWriter<T extends { metadata: RevisionedMeta }>(
  write: (object: T) => Promise<void>,
  currentState: () => RevisionState,
): (object: T) => Promise<"written" | "skipped"> {
  return async (object) => {
    if (!isMine(object.metadata, currentState())) return "skipped";
    await write(object);
    return "written";
  };
}

/** Own-property lookup, so a label named `__proto__` or `constructor` is just a label. */
function labelOf(map: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  if (map === undefined || !Object.prototype.hasOwnProperty.call(map, key)) return undefined;
  const value = map[key];
  return typeof value === "string" ? value : undefined;
}
