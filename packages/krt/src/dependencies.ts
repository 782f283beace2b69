/**
 * The reverse side of `fetch`: for one collection, every transform key that read it
 * and with which filters. Records are filed by their narrowing filter (key, index or
 * namespace), so a change looks only at the records that could match it, then checks
 * their full filters against the old and the new item.
 */
import { EMPTY } from "./empty.js";
import { assertFiling, assertionsOn, broken } from "./assert.js";
import { DependentBucket } from "./dependent-bucket.js";
import type { Extractors } from "./extractors.js";
import { matchesFilter, sameLabels, sameNarrowing, type FilterImpl, type IndexInternals } from "./filter.js";

/** Something that can be told one of its input keys must be recomputed. */
export interface DependentNode {
  markDirty(inputKey: string): void;
}

/** One fetch by one transform key, and the result it last returned. */
export class DepRecord {
  /** The compute generation that last confirmed this record. */
  gen = 0;
  /** The selector-filter labels the record is filed under (see DependentBucket). */
  filedLabels: Record<string, string> | undefined = undefined;
  /**
   * The fetch's last result, valid while the source's `version` equals
   * `cachedVersion` (the version it was last evaluated at, cached or not): how many
   * items (-1: nothing cached), and the item itself when there is one (the common
   * case, kept without an array) or the array of them.
   */
  cachedCount = -1;
  cached: unknown = undefined;
  cachedVersion = 0;
  constructor(
    readonly consumer: DependentNode,
    readonly inputKey: string,
    readonly source: DependencySource,
    public filters: readonly FilterImpl[],
    public narrowing: FilterImpl | undefined,
  ) {}
}

/** What the dependents index needs from the fetched collection. */
export interface DependencySource {
  readonly name: string;
  readonly height: number;
  readonly ex: Extractors<unknown>;
  namespaceIndex(): IndexInternals;
  dependentsIndex(): DependentsIndex;
}

type Bucket = DependentBucket<DepRecord>;

function addTo<K>(map: Map<K, Bucket>, key: K, rec: DepRecord): void {
  let bucket = map.get(key);
  if (bucket === undefined) {
    bucket = new DependentBucket();
    map.set(key, bucket);
  }
  bucket.add(rec);
}

function removeFrom<K>(map: Map<K, Bucket> | undefined, key: K, rec: DepRecord): void {
  const bucket = map?.get(key);
  if (bucket === undefined) return;
  bucket.remove(rec);
  if (bucket.size === 0) map!.delete(key);
}

/** The dependents of one collection, filed for narrow lookups. */
export class DependentsIndex {
  private readonly byKey = new Map<string, Bucket>();
  private readonly byIndex = new Map<IndexInternals, Map<string, Bucket>>();
  private readonly broad: Bucket = new DependentBucket();
  private readonly consumerCounts = new Map<DependentNode, number>();
  private count = 0;

  constructor(private readonly source: DependencySource) {}

  /** How many records are filed; a leak check counts these. */
  get size(): number {
    return this.count;
  }

  /** The distinct transforms that read this collection. */
  consumers(): IterableIterator<DependentNode> {
    return this.consumerCounts.keys();
  }

  private location(rec: DepRecord): { map: Map<string, Bucket>; keys: readonly string[] } | undefined {
    const n = rec.narrowing;
    if (n === undefined) return undefined;
    switch (n.kind) {
      case "key":
        return { map: this.byKey, keys: [n.key] };
      case "keys":
        return { map: this.byKey, keys: n.keys };
      case "index":
        return { map: this.indexBuckets(n.index), keys: [n.key] };
      case "namespace":
        return { map: this.indexBuckets(this.source.namespaceIndex()), keys: [n.namespace] };
      default:
        return undefined;
    }
  }

  private indexBuckets(index: IndexInternals): Map<string, Bucket> {
    let buckets = this.byIndex.get(index);
    if (buckets === undefined) {
      buckets = new Map();
      this.byIndex.set(index, buckets);
    }
    return buckets;
  }

