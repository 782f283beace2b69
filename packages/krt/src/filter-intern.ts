/**
 * Shared copies of the filters dependency records keep. A re-run compares the filters
 * it fetches with (fresh objects, built from its input) against its record's, and the
 * record's were built from the previous input: the record's filter array, its two
 * filters, their namespace string and label map are each a cache miss once the pods
 * outnumber the cache. Records keep instead one shared filter per distinct kind and
 * argument, and one shared array per distinct list, which every record with those
 * filters reads, so they stay in cache.
 *
 * Sharing is only an optimisation: filters are compared by content everywhere, so a
 * record holding its own copy behaves the same. That is what makes it safe to bound a
 * table of filters by clearing it when it grows past TABLE_LIMIT (distinct keys per
 * pod, say), and to leave a filter that cannot be shared (a predicate, a list of
 * keys, an argument of the wrong type) as it is. Lists are held weakly, by their
 * filters, and index filters by their index, so no table keeps a collection alive.
 * Label maps are looked up in a trie of their pairs (label-trie.ts), which builds no
 * text of the map to look it up.
 */
import { internFilter, type FilterImpl, type IndexInternals } from "./filter.js";
import { LabelTrie } from "./label-trie.js";

/** Distinct entries a table may hold before it starts over. */
export const TABLE_LIMIT = 4096;

/** A filter whose argument is a label map. */
type LabelFilter = Extract<FilterImpl, { labels: unknown }>;

/** Label pairs the label tables of a kind may hold before they start over. */
export const LABEL_NODE_LIMIT = 16 * TABLE_LIMIT;

/** Shared filters by kind, then (for index filters) index, then argument. */
const byKindArg = new Map<string, Map<string, FilterImpl>>();
/** Shared label filters by kind, then label map. */
const byLabels = new Map<string, LabelTrie<FilterImpl>>();
const byIndexArg = new WeakMap<IndexInternals, Map<string, FilterImpl>>();
/** Shared lists of shared filters, by the identity of their first two (`ONLY`: no second). */
const lists = new WeakMap<FilterImpl, WeakMap<FilterImpl, readonly FilterImpl[]>>();
const ONLY = Object.freeze({ kind: "generic", rank: 3, interned: true, predicate: () => true }) as FilterImpl;

function tableText(f: FilterImpl): string | undefined {
  switch (f.kind) {
    case "key":
    case "index":
      return typeof f.key === "string" ? f.key : undefined;
    case "namespace":
      return typeof f.namespace === "string" ? f.namespace : undefined;
    default:
      return undefined;
  }
}

function tableFor(f: FilterImpl): Map<string, FilterImpl> {
  if (f.kind === "index") {
    let table = byIndexArg.get(f.index);
    if (table === undefined) byIndexArg.set(f.index, (table = new Map()));
    return table;
  }
  let table = byKindArg.get(f.kind);
  if (table === undefined) byKindArg.set(f.kind, (table = new Map()));
  return table;
}

/** The shared filter of a label kind equal to `f`, or `f` when its labels are not all strings. */
function sharedLabelFilter(f: LabelFilter): FilterImpl {
  // Typed a label map, but a fetch's argument is the caller's and may be anything.
  if (typeof f.labels !== "object" || (f.labels as unknown) === null) return f;
  let trie = byLabels.get(f.kind);
  if (trie === undefined) byLabels.set(f.kind, (trie = new LabelTrie(TABLE_LIMIT, LABEL_NODE_LIMIT)));
  const found = trie.get(f.labels);
  if (found !== undefined) return found;
  const copy = internFilter(f) as LabelFilter;
  // Filed under the copy's own labels (frozen data), so the path always is its labels,
  // even for a caller's map whose getters answer differently on each read.
  return trie.set(copy.labels, copy) ? copy : f;
}

/** The shared filter equal to `f`, or `f` itself when it cannot be shared. */
export function sharedFilter(f: FilterImpl): FilterImpl {
  if (f.kind === "labels" || f.kind === "selects" || f.kind === "selectsNonEmpty") return sharedLabelFilter(f);
  const text = tableText(f);
  if (text === undefined) return f;
  const table = tableFor(f);
  const found = table.get(text);
  if (found !== undefined) return found;
  if (table.size >= TABLE_LIMIT) table.clear();
  const copy = internFilter(f);
  table.set(text, copy);
  return copy;
}

/**
 * The filters a record keeps: shared copies, in a shared array where the list is of
 * at most two (nearly every fetch).
 */
export function sharedFilters(filters: readonly FilterImpl[]): readonly FilterImpl[] {
  if (filters.length === 0) return filters;
  const shared = filters.map(sharedFilter);
  if (shared.length > 2) return shared;
  const first = shared[0]!;
  const second = shared[1] ?? ONLY;
  let bySecond = lists.get(first);
  const found = bySecond?.get(second);
  if (found !== undefined) return found;
  if (bySecond === undefined) lists.set(first, (bySecond = new WeakMap()));
  // Not frozen: see empty.ts.
  bySecond.set(second, shared);
  return shared;
}
