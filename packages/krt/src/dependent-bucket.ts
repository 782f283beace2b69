/**
 * One bucket of fetch dependency records (all the records filed under one key, one
 * index key, or "everything"). Records that carry a selector filter
 * (`selects`/`selectsNonEmpty`, whose argument is the reader's labels) are also
 * filed under each of those label pairs: a changed item with selector S can only
 * match readers whose labels contain every pair of S, so looking up one pair of S
 * finds them all without visiting the bucket's other records. This keeps a
 * mesh-wide policy edit from checking every pod that reads mesh-wide policies.
 */
import type { FilterImpl } from "./filter.js";

type Labels = Record<string, string>;

/** The part of a dependency record a bucket needs. */
export interface BucketRecord {
  filters: readonly FilterImpl[];
  /** The labels the record was filed under, while it is in a bucket. */
  filedLabels: Labels | undefined;
}

/** The first selector filter of a record, whose labels it is filed under. */
export function selectorLabelsOf(filters: readonly FilterImpl[]): Labels | undefined {
  for (const f of filters) if (f.kind === "selects" || f.kind === "selectsNonEmpty") return f.labels;
  return undefined;
}

export class DependentBucket<R extends BucketRecord> {
  /** Records without a selector filter: every change in the bucket checks them. */
  private readonly plain = new Set<R>();
  /** Records with a selector filter. */
  private readonly selecting = new Set<R>();
  /** Label key, then value, then the selecting records whose labels have that pair. */
  private readonly byPair = new Map<string, Map<string, Set<R>>>();

  get size(): number {
    return this.plain.size + this.selecting.size;
  }

  add(rec: R): void {
    const labels = selectorLabelsOf(rec.filters);
    rec.filedLabels = labels;
    if (labels === undefined) this.plain.add(rec);
    else {
      this.selecting.add(rec);
      this.addPairs(rec, labels, undefined);
    }
  }

  remove(rec: R): void {
    const labels = rec.filedLabels;
    if (labels === undefined) this.plain.delete(rec);
    else {
      this.selecting.delete(rec);
      this.dropPairs(rec, labels, undefined);
    }
  }

  /**
   * Moves a record filed here under `from` (its filed labels) to `to` (its new selector
   * labels), touching only the pairs that differ: a pod whose `app` label changed
   * leaves its other pairs' sets alone, and stays in `selecting`. Those sets hold
   * thousands of records in a large mesh, and each add or delete there is a cache
   * miss. The caller sets `filedLabels` once it has refiled the record in every
   * bucket it is in (a `keys` narrowing files one record in several).
   */
  refile(rec: R, from: Labels | undefined, to: Labels | undefined): void {
    if (from !== undefined && to !== undefined) {
      this.dropPairs(rec, from, to);
      this.addPairs(rec, to, from);
      return;
    }
    if (from === undefined) this.plain.delete(rec);
    else {
      this.selecting.delete(rec);
      this.dropPairs(rec, from, undefined);
    }
    if (to === undefined) this.plain.add(rec);
    else {
      this.selecting.add(rec);
      this.addPairs(rec, to, undefined);
    }
  }

  /**
   * Files `rec` under each pair of `labels`, except those `kept` has with the same
   * value. (`kept[k]` may read an inherited property, which is never a string and so
   * never equals a label's value; `dropPairs` reads the same way, so the two agree.)
   */
  private addPairs(rec: R, labels: Labels, kept: Labels | undefined): void {
    for (const k in labels) {
      const v = labels[k]!;
      if (kept !== undefined && kept[k] === v) continue;
      let values = this.byPair.get(k);
      if (values === undefined) this.byPair.set(k, (values = new Map()));
      let set = values.get(v);
      if (set === undefined) values.set(v, (set = new Set()));
      set.add(rec);
    }
  }

  /** Unfiles `rec` from each pair of `labels`, except those `kept` has with the same value. */
  private dropPairs(rec: R, labels: Labels, kept: Labels | undefined): void {
    for (const k in labels) {
      const v = labels[k]!;
      if (kept !== undefined && kept[k] === v) continue;
      const values = this.byPair.get(k);
      const set = values?.get(v);
      if (set === undefined) continue;
      set.delete(rec);
      if (set.size === 0) {
        values!.delete(v);
        if (values!.size === 0) this.byPair.delete(k);
      }
    }
  }

  /** Every record, for disposal. */
  *records(): IterableIterator<R> {
    yield* this.plain;
    yield* this.selecting;
  }

  /**
   * Calls `visit` with every record that may match an item whose selectors (before
   * and after the change) are given; `undefined` for a side that does not exist.
   * `null` means the selector could not be read: every record is a candidate.
   */
  candidates(selectors: readonly (Labels | undefined | null)[], visit: (rec: R) => void): void {
    for (const rec of this.plain) visit(rec);
    if (this.selecting.size === 0) return;
    let pairSets: Set<R>[] | undefined;
    for (const selector of selectors) {
      const set = selector === undefined ? undefined : this.narrowest(selector);
      if (set === "all") {
        for (const rec of this.selecting) visit(rec);
        return;
      }
      if (set !== undefined) (pairSets ??= []).push(set);
    }
    if (pairSets === undefined) return;
    const first = pairSets[0]!;
    for (const rec of first) visit(rec);
    // A record in both sets was visited with the first (no set of seen records to build).
    if (pairSets.length === 2 && pairSets[1] !== first) for (const rec of pairSets[1]!) if (!first.has(rec)) visit(rec);
  }

  /** The smallest set of readers that could be selected by `selector`, or "all". */
  private narrowest(selector: Labels | null): Set<R> | "all" | undefined {
    if (selector === null) return "all";
    let best: Set<R> | undefined;
    let any = false;
    for (const k in selector) {
      any = true;
      const set = this.byPair.get(k)?.get(selector[k]!);
      // No reader has this pair, so none can be selected.
      if (set === undefined) return undefined;
      if (best === undefined || set.size < best.size) best = set;
    }
    // An empty selector selects every reader (filter.selects) or none (selectsNonEmpty):
    // visit them all and let the filters decide.
    return any ? best : "all";
  }
}
