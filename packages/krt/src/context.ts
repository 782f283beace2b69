/**
 * The HandlerContext a transform receives: `fetch` reads another collection and files
 * a dependency record for the running key. Records are reused position by position
 * when a re-run fetches the same thing again, so a steady-state recompute allocates no
 * new dependency records and touches no reverse index.
 *
 * Each record also caches the result of its fetch, stamped with the fetched
 * collection's version (bumped by every commit that changes an item, which is also
 * when its indexes change). A re-run fetching at the same position from the same
 * collection with equal filters, while that version (or, for a fetch narrowed by an
 * index or namespace bucket, that bucket) has not moved, gets a copy of the cached
 * result without evaluating anything: the result depends only on the collection's
 * content and the filters, and filters are values (labels compared by content,
 * predicates and indexes by identity). Evaluating and caching results is
 * fetch-results.ts.
 */
import { EMPTY } from "./empty.js";
import { DepRecord, compactDeps, depAt, depCount, type Deps } from "./dependencies.js";
import { KrtError } from "./errors.js";
import { assertionsOn, broken } from "./assert.js";
import { cacheResult, checkCachedResult, copyOfResult, evaluateFresh, needsKeyOf, selectsOf, stillValid, type SelectorFilter } from "./fetch-results.js";
import { RANK_KEY, RANK_SCAN, sameFilter, sameNarrowing, type FilterImpl } from "./filter.js";
import { sharedFilters } from "./filter-intern.js";
import { Node, asNode, type AnyNode } from "./node.js";
import type { Collection, Filter, HandlerContext } from "./types.js";

let generation = 0;
const NO_RESULT: unknown[] = Object.freeze([]) as unknown as unknown[];

/** The collection a context belongs to. */
export interface ContextOwner {
  readonly name: string;
  readonly height: number;
  readonly upstream: Set<AnyNode>;
  ensureAbove(source: AnyNode): boolean;
  markDirty(inputKey: string): void;
}

/**
 * One context per collection, begun afresh for each run (`begin`): a run allocates
 * no context. A transform never runs inside another run of its own collection
 * (transforms cannot write or create collections), so runs never share it. A context
 * kept by the user and called outside any run is still refused (`active`).
 */
export class TransformContext implements HandlerContext {
  /** The result of the last uncached fetch, until `takeUncached`. */
  private uncached: unknown[] = NO_RESULT;
  /** Set when a fetch raised the owner's height: the result must wait for its inputs. */
  raised = false;
  private active = false;
  private gen = 0;
  /** The records of this run; undefined while they equal a prefix of `previous`. */
  private deps: DepRecord[] | undefined = undefined;
  private cursor = 0;
  private inputKey = "";
  private previous: Deps = undefined;

  constructor(private readonly owner: ContextOwner) {}

  /** Starts the run of `inputKey`, whose last run kept `previous`. */
  begin(inputKey: string, previous: Deps): void {
    this.inputKey = inputKey;
    this.previous = previous;
    this.gen = ++generation;
    this.uncached = NO_RESULT;
    this.raised = false;
    this.deps = undefined;
    this.cursor = 0;
    this.active = true;
  }

  /**
   * Declared with two filters so a fetch with at most two (nearly all of them)
   * allocates no argument array; any further filters are copied out of `arguments`.
   * `arguments` itself is handed on only on that rare path: `read` is too big to be
   * inlined here, and passing it to a call that is not inlined makes V8 allocate
   * the arguments object on every fetch (measured: an allocation per call, and 2.5
   * times the call's cost, in a probe).
   */
  fetch<T>(c: Collection<T>, f0?: Filter<T>, f1?: Filter<T>): T[] {
    // eslint-disable-next-line prefer-rest-params
    const count = arguments.length - 1;
    // eslint-disable-next-line prefer-rest-params
    const rec = this.read(c, count, f0, f1, count > 2 ? filtersAfterTwo(arguments) : undefined);
    return (rec === undefined ? this.takeUncached() : copyOfResult(rec)) as T[];
  }