  add(rec: DepRecord): void {
    if (assertionsOn()) assertFiling(this.source.name, rec, true);
    const loc = this.location(rec);
    if (loc === undefined) this.broad.add(rec);
    else for (const k of loc.keys) addTo(loc.map, k, rec);
    this.consumerCounts.set(rec.consumer, (this.consumerCounts.get(rec.consumer) ?? 0) + 1);
    this.count++;
  }

  remove(rec: DepRecord): void {
    if (assertionsOn()) assertFiling(this.source.name, rec, false);
    const loc = this.location(rec);
    if (loc === undefined) this.broad.remove(rec);
    else for (const k of loc.keys) removeFrom(loc.map, k, rec);
    const n = (this.consumerCounts.get(rec.consumer) ?? 1) - 1;
    if (n === 0) this.consumerCounts.delete(rec.consumer);
    else this.consumerCounts.set(rec.consumer, n);
    if (rec.narrowing?.kind === "index" || rec.narrowing?.kind === "namespace") this.pruneIndex(rec);
    this.count--;
  }

  private pruneIndex(rec: DepRecord): void {
    const n = rec.narrowing;
    const index = n?.kind === "index" ? n.index : this.source.namespaceIndex();
    if (this.byIndex.get(index)?.size === 0) this.byIndex.delete(index);
  }

  /**
   * Replaces a record's filters after a re-run fetched the same place again. When
   * its selector-filter labels changed, the record moves within its bucket.
   */
  refilter(rec: DepRecord, filters: readonly FilterImpl[], narrowing: FilterImpl | undefined, selectorLabels: Record<string, string> | undefined): void {
    // Kept in place only when it stays filed where it is: under the same narrowing.
    if (assertionsOn() && !sameNarrowing(rec.narrowing, narrowing)) broken(this.source.name, "a dependency record was reused under another narrowing filter");
    rec.filters = filters;
    rec.narrowing = narrowing;
    if (!sameLabels(selectorLabels, rec.filedLabels)) this.refile(rec, selectorLabels);
    rec.cachedCount = -1;
    rec.cached = undefined;
  }

  /**
   * Refiles `rec`, staying under its narrowing, from its filed selector labels to
   * `labels`, in each bucket it is filed in (several for a `keys` narrowing).
   */
  private refile(rec: DepRecord, labels: Record<string, string> | undefined): void {
    const from = rec.filedLabels;
    const n = rec.narrowing;
    switch (n?.kind) {
      case "key":
        this.byKey.get(n.key)?.refile(rec, from, labels);
        break;
      case "keys":
        for (const k of n.keys) this.byKey.get(k)?.refile(rec, from, labels);
        break;
      case "index":
        this.byIndex.get(n.index)?.get(n.key)?.refile(rec, from, labels);
        break;
      case "namespace":
        this.byIndex.get(this.source.namespaceIndex())?.get(n.namespace)?.refile(rec, from, labels);
        break;
      default:
        this.broad.refile(rec, from, labels);
    }
    rec.filedLabels = labels;
  }

  /** Drops every record filed by `consumer` (used when it is disposed). */
  removeConsumer(consumer: DependentNode): void {
    const all = new Set<DepRecord>(this.broad.records());
    for (const b of this.byKey.values()) for (const rec of b.records()) all.add(rec);
    for (const m of this.byIndex.values()) for (const b of m.values()) for (const rec of b.records()) all.add(rec);
    for (const rec of all) if (rec.consumer === consumer) this.remove(rec);
  }

