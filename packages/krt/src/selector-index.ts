/**
 * An index that answers "which items' selectors could select these labels" without
 * testing every item. Each item is filed under exactly one pair of its selector (the
 * one with the smallest label key); a selector can only select a label set that
 * contains all of its pairs, so looking up every pair of the label set finds every
 * candidate. Items without a selector are filed apart, because `filter.selects`
 * counts them as selecting everything. Candidates are then checked in full.
 */
import { EMPTY } from "./empty.js";
import { SortedBucket, sortedItemsOf } from "./sorted-bucket.js";

type Labels = Record<string, string>;

/** What the selector index needs from its collection. */
export interface SelectorSource<T> {
  entries(): Iterable<[string, T]>;
}

export class SelectorIndex<T> {
  /** Label key, then label value, then the items filed under that pair. */
  private readonly byPair = new Map<string, Map<string, SortedBucket<T>>>();
  private readonly selectsAll: SortedBucket<T> = new SortedBucket();
  /** Where each item is filed: [label key, label value], or null for "selects all". */
  private readonly filed = new Map<string, [string, string] | null>();

  constructor(
    source: SelectorSource<T>,
    private readonly keyOf: (item: T) => string,
    private readonly selectorOf: (item: T) => Labels | undefined,
  ) {
    for (const [key, item] of source.entries()) this.update(key, item);
  }

  private placeOf(item: T): [string, string] | null {
    let selector: Labels | undefined;
    try {
      selector = this.selectorOf(item);
    } catch {
      // A throwing extractor selects nothing; the filters report it when checked.
      selector = undefined;
    }
    let smallest: string | undefined;
    for (const k in selector) if (smallest === undefined || k < smallest) smallest = k;
    return smallest === undefined ? null : [smallest, String(selector![smallest])];
  }

  private bucketAt(place: [string, string] | null, create: boolean): SortedBucket<T> | undefined {
    if (place === null) return this.selectsAll;
    let values = this.byPair.get(place[0]);
    if (values === undefined) {
      if (!create) return undefined;
      this.byPair.set(place[0], (values = new Map()));
    }
    let bucket = values.get(place[1]);
    if (bucket === undefined && create) values.set(place[1], (bucket = new SortedBucket()));
    return bucket;
  }

  /** Re-files an item after a change (undefined: it was deleted). */
  update(itemKey: string, item: T | undefined): void {
    const before = this.filed.get(itemKey);
    if (before !== undefined) {
      const bucket = this.bucketAt(before, false);
      if (bucket !== undefined) {
        bucket.delete(itemKey);
        if (bucket.size === 0 && before !== null) {
          const values = this.byPair.get(before[0])!;
          values.delete(before[1]);
          if (values.size === 0) this.byPair.delete(before[0]);
        }
      }
      this.filed.delete(itemKey);
    }
    if (item === undefined) return;
    const place = this.placeOf(item);
    const bucket = this.bucketAt(place, true)!;
    bucket.set(itemKey, item);
    this.filed.set(itemKey, place);
  }

  /**
   * The items whose selector may select `labels`, ordered by key, or undefined when
   * there would be `limit` or more of them (the caller has a better source).
   */
  candidates(labels: Labels, includeSelectAll: boolean, limit: number): readonly T[] | undefined {
    // Usually one bucket matches; only several need merging (no closures: hot path).
    let only: readonly T[] | undefined = includeSelectAll && this.selectsAll.size > 0 ? sortedItemsOf(this.selectsAll) : undefined;
    let several: (readonly T[])[] | undefined;
    let total = only?.length ?? 0;
    for (const k in labels) {
      const values = this.byPair.get(k);
      if (values === undefined) continue;
      const bucket = values.get(labels[k]!);
      if (bucket === undefined) continue;
      const items = sortedItemsOf(bucket);
      total += items.length;
      if (total >= limit) return undefined;
      if (only === undefined) only = items;
      else (several ??= [only]).push(items);
    }
    if (total >= limit) return undefined;
    if (several === undefined) return only ?? EMPTY;
    // Each item sits in one bucket only, so merging needs no de-duplication.
    const keyed = several.flat().map((item) => [this.keyOf(item), item] as const);
    keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return keyed.map(([, item]) => item);
  }

  clear(): void {
    this.byPair.clear();
    this.filed.clear();
    this.selectsAll.clear();
  }
}