  fetchOne<T>(c: Collection<T>, f0?: Filter<T>, f1?: Filter<T>): T | undefined {
    // eslint-disable-next-line prefer-rest-params
    const count = arguments.length - 1;
    // eslint-disable-next-line prefer-rest-params
    const rec = this.read(c, count, f0, f1, count > 2 ? filtersAfterTwo(arguments) : undefined);
    if (rec === undefined) return this.takeUncached()[0] as T | undefined;
    return (rec.cachedCount === 0 ? undefined : rec.cachedCount === 1 ? rec.cached : (rec.cached as unknown[])[0]) as T | undefined;
  }

  /** The fresh result of a first fetch, which `read` left here instead of caching it. */
  private takeUncached(): unknown[] {
    const result = this.uncached;
    this.uncached = NO_RESULT;
    return result;
  }

  /**
   * Files (or confirms) the dependency record of this fetch and brings its cached
   * result up to date. A re-run that fetches from the same collection at the same
   * position with equal filters keeps the record as it is; when the collection has
   * not changed since (its version), the cached result is the answer. `more` holds
   * the filters after the first two, when there are more than two.
   */
  private read(c: Collection<unknown>, count: number, f0: unknown, f1: unknown, more: readonly unknown[] | undefined): DepRecord | undefined {
    if (!this.active) {
      throw new KrtError(this.owner.name, "a HandlerContext was used after its transform returned; call fetch only while the transform runs");
    }
    const source = (c instanceof Node && !c.disposed ? c : asNode(c, this.owner.name)) as AnyNode;
    const prev = depAt(this.previous, this.cursor);
    if (prev !== undefined && prev.source === source && prev.gen !== this.gen && sameFilters(prev.filters, count, f0, f1, more)) {
      this.cursor++;
      // A record read before keeps its source below the owner, but heights only ever
      // rise, so check as a first fetch does.
      if (source.height >= this.owner.height && this.owner.ensureAbove(source)) this.raised = true;
      prev.gen = this.gen;
      this.deps?.push(prev);
      if (stillValid(prev, source)) {
        // Unchanged since the last run read it: a cached result is the answer, and a
        // result not cached yet is worth caching now (runs repeat at this version).
        if (prev.cachedCount < 0) cacheResult(prev, source, needsKeyOf(prev), selectsOf(prev.filters));
        else if (assertionsOn()) checkCachedResult(prev, source, this.owner.name);
        return prev;
      }
      // Changed since: evaluate afresh (evaluateFresh says what it caches on the way).
      prev.cachedCount = -1;
      prev.cached = undefined;
      return this.evaluateUncached(prev, source, needsKeyOf(prev), selectsOf(prev.filters));
    }
    const impls = (count === 0 ? EMPTY : count === 1 ? [f0] : count === 2 ? [f0, f1] : [f0, f1, ...more!]) as readonly FilterImpl[];
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
    // The record keeps shared copies (filter-intern.ts), which re-runs compare in cache.
    const kept = sharedFilters(impls);
    if (narrowing !== undefined) narrowing = kept[impls.indexOf(narrowing)];
    if (selects !== undefined) selects = kept[impls.indexOf(selects)] as SelectorFilter;
    const rec = this.record(source, kept, narrowing, selects?.labels);
    return this.evaluateUncached(rec, source, needsKey, selects);
  }

  /** Evaluates a record's fetch into `uncached` (a fresh array for the caller); returns undefined to say so. */
  private evaluateUncached(rec: DepRecord, source: AnyNode, needsKey: boolean, selects: SelectorFilter | undefined): undefined {
    this.uncached = evaluateFresh(rec, source, needsKey, selects);
    return undefined;
  }

  /** `selectorLabels`: the labels of the fetch's first selector filter, if any. */
  private record(source: AnyNode, filters: readonly FilterImpl[], narrowing: FilterImpl | undefined, selectorLabels: Record<string, string> | undefined): DepRecord {
    const position = this.cursor++;
    const prev = depAt(this.previous, position);
    if (prev !== undefined && prev.source === source && prev.gen !== this.gen && sameNarrowing(prev.narrowing, narrowing)) {
      source.dependentsIndex().refilter(prev, filters, narrowing, selectorLabels);
      prev.gen = this.gen;
      this.deps?.push(prev);
      return prev;
    }
    const rec = new DepRecord(this.owner, this.inputKey, source, filters, narrowing);
    rec.gen = this.gen;
    source.dependentsIndex().add(rec);
    this.owner.upstream.add(source);
    this.deps ??= this.previousPrefix(position);
    this.deps.push(rec);
    return rec;
  }

