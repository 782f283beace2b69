/**
 * Secondary indexes: items filed under the keys an extractor returns. An index is
 * updated inside the same commit that changes its collection, so a transform that
 * fetches through it always reads a state consistent with the collection.
 */
import { KrtError, reportError } from "./errors.js";
import type { IndexInternals } from "./filter.js";
import type { Collection, Index } from "./types.js";

const NO_KEYS: readonly string[] = Object.freeze([]);

interface Bucket<T> {
  items: Map<string, T>;
  /** Items ordered by key; rebuilt lazily after the bucket changes. */
  sorted: T[] | undefined;
}

/** What an index needs from the collection it indexes. */
export interface Indexable<T> {
  readonly name: string;
  entries(): Iterable<[string, T]>;
  addIndex(index: KeyIndex<string, T>): void;
}

/** An index over one collection; also what `filter.index` points at. */
export class KeyIndex<K extends string, T> implements Index<K, T>, IndexInternals {
  private readonly buckets = new Map<string, Bucket<T>>();
  private readonly filedUnder = new Map<string, readonly string[]>();

  constructor(
    readonly source: Indexable<T>,
    private readonly extract: (item: T) => readonly K[],
  ) {
    for (const [key, item] of source.entries()) this.update(key, item);
    source.addIndex(this as unknown as KeyIndex<string, T>);
  }

  /** The distinct keys `item` is filed under; an extractor that throws files it nowhere. */
  keysFor(item: unknown): readonly string[] {
    let keys: readonly string[];
    try {
      keys = this.extract(item as T);
    } catch (error) {
      reportError(error, { source: this.source.name, phase: "transform" });
      return NO_KEYS;
    }
    if (!Array.isArray(keys)) return NO_KEYS;
    return keys.length > 1 ? [...new Set(keys)] : keys;
  }

  /** Files `item` (or, when undefined, removes the item) under its current keys. */
  update(itemKey: string, item: T | undefined): void {
    const before = this.filedUnder.get(itemKey) ?? NO_KEYS;
    const after = item === undefined ? NO_KEYS : this.keysFor(item);
    for (const k of before) {
      if (after.includes(k)) continue;
      const bucket = this.buckets.get(k);
      if (bucket === undefined) continue;
      bucket.items.delete(itemKey);
      bucket.sorted = undefined;
      if (bucket.items.size === 0) this.buckets.delete(k);
    }
    for (const k of after) {
      let bucket = this.buckets.get(k);
      if (bucket === undefined) {
        bucket = { items: new Map(), sorted: undefined };
        this.buckets.set(k, bucket);
      }
      bucket.items.set(itemKey, item!);
      bucket.sorted = undefined;
    }
    if (after.length > 0) this.filedUnder.set(itemKey, after);
    else this.filedUnder.delete(itemKey);
  }

  /** The items filed under `key`, ordered by item key; shared, never to be mutated. */
  sortedBucket(key: string): readonly T[] {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return NO_KEYS as unknown as readonly T[];
    if (bucket.sorted === undefined) {
      const keys = [...bucket.items.keys()].sort();
      bucket.sorted = keys.map((k) => bucket.items.get(k)!);
    }
    return bucket.sorted;
  }

  lookup(key: K): T[] {
    return this.sortedBucket(key).slice();
  }

  /** Drops every entry; used when the collection is disposed. */
  clear(): void {
    this.buckets.clear();
    this.filedUnder.clear();
  }
}

/**
 * Builds an index of `c` by the keys `extract` returns for each item. Use it from a
 * transform through `ctx.fetch(c, filter.index(idx, key))`, which also records the
 * dependency; `lookup` reads without recording anything.
 */
export function index<K extends string, T>(c: Collection<T>, extract: (item: T) => K[]): Index<K, T> {
  const source = c as unknown as Partial<Indexable<T>>;
  if (typeof source.addIndex !== "function" || typeof source.entries !== "function") {
    throw new KrtError(c.name ?? "?", "index() needs a collection created by @weft/krt");
  }
  return new KeyIndex(source as Indexable<T>, extract);
}
