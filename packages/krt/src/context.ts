/**
 * The HandlerContext a transform receives: `fetch` reads another collection and files
 * a dependency record for the running key. Records are reused position by position
 * when a re-run fetches the same thing again, so a steady-state recompute allocates no
 * new dependency records and touches no reverse index.
 */
import { DepRecord } from "./dependencies.js";
import { KrtError } from "./errors.js";
import { RANK_KEY, RANK_SCAN, matchesFilter, sameNarrowing, type FilterImpl } from "./filter.js";
import { Node, asNode, type AnyNode } from "./node.js";
import type { Collection, Filter, HandlerContext } from "./types.js";

let generation = 0;

/** The collection a context belongs to. */
export interface ContextOwner {
  readonly name: string;
  readonly height: number;
  readonly upstream: Set<AnyNode>;
  ensureAbove(source: AnyNode): boolean;
  markDirty(inputKey: string): void;
}

export class TransformContext implements HandlerContext {
  /** Set when a fetch raised the owner's height: the result must wait for its inputs. */
  raised = false;
  private active = true;
  private readonly gen = ++generation;
  /** The records of this run; undefined while they equal a prefix of `previous`. */
  private deps: DepRecord[] | undefined;
  private cursor = 0;

  constructor(
    private readonly owner: ContextOwner,
    private readonly inputKey: string,
    private readonly previous: readonly DepRecord[] | undefined,
  ) {}

  fetch<T>(c: Collection<T>, ...filters: Filter<T>[]): T[] {
    if (!this.active) {
      throw new KrtError(this.owner.name, "a HandlerContext was used after its transform returned; call fetch only while the transform runs");
    }
    const source = (c instanceof Node && !c.disposed ? c : asNode(c, this.owner.name)) as AnyNode;
    const impls = filters as unknown as readonly FilterImpl[];
    // One pass validates the filters and picks the one that files the dependency.
    let narrowing: FilterImpl | undefined;
    let bestRank = RANK_SCAN;
    let needsKey = false;
    let selects: SelectorFilter | undefined;
    for (let i = 0; i < impls.length; i++) {
      const f = impls[i]!;
      if (typeof f !== "object" || f === null || typeof f.rank !== "number") {
        throw new KrtError(this.owner.name, "fetch was given something that is not a filter; build filters with filter.*");
      }
      if (f.kind === "index" && f.index.source !== source) {
        throw new KrtError(this.owner.name, `filter.index uses an index of "${(f.index.source as AnyNode).name}" to fetch from "${source.name}"`);
      }
      if (f.rank < bestRank) {
        if (narrowing !== undefined && narrowing.rank === RANK_KEY) needsKey = true;
        narrowing = f;
        bestRank = f.rank;
      } else if (f.rank === RANK_KEY) needsKey = true;
      if (f.kind === "selects" || f.kind === "selectsNonEmpty") selects ??= f;
    }
    if (source.height >= this.owner.height && this.owner.ensureAbove(source)) this.raised = true;
    this.record(source, impls, narrowing, selects?.labels);
    return evaluate(source as Node<T>, impls, narrowing, needsKey, selects);
  }

  fetchOne<T>(c: Collection<T>, ...filters: Filter<T>[]): T | undefined {
    return this.fetch(c, ...filters)[0];
  }

  /** `selectorLabels`: the labels of the fetch's first selector filter, if any. */
  private record(source: AnyNode, filters: readonly FilterImpl[], narrowing: FilterImpl | undefined, selectorLabels: Record<string, string> | undefined): void {
    const position = this.cursor++;
    const prev = this.previous?.[position];
    if (prev !== undefined && prev.source === source && prev.gen !== this.gen && sameNarrowing(prev.narrowing, narrowing)) {
      source.dependentsIndex().refilter(prev, filters, narrowing, selectorLabels);
      prev.gen = this.gen;
      this.deps?.push(prev);
      return;
    }
    const rec = new DepRecord(this.owner, this.inputKey, source, filters, narrowing);
    rec.gen = this.gen;
    source.dependentsIndex().add(rec);
    this.owner.upstream.add(source);
    this.deps ??= this.previous === undefined ? [] : this.previous.slice(0, position);
    this.deps.push(rec);
  }

  /** This run's records, in fetch order. */
  private current(): DepRecord[] | undefined {
    if (this.deps !== undefined) return this.deps.length > 0 ? this.deps : undefined;
    // Every fetch so far reused the previous record at the same position.
    if (this.cursor === 0 || this.previous === undefined) return undefined;
    return this.cursor === this.previous.length ? (this.previous as DepRecord[]) : this.previous.slice(0, this.cursor);
  }

  /** Ends the context: any later fetch is a misuse. */
  close(): void {
    this.active = false;
  }

  /** The transform succeeded: its records replace the previous ones. */
  commitDeps(): DepRecord[] | undefined {
    if (this.previous !== undefined) {
      for (const old of this.previous) if (old.gen !== this.gen) old.source.dependentsIndex().remove(old);
    }
    return this.current();
  }

  /**
   * The transform failed or must wait: keep every record, old and new, so a change
   * to anything it read so far tries again.
   */
  keepAllDeps(): DepRecord[] | undefined {
    const all = [...(this.current() ?? [])];
    if (this.previous !== undefined) for (const old of this.previous) if (old.gen !== this.gen) all.push(old);
    return all.length > 0 ? all : undefined;
  }
}

/** Removes every record in `deps` from the collections they point at. */
export function dropDeps(deps: readonly DepRecord[] | undefined): void {
  if (deps === undefined) return;
  for (const rec of deps) rec.source.dependentsIndex().remove(rec);
}

const NOTHING: readonly never[] = Object.freeze([]);

type SelectorFilter = Extract<FilterImpl, { kind: "selects" | "selectsNonEmpty" }>;

function candidatesOf<T>(source: Node<T>, narrowing: FilterImpl | undefined): readonly T[] {
  if (narrowing === undefined) return source.sortedItems();
  switch (narrowing.kind) {
    case "key": {
      const item = source.get(narrowing.key);
      return item === undefined ? NOTHING : [item];
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
 */
function evaluate<T>(
  source: Node<T>,
  filters: readonly FilterImpl[],
  narrowing: FilterImpl | undefined,
  needsKey: boolean,
  selects: SelectorFilter | undefined,
): T[] {
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
  if (filters.length === 0 || (filters.length === 1 && narrowing !== undefined)) return candidates.slice();
  const out: T[] = [];
  for (const item of candidates) {
    const key = needsKey ? source.keyOf(item) : "";
    let ok = true;
    for (const f of filters) {
      if (f !== narrowing && !matchesFilter(f, key, item, source.ex)) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(item);
  }
  return out;
}