  // The change being notified, kept on the index (not in a closure) so a change
  // allocates nothing per candidate: `notify` is never re-entered (marking a key
  // dirty only queues it).
  private changeKey = "";
  private changeBefore: unknown;
  private changeAfter: unknown;
  private readonly changeSelectors: [Record<string, string> | undefined | null, Record<string, string> | undefined | null] = [undefined, undefined];
  /** The keys each index files the old and the new item under, worked out once per change. */
  private readonly keysBefore = new Map<IndexInternals, readonly string[]>();
  private readonly keysAfter = new Map<IndexInternals, readonly string[]>();
  private readonly visit = (rec: DepRecord): void => {
    if (this.matches(rec, this.changeKey, this.changeBefore, this.keysBefore) || this.matches(rec, this.changeKey, this.changeAfter, this.keysAfter)) {
      rec.consumer.markDirty(rec.inputKey);
    }
  };

  /** Marks dirty every dependent whose filters match the item before or after a change. */
  notify(itemKey: string, before: unknown, after: unknown): void {
    this.changeKey = itemKey;
    this.changeBefore = before;
    this.changeAfter = after;
    const selectors = this.changeSelectors;
    selectors[0] = this.selectorOf(before);
    selectors[1] = this.selectorOf(after);
    const visit = this.visit;
    try {
      for (const index of this.byIndex.keys()) {
        if (before !== undefined) this.keysBefore.set(index, index.keysFor(before));
        if (after !== undefined) this.keysAfter.set(index, index.keysFor(after));
      }
      this.byKey.get(itemKey)?.candidates(selectors, visit);
      for (const [index, buckets] of this.byIndex) {
        const beforeKeys = this.keysBefore.get(index) ?? EMPTY;
        for (const k of beforeKeys) buckets.get(k)?.candidates(selectors, visit);
        for (const k of this.keysAfter.get(index) ?? EMPTY) if (!beforeKeys.includes(k)) buckets.get(k)?.candidates(selectors, visit);
      }
      this.broad.candidates(selectors, visit);
    } finally {
      // Nothing of the change stays reachable from the index.
      this.changeBefore = this.changeAfter = selectors[0] = selectors[1] = undefined;
      if (this.keysBefore.size > 0) this.keysBefore.clear();
      if (this.keysAfter.size > 0) this.keysAfter.clear();
    }
  }

  /** The changed item's selector; null when it cannot be read (every reader is a candidate). */
  private selectorOf(item: unknown): Record<string, string> | undefined | null {
    if (item === undefined) return undefined;
    try {
      return this.source.ex.selectorOf(item) ?? {};
    } catch {
      return null;
    }
  }

  /** `indexKeys`: the keys indexes file `item` under, where already worked out. */
  private matches(rec: DepRecord, itemKey: string, item: unknown, indexKeys: Map<IndexInternals, readonly string[]>): boolean {
    if (item === undefined) return false;
    try {
      for (const f of rec.filters) {
        if (f.kind === "index") {
          const keys = indexKeys.get(f.index) ?? f.index.keysFor(item);
          if (!keys.includes(f.key)) return false;
        } else if (!matchesFilter(f, itemKey, item, this.source.ex)) return false;
      }
      return true;
    } catch {
      // A throwing predicate or extractor: re-run the transform, whose own fetch will
      // hit the same error and report it with the right key.
      return true;
    }
  }
}

/**
 * A key's dependency records in fetch order. Most transforms fetch once, so one
 * record is kept as itself rather than in an array (at 100k keys, one array fewer
 * per key is memory worth having).
 */
export type Deps = DepRecord | readonly DepRecord[] | undefined;

export function depCount(deps: Deps): number {
  return deps === undefined ? 0 : deps instanceof DepRecord ? 1 : deps.length;
}

export function depAt(deps: Deps, i: number): DepRecord | undefined {
  return deps === undefined ? undefined : deps instanceof DepRecord ? (i === 0 ? deps : undefined) : deps[i];
}

/** The compact form of a list of records: nothing, the one record, or the array. */
export function compactDeps(list: readonly DepRecord[]): Deps {
  return list.length === 0 ? undefined : list.length === 1 ? list[0] : list;
}
