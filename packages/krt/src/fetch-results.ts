/**
 * The results of fetches: evaluating a record's filters against its collection, and
 * the two caches that spare it. A record caches its own last result, valid while its
 * collection's version (or, for a fetch narrowed by a bucket, that bucket) has not
 * moved; records with the same interned filters share one evaluation per version.
 * Both are only optimisations: a result depends on nothing but the collection's
 * content and the filters, and assert mode compares each with a fresh evaluation.
 */
import { assertionsOn, broken } from "./assert.js";
import type { DepRecord } from "./dependencies.js";
import { EMPTY } from "./empty.js";
import { KrtError } from "./errors.js";
import { RANK_KEY, matchesStoredItem, type FilterImpl } from "./filter.js";
import type { AnyNode, Node } from "./node.js";

/** Whether a key filter other than the record's narrowing one must be checked. */
export function needsKeyOf(rec: DepRecord): boolean {
  for (const f of rec.filters) if (f !== rec.narrowing && f.rank === RANK_KEY) return true;
  return false;
}

/**
 * Whether a fetch narrowed by an index or namespace bucket reads the same as at
 * `version`, although its collection may have changed since: its result holds only
 * items of that bucket (each candidate is checked against every filter, whichever
 * way it was found), so if nothing filed there changed, neither did the result. A
 * policy edit in one namespace leaves the fetches of every other namespace cached.
 */
function bucketUnchangedSince(n: FilterImpl | undefined, source: AnyNode, version: number): boolean {
  if (n === undefined) return false;
  if (n.kind === "index") return n.index.unchangedSince(n.key, version);
  if (n.kind === "namespace") return source.namespaceIndex().unchangedSince(n.namespace, version);
  return false;
}

/**
 * Whether a record's last evaluation (cached or not) still holds for its source;
 * when it holds through its bucket, the record is re-stamped with the current
 * version, so the next run needs only the version compare.
 */
export function stillValid(rec: DepRecord, source: AnyNode): boolean {
  if (rec.cachedVersion === source.version) return true;
  if (!bucketUnchangedSince(rec.narrowing, source, rec.cachedVersion)) return false;
  rec.cachedVersion = source.version;
  return true;
}

/** The first selector filter, which may pick candidates through the selector index. */
export function selectsOf(filters: readonly FilterImpl[]): SelectorFilter | undefined {
  for (const f of filters) if (f.kind === "selects" || f.kind === "selectsNonEmpty") return f;
  return undefined;
}

/**
 * Evaluates a record's fetch and caches the result on it, stamped with the source's
 * version. (`needsKey` and `selects` are worked out from the filters, not stored on
 * the record: a record per key is memory, a cache miss is rare.)
 */
export function cacheResult(rec: DepRecord, source: AnyNode, needsKey: boolean, selects: SelectorFilter | undefined): void {
  storeResult(rec, source, worthSharing(rec) ? sharedResult(rec, source, needsKey, selects) : evaluate(source, rec.filters, rec.narrowing, needsKey, selects));
}

function storeResult(rec: DepRecord, source: AnyNode, result: readonly unknown[]): void {
  rec.cachedCount = result.length;
  rec.cached = result.length === 1 ? result[0] : result.length === 0 ? undefined : result;
  rec.cachedVersion = source.version;
}

/**
 * Evaluates a record's fetch into a fresh array for the caller. A shared result is
 * cached on the record as well, since that costs a pointer: a pod's first re-run
 * after the initial computation then finds its unchanged fetches cached. Any other
 * result is not, until a run finds its collection unchanged (a collection edited
 * between every run would only pay for copies never read).
 */
export function evaluateFresh(rec: DepRecord, source: AnyNode, needsKey: boolean, selects: SelectorFilter | undefined): unknown[] {
  if (!worthSharing(rec)) {
    rec.cachedVersion = source.version;
    return evaluate(source, rec.filters, rec.narrowing, needsKey, selects, true) as unknown[];
  }
  storeResult(rec, source, sharedResult(rec, source, needsKey, selects));
  return copyOfResult(rec);
}

/**
 * Sharing pays where many readers make the same fetch: a selector filter's argument
 * is the reader's own labels, which replicas of one workload have in common. Other
 * fetches are mostly keyed by the reader's own identity (a route's parent, a
 * service's name), where a shared table would only be looked up and filled, so they
 * are not shared. Only interned lists (at most two shared filters) have an identity
 * worth keying by, and a key fetch is cheaper to evaluate than to look up.
 */
function worthSharing(rec: DepRecord): boolean {
  const f = rec.filters;
  if (f.length === 0 || f.length > 2 || (rec.narrowing !== undefined && rec.narrowing.rank === RANK_KEY)) return false;
  const first = f[0]!;
  const second = f.length === 2 ? f[1]! : first;
  return first.interned && second.interned && (isSelector(first) || isSelector(second));
}

