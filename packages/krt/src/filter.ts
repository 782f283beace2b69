/**
 * Fetch filters. A filter both narrows what a fetch returns and, recorded as a
 * dependency, decides which later changes of the fetched collection re-run the
 * transform. Key, index and namespace filters also say where the dependency is filed,
 * so a change finds its dependents without scanning the others.
 */
import { isEmptyLabels, labelsContain, type Extractors } from "./extractors.js";
import type { Filter, Index } from "./types.js";

type Labels = Record<string, string>;

/** What filters need of an index: the keys it files an item under, and its collection. */
export interface IndexInternals {
  readonly source: object;
  keysFor(item: unknown): readonly string[];
  /** Whether `item`, as currently stored, is filed under `key` (no extractor call). */
  contains(key: string, item: unknown): boolean;
  /** Whether no item filed under `key` was added, changed or removed after `version` (its collection's). */
  unchangedSince(key: string, version: number): boolean;
}

/**
 * How well a filter narrows a lookup: key filters name the items, index and
 * namespace filters name a bucket, the rest can only test items one by one.
 */
export const RANK_KEY = 0;
export const RANK_INDEX = 1;
export const RANK_NAMESPACE = 2;
export const RANK_SCAN = 3;

/** The concrete filter values; `Filter<T>` is their public, opaque face. */
export type FilterImpl = { rank: number; interned: boolean } & (
  | { kind: "key"; key: string }
  | { kind: "keys"; keys: readonly string[] }
  | { kind: "index"; index: IndexInternals; key: string }
  | { kind: "namespace"; namespace: string }
  | { kind: "labels"; labels: Labels }
  | { kind: "selects"; labels: Labels }
  | { kind: "selectsNonEmpty"; labels: Labels }
  | { kind: "generic"; predicate: (item: unknown) => boolean }
);

function rankOf(kind: FilterImpl["kind"]): number {
  switch (kind) {
    case "key":
    case "keys":
      return RANK_KEY;
    case "index":
      return RANK_INDEX;
    case "namespace":
      return RANK_NAMESPACE;
    default:
      return RANK_SCAN;
  }
}

/**
 * Every filter has this one layout, whatever its kind, so the engine's hot loops
 * see a single object shape and V8 keeps them monomorphic. It carries only what a
 * filter needs: its kind, its rank, its one argument and, for index filters, the
 * index (fetches build filters on every run, and dependency records keep them). The
 * per-kind names of `FilterImpl` read the argument through the getters below.
 */
class FilterValue {
  constructor(
    readonly kind: FilterImpl["kind"],
    readonly rank: number,
    /** The one argument, whatever the kind (`sameFilter` compares it directly). */
    readonly argument: unknown,
    readonly index: IndexInternals | undefined,
    /** A shared copy (filter-intern.ts): equal filters of every record are this one object. */
    readonly interned: boolean,
  ) {}

  get key(): unknown {
    return this.argument;
  }

  get keys(): unknown {
    return this.argument;
  }

  get namespace(): unknown {
    return this.argument;
  }

  get labels(): unknown {
    return this.argument;
  }

  get predicate(): unknown {
    return this.argument;
  }
}

function make<T>(kind: FilterImpl["kind"], arg: unknown, idx?: IndexInternals): Filter<T> {
  return new FilterValue(kind, rankOf(kind), arg, idx, false) as unknown as Filter<T>;
}

/**
 * A copy of `f` to share between dependency records (filter-intern.ts): a label map
 * is copied and frozen, so no caller's object is kept or can change it.
 */
export function internFilter(f: FilterImpl): FilterImpl {
  let arg = (f as FilterValue).argument;
  if (f.kind === "labels" || f.kind === "selects" || f.kind === "selectsNonEmpty") {
    const pairs: [string, string][] = [];
    for (const k in f.labels) pairs.push([k, f.labels[k]!]);
    // fromEntries defines own keys (a `__proto__` label stays a label), and keeps the
    // object in V8's fast mode: a null-prototype copy made `sameLabels` 35% slower.
    arg = Object.freeze(Object.fromEntries(pairs));
  }
  return new FilterValue(f.kind, f.rank, arg, f.kind === "index" ? f.index : undefined, true) as unknown as FilterImpl;
}

