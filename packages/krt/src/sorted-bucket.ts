/**
 * A keyed group of items that can be read ordered by key and tested for membership,
 * both built lazily: the buckets of secondary indexes and of the selector index.
 */
import { EMPTY } from "./empty.js";

export class SortedBucket<T> {
  private readonly items = new Map<string, T>();
  /** Items ordered by key; dropped when the bucket changes, rebuilt on the next read. */
  private sorted: readonly T[] | undefined;
  /** The items as a set, for membership tests; dropped and rebuilt likewise. */
  private members: Set<T> | undefined;
  /**
   * The owning collection's version at the bucket's last change, stamped by a
   * secondary index (key-index.ts) so a cached fetch through the bucket can tell it
   * is still valid after changes elsewhere in the collection.
   */
  changedAt = 0;

  get size(): number {
    return this.items.size;
  }

  set(itemKey: string, item: T): void {
    this.items.set(itemKey, item);
    this.sorted = this.members = undefined;
  }

  delete(itemKey: string): void {
    if (!this.items.delete(itemKey)) return;
    this.sorted = this.members = undefined;
  }

  clear(): void {
    this.items.clear();
    this.sorted = this.members = undefined;
  }

  /** The items ordered by key; shared, never to be mutated. */
  sortedItems(): readonly T[] {
    if (this.sorted === undefined) {
      const keys = [...this.items.keys()].sort();
      this.sorted = keys.map((k) => this.items.get(k)!);
    }
    return this.sorted;
  }

  /** Whether this very item is in the bucket. */
  has(item: T): boolean {
    // A bucket of one or two is cheaper to scan than to turn into a set.
    if (this.items.size <= 2) {
      for (const stored of this.items.values()) if (stored === item) return true;
      return false;
    }
    return (this.members ??= new Set(this.items.values())).has(item);
  }
}

/** `bucket.sortedItems()`, or nothing for a missing bucket. */
export function sortedItemsOf<T>(bucket: SortedBucket<T> | undefined): readonly T[] {
  return bucket === undefined ? EMPTY : bucket.sortedItems();
}