function isSelector(f: FilterImpl): boolean {
  return f.kind === "selects" || f.kind === "selectsNonEmpty";
}

/**
 * An evaluation shared by every record fetching from the collection with the same
 * filters, within one version of the collection (node.ts, `sharedResults`): pods with the
 * same labels in the same namespace fetch the same policies, so a policy edit that
 * re-runs a thousand of them evaluates each distinct fetch once, and so does the
 * first computation. Shared lists are interned (filter-intern.ts), so the list's
 * identity stands for its filters. Across versions a record's own cache serves.
 *
 * For a record `worthSharing` accepts; the result is shared: never to be mutated.
 */
function sharedResult(rec: DepRecord, source: AnyNode, needsKey: boolean, selects: SelectorFilter | undefined): readonly unknown[] {
  const shared = source.sharedResults();
  const found = shared.get(rec.filters);
  if (found !== undefined) {
    if (assertionsOn()) checkShared(rec, source, found);
    return found;
  }
  const items = evaluate(source, rec.filters, rec.narrowing, needsKey, selects);
  shared.set(rec.filters, items);
  return items;
}

/** A fresh array of a record's cached result: the caller may do what it likes with it. */
export function copyOfResult(rec: DepRecord): unknown[] {
  if (rec.cachedCount === 0) return [];
  if (rec.cachedCount === 1) return [rec.cached];
  return (rec.cached as unknown[]).slice();
}

/** Assert mode: a cached result must equal what evaluating the fetch now gives. */
export function checkCachedResult(rec: DepRecord, source: AnyNode, owner: string): void {
  if (!sameItems(freshEvaluation(rec, source), copyOfResult(rec))) {
    throw new KrtError(owner, `assert: the cached result of a fetch from "${source.name}" differs from a fresh evaluation at version ${source.version}`);
  }
}

/** Assert mode: likewise for a result shared between records. */
function checkShared(rec: DepRecord, source: AnyNode, items: readonly unknown[]): void {
  if (!sameItems(freshEvaluation(rec, source), items)) {
    broken(source.name, `a fetch result shared between records differs from a fresh evaluation at version ${source.version}`);
  }
}

function freshEvaluation(rec: DepRecord, source: AnyNode): readonly unknown[] {
  return evaluate(source, rec.filters, rec.narrowing, needsKeyOf(rec), selectsOf(rec.filters));
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

export type SelectorFilter = Extract<FilterImpl, { kind: "selects" | "selectsNonEmpty" }>;

function candidatesOf<T>(source: Node<T>, narrowing: FilterImpl | undefined): readonly T[] {
  if (narrowing === undefined) return source.sortedItems();
  switch (narrowing.kind) {
    case "key": {
      const item = source.get(narrowing.key);
      return item === undefined ? EMPTY : [item];
    }
    case "keys":
      return [...new Set(narrowing.keys)]
        .sort()
        .map((k) => source.get(k))
        .filter((item): item is T => item !== undefined);
    case "index":
      return (narrowing.index as unknown as { sortedBucket(k: string): readonly T[] }).sortedBucket(narrowing.key);
    case "namespace":
      return source.namespaceIndex().sortedBucket(narrowing.namespace);
    default:
      return source.sortedItems();
  }
}

/**
 * The items of `source` that pass every filter, ordered by key. `needsKey` says a
 * key filter other than the narrowing one must be checked, so item keys are needed.
 * Unless `fresh` is set, the result may be one of the source's shared arrays: never to
 * be mutated (the caller copies it before handing it out).
 */
function evaluate<T>(
  source: Node<T>,
  filters: readonly FilterImpl[],
  narrowing: FilterImpl | undefined,
  needsKey: boolean,
  selects: SelectorFilter | undefined,
  fresh = false,
): readonly T[] {
  let candidates = candidatesOf(source, narrowing);
  if (selects !== undefined && candidates.length > 4) {
    // A selector lookup by the labels may beat the narrowing bucket: then every
    // filter, the narrowing one included, is checked on its candidates.
    const bySelector = source.selectorIndex().candidates(selects.labels, selects.kind === "selects", candidates.length);
    if (bySelector !== undefined) {
      candidates = bySelector;
      narrowing = undefined;
      needsKey = filters.some((f) => f.rank === RANK_KEY);
    }
  }
  if (filters.length === 0 || (filters.length === 1 && narrowing !== undefined)) return fresh ? candidates.slice() : candidates;
  const out: T[] = [];
  for (const item of candidates) {
    const key = needsKey ? source.keyOf(item) : "";
    let ok = true;
    for (const f of filters) {
      if (f !== narrowing && !matchesStoredItem(f, key, item, source.ex)) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(item);
  }
  return out;
}