/** Constructors for fetch filters; combine several in one fetch to intersect them. */
export const filter = {
  /** The item with exactly this key. */
  key(k: string): Filter<unknown> {
    return make("key", k);
  },
  /** The items with any of these keys. */
  keys(ks: string[]): Filter<unknown> {
    return make("keys", [...ks]);
  },
  /** Items in this namespace (per the fetched collection's `namespace` extractor). */
  namespace(ns: string): Filter<unknown> {
    return make("namespace", ns);
  },
  /** Items whose labels contain every pair of `match`. */
  labels(match: Record<string, string>): Filter<unknown> {
    return make("labels", match);
  },
  /** Items whose selector selects `labels`; an empty or absent selector selects everything. */
  selects(labels: Record<string, string>): Filter<unknown> {
    return make("selects", labels);
  },
  /** Items whose selector selects `labels`; an empty or absent selector selects nothing. */
  selectsNonEmpty(labels: Record<string, string>): Filter<unknown> {
    return make("selectsNonEmpty", labels);
  },
  /** Items that `idx` files under `key`. The index must be on the fetched collection. */
  index<K, T>(idx: Index<K, T>, key: K): Filter<T> {
    return make("index", key as unknown as string, idx as unknown as IndexInternals);
  },
  /** Items for which `pred` holds. Cannot narrow a lookup: use with a narrowing filter. */
  generic<T>(pred: (item: T) => boolean): Filter<T> {
    return make("generic", pred as (item: unknown) => boolean);
  },
};

/** Whether `item` (with key `itemKey`) passes one filter, using its collection's extractors. */
export function matchesFilter<T>(f: FilterImpl, itemKey: string, item: T, ex: Extractors<T>): boolean {
  switch (f.kind) {
    case "key":
      return itemKey === f.key;
    case "keys":
      return f.keys.includes(itemKey);
    case "index":
      return f.index.keysFor(item).includes(f.key);
    case "namespace":
      return ex.namespaceOf(item) === f.namespace;
    case "labels":
      return labelsContain(ex.labelsOf(item), f.labels);
    case "selects": {
      const selector = ex.selectorOf(item);
      return selector === undefined || labelsContain(f.labels, selector);
    }
    case "selectsNonEmpty": {
      const selector = ex.selectorOf(item);
      return !isEmptyLabels(selector) && labelsContain(f.labels, selector!);
    }
    case "generic":
      return f.predicate(item);
  }
}

/**
 * `matchesFilter` for an item as its collection stores it now (a fetch): index
 * membership is answered by the index's bucket instead of calling its extractor.
 * A change's old item is no longer in the index, so the dependents use `matchesFilter`.
 */
export function matchesStoredItem<T>(f: FilterImpl, itemKey: string, item: T, ex: Extractors<T>): boolean {
  return f.kind === "index" ? f.index.contains(f.key, item) : matchesFilter(f, itemKey, item, ex);
}

/** Whether two narrowing filters file a dependency in the same place. */
export function sameNarrowing(a: FilterImpl | undefined, b: FilterImpl | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  // Only these kinds narrow (file a record under a key); the others never match here.
  const narrows = a.kind === "key" || a.kind === "keys" || a.kind === "index" || a.kind === "namespace";
  return narrows && sameFilter(a, b);
}

/** Whether two label maps hold the same pairs (the order of their keys aside). */
export function sameLabels(a: Labels | undefined, b: Labels | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  let count = 0;
  for (const k in a) {
    count++;
    if (a[k] !== b[k]) return false;
  }
  for (const _ in b) count--;
  return count === 0;
}

/**
 * Whether two filters select the same items of the same collection: same kind and
 * equal arguments (labels by content, predicates and indexes by identity). A re-run
 * that fetches with filters equal to its record's keeps the record's own objects and
 * may reuse its cached result. Written without a switch over the kinds: it runs for
 * every fetch of every re-run, and a switch made its optimised code 7 KB, a share of
 * every update's instruction-cache working set (see docs/krt.md, Performance).
 */
export function sameFilter(a: FilterImpl, b: FilterImpl): boolean {
  if (a === b) return true;
  // Not `instanceof`: a filter built by another copy of this package compares alike.
  if (typeof b !== "object" || b === null || a.kind !== b.kind || (a as FilterValue).index !== (b as FilterValue).index) return false;
  const x = (a as FilterValue).argument;
  const y = (b as FilterValue).argument;
  // Keys, namespaces and index keys are strings; predicates compare by identity.
  if (x === y) return true;
  if (a.kind === "keys") return sameKeyList(x as readonly string[], y as readonly string[]);
  return (a.kind === "labels" || a.kind === "selects" || a.kind === "selectsNonEmpty") && sameLabels(x as Labels, y as Labels);
}

function sameKeyList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
