/**
 * Secondary indexes: items filed under the keys an extractor returns. An index is
 * updated inside the same commit that changes its collection, so a transform that
 * fetches through it always reads a state consistent with the collection.
 */
import { EMPTY } from "./empty.js";
import { KrtError, reportError } from "./errors.js";
import type { IndexInternals } from "./filter.js";
import { SortedBucket, sortedItemsOf } from "./sorted-bucket.js";
import type { Collection, Index } from "./types.js";

/** What an index needs from the collection it indexes. */
export interface Indexable<T> {
  readonly name: string;
  /** Bumped by every commit that changes an item, before the indexes are updated. */
  readonly version: number;
  entries(): Iterable<[string, T]>;
  addIndex(index: KeyIndex<string, T>): void;
}

/** An index over one collection; also what `filter.index` points at. */
export class KeyIndex<K extends string, T> implements Index<K, T>, IndexInternals {
  private readonly buckets = new Map<string, SortedBucket<T>>();
  private readonly filedUnder = new Map<string, readonly string[]>();
  /**
   * The collection's version when a bucket was last dropped (emptied): a key without a
   * bucket now had none at any version since. Starts at the version the index was
   * built at, since nothing says what was filed before.
   */
  private droppedAt: number;

  constructor(
    readonly source: Indexable<T>,
    private readonly extract: (item: T) => readonly K[],
  ) {
    this.droppedAt = source.version;
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
      return EMPTY;
    }
    if (!Array.isArray(keys)) return EMPTY;
    return keys.length > 1 ? [...new Set(keys)] : keys;
  }

  /** Files `item` (or, when undefined, removes the item) under its current keys. */
  update(itemKey: string, item: T | undefined): void {
    const before = this.filedUnder.get(itemKey) ?? EMPTY;
    const after = item === undefined ? EMPTY : this.keysFor(item);
    const version = this.source.version;
    for (const k of before) {
      if (after.includes(k)) continue;
      const bucket = this.buckets.get(k);
      if (bucket === undefined) continue;
      bucket.delete(itemKey);
      bucket.changedAt = version;
      if (bucket.size === 0) {
        this.buckets.delete(k);
        this.droppedAt = version;
      }
    }
    for (const k of after) {
      let bucket = this.buckets.get(k);
      if (bucket === undefined) {
        bucket = new SortedBucket();
        this.buckets.set(k, bucket);
      }
      bucket.set(itemKey, item!);
      bucket.changedAt = version;
    }
    if (after.length > 0) this.filedUnder.set(itemKey, after);
    else this.filedUnder.delete(itemKey);
  }

  /** The items filed under `key`, ordered by item key; shared, never to be mutated. */
  sortedBucket(key: string): readonly T[] {
    return sortedItemsOf(this.buckets.get(key));
  }

  /** Whether no item filed under `key` was added, changed or removed after `version`. */
  unchangedSince(key: string, version: number): boolean {
    const bucket = this.buckets.get(key);
    return (bucket === undefined ? this.droppedAt : bucket.changedAt) <= version;
  }

  contains(key: string, item: unknown): boolean {
    return this.buckets.get(key)?.has(item as T) ?? false;
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