  /** The first `n` records of the previous run, as a new array. */
  private previousPrefix(n: number): DepRecord[] {
    const out: DepRecord[] = [];
    for (let i = 0; i < n; i++) out.push(depAt(this.previous, i)!);
    return out;
  }

  /** This run's records, in fetch order. */
  private current(): Deps {
    if (this.deps !== undefined) return compactDeps(this.deps);
    // Every fetch so far reused the previous record at the same position.
    if (this.cursor === 0 || this.previous === undefined) return undefined;
    return this.cursor === depCount(this.previous) ? this.previous : compactDeps(this.previousPrefix(this.cursor));
  }

  /** Removes from their indexes the previous run's records this run did not confirm. */
  private dropUnconfirmed(): void {
    const n = depCount(this.previous);
    for (let i = 0; i < n; i++) {
      const old = depAt(this.previous, i)!;
      if (old.gen !== this.gen) old.source.dependentsIndex().remove(old);
    }
  }

  /** Ends the context: any later fetch is a misuse. */
  close(): void {
    this.active = false;
  }

  /** The transform succeeded: its records replace the previous ones. */
  commitDeps(): Deps {
    this.dropUnconfirmed();
    const deps = this.current();
    if (assertionsOn()) this.checkDeps(deps);
    this.release();
    return deps;
  }

  /** Drops the run's references, so a reused context keeps no records or results alive. */
  private release(): void {
    this.previous = this.deps = undefined;
    this.uncached = NO_RESULT;
  }

  /**
   * Assert mode: the run's records are one per fetch, in fetch order, each confirmed
   * by this run; a record kept from the previous run sits at the position it had; and
   * every collection read is below the owner (the result waited for its inputs).
   */
  private checkDeps(deps: Deps): void {
    const n = depCount(deps);
    if (n !== this.cursor) broken(this.owner.name, `a run made ${this.cursor} fetches but kept ${n} dependency records`);
    for (let i = 0; i < n; i++) {
      const rec = depAt(deps, i)!;
      if (rec.gen !== this.gen) broken(this.owner.name, `dependency record ${i} was not confirmed by the run that keeps it`);
      let at = -1;
      for (let j = 0; j < depCount(this.previous); j++) if (depAt(this.previous, j) === rec) at = j;
      if (at >= 0 && at !== i) broken(this.owner.name, `a dependency record moved from position ${at} to ${i}`);
      if (rec.source.height >= this.owner.height) broken(this.owner.name, `committed a result that read "${rec.source.name}" at height ${rec.source.height}, not below its own ${this.owner.height}`);
    }
  }

  /**
   * The transform failed or must wait: keep every record, old and new, so a change
   * to anything it read so far tries again.
   */
  keepAllDeps(): Deps {
    const current = this.current();
    const all: DepRecord[] = [];
    for (let i = 0; i < depCount(current); i++) all.push(depAt(current, i)!);
    for (let i = 0; i < depCount(this.previous); i++) {
      const old = depAt(this.previous, i)!;
      if (old.gen !== this.gen) all.push(old);
    }
    this.release();
    return compactDeps(all);
  }
}

/** Removes every record in `deps` from the collections they point at. */
export function dropDeps(deps: Deps): void {
  for (let i = 0; i < depCount(deps); i++) {
    const rec = depAt(deps, i)!;
    rec.source.dependentsIndex().remove(rec);
  }
}

/** The filters of a fetch's `arguments` after the collection and the first two filters. */
function filtersAfterTwo(args: IArguments): unknown[] {
  return Array.prototype.slice.call(args, 3) as unknown[];
}

/** Whether the `count` filters given to a fetch equal a record's, one by one. */
function sameFilters(recorded: readonly FilterImpl[], count: number, f0: unknown, f1: unknown, more: readonly unknown[] | undefined): boolean {
  if (recorded.length !== count) return false;
  if (count === 0) return true;
  if (!sameFilter(recorded[0]!, f0 as FilterImpl)) return false;
  if (count === 1) return true;
  if (!sameFilter(recorded[1]!, f1 as FilterImpl)) return false;
  for (let i = 2; i < count; i++) if (!sameFilter(recorded[i]!, more![i - 2] as FilterImpl)) return false;
  return true;
}
