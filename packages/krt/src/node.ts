/**
 * The base of every collection: the keyed store, its indexes, the single place where
 * an item changes (`commit`), the links to the collections that consume it, handler
 * registrations and the delivery of each round's changes to them.
 */
import { freeze } from "immer";
import type { FilterImpl } from "./filter.js";
import { brandCollections, brandVersion, foreignCopyMessage } from "./brand.js";
import { DependentsIndex, type DependentNode } from "./dependencies.js";
import { KrtError, reportTo } from "./errors.js";
import { resolveExtractors, type EqualityShortcut, type Extractors } from "./extractors.js";
import { KeyIndex } from "./key-index.js";
import { SelectorIndex } from "./selector-index.js";
import { PendingChanges } from "./pending.js";
import { HandlerRegistration, toEvent } from "./registration.js";
import { batch, queueChanged, runningTransform, type Schedulable } from "./scheduler.js";
import { waitForSync } from "./sync.js";
import type { Collection, Event, Options, Registration, RegisterBatchOptions } from "./types.js";

let nextId = 1;

/** Distinct shared fetch results a collection keeps per version (see `Node.shared`). */
export const SHARED_LIMIT = 4096;

/** Every live collection, for the graph dump. Disposed collections leave it. */
export const liveNodes = new Set<Node<unknown>>();

/** The kinds of collection, as the graph dump labels them. */
export type NodeKind = "static" | "collection" | "many" | "singleton" | "join" | "mergeJoin" | "nestedJoin" | "status" | "trigger";

/** A collection of any item type, as the engine's internals handle them. */
export type AnyNode = Node<unknown>;

export abstract class Node<T> implements Collection<T>, Schedulable, DependentNode {
  readonly id = nextId++;
  readonly name: string;
  /** Longest path from a static collection; the scheduler runs lower heights first. */
  height = 0;
  /**
   * Bumped by every commit that changes an item: a fetch result cached on a
   * dependency record (see context.ts) is valid while this has not moved.
   */
  version = 0;
  readonly ex: Extractors<T>;
  protected readonly store = new Map<string, T>();
  /**
   * Collections fed key by key from this one's changes (derived collections,
   * joins). An array, not a Set: it is iterated on every change and rarely edited.
   */
  private consumerList: AnyNode[] = [];
  /** Collections this one reads; it has synced when they all have. */
  readonly upstream = new Set<AnyNode>();
  disposed = false;
  private readonly freezeItems: boolean;
  private sortedKeyCache: string[] | undefined;
  private sortedItemCache: T[] | undefined;
  private dependents: DependentsIndex | undefined;
  private indexes: KeyIndex<string, T>[] = [];
  private nsIndex: KeyIndex<string, T> | undefined;
  private selIndex: SelectorIndex<T> | undefined;
  /**
   * Fetch results shared between records at version `sharedAt`, by interned filter
   * list (fetch-results.ts). Emptied when the version moves, so it holds no stale
   * items, and when it reaches SHARED_LIMIT, so a collection that stays unchanged
   * while readers come and go with new filters cannot grow it without bound.
   */
  private shared: Map<readonly FilterImpl[], readonly unknown[]> | undefined;
  private sharedAt = -1;
  private registrations: HandlerRegistration<T>[] = [];
  /** This round's undelivered changes; only kept while someone is registered. */
  private pending: PendingChanges<T> | undefined;
  /** The emptied PendingChanges of the last delivered round, refilled by the next. */
  private sparePending: PendingChanges<T> | undefined;

  constructor(
    readonly kind: NodeKind,
    defaultName: string,
    opts: Options<T> | undefined,
  ) {
    const inside = runningTransform();
    if (inside !== undefined) throw new KrtError(inside, "collections cannot be created inside a transform");
    this.name = opts?.name ?? `${defaultName}#${this.id}`;
    this.ex = resolveExtractors(this.name, opts, this.equalityShortcut());
    this.freezeItems = opts?.freeze ?? false;
    liveNodes.add(this as AnyNode);
  }

  keyOf(item: T): string {
    return this.ex.keyOf(item);
  }

  get(key: string): T | undefined {
    return this.store.get(key);
  }

  list(): T[] {
    return this.sortedItems().slice();
  }

  /** The number of items. */
  get size(): number {
    return this.store.size;
  }

  entries(): IterableIterator<[string, T]> {
    return this.store.entries();
  }

  /** Keys in order; shared, never to be mutated. */
  sortedKeys(): readonly string[] {
    return (this.sortedKeyCache ??= [...this.store.keys()].sort());
  }

  /** Items ordered by key; shared, never to be mutated. */
  sortedItems(): readonly T[] {
    return (this.sortedItemCache ??= this.sortedKeys().map((k) => this.store.get(k)!));
  }

  /**
   * The one place an item changes: stores it (unless equal to the stored one), updates
   * indexes, records the change for handlers and marks dependents dirty. Returns
   * whether anything changed.
   */
  protected commit(key: string, next: T | undefined): boolean {
    const prev = this.store.get(key);
    if (next === undefined) {
      if (prev === undefined) return false;
      this.store.delete(key);
      if (this.sortedKeyCache !== undefined) this.sortedKeyCache = undefined;
    } else {
      if (prev !== undefined) {
        if (prev === next) return false;
        let same: boolean;
        try {
          same = this.ex.equals(prev, next);
        } catch (error) {
          same = this.uncomparable(key, next, error);
        }
        if (same) return false;
      }
      if (this.freezeItems) freeze(next, true);
      this.store.set(key, next);
      if (prev === undefined) this.sortedKeyCache = undefined;
    }
    this.sortedItemCache = undefined;
    this.version++;
    const indexes = this.indexes;
    for (let i = 0; i < indexes.length; i++) indexes[i]!.update(key, next);
    this.selIndex?.update(key, next);
    if (this.registrations.length > 0) this.recordPending(key, prev, next);
    const consumers = this.consumerList;
    for (let i = 0; i < consumers.length; i++) consumers[i]!.upstreamChanged(this as AnyNode, key);
    this.dependents?.notify(key, prev, next);
    return true;
  }

  private recordPending(key: string, prev: T | undefined, next: T | undefined): void {
    if (this.pending === undefined) {
      this.pending = this.sparePending ?? new PendingChanges<T>();
      this.sparePending = undefined;
      queueChanged(this);
    }
    this.pending.record(key, prev, next);
  }

  // ---- hooks for derived kinds ------------------------------------------------------

  /**
   * `equals` threw comparing the item stored at `key` with `next`; returns true to keep
   * the stored item, false to store `next`. A stack overflow means the items cannot be
   * compared (a cycle, or nesting too deep), so the item counts as changed: an input is
   * the caller's data and a join mirrors its inputs. Derived kinds refuse cyclic outputs.
   */
  protected uncomparable(_key: string, _next: T, error: unknown): boolean {
    if (error instanceof RangeError) return false;
    throw error;
  }

  /**
   * Whether the default equality may answer "unequal" from the path where this
   * collection's items last differed (adaptive-equality.ts), without walking the
   * rest: freely where an item that cannot be compared counts as changed anyway (the
   * base `uncomparable`); derived kinds refuse outputs with a cycle, and override this.
   */
  protected equalityShortcut(): EqualityShortcut {
    return "free";
  }

  /** Called when a collection this one consumes changed `key`. */
  upstreamChanged(_source: AnyNode, _key: string): void {}

  /** Called when a fetch dependency of `inputKey` matched a change. */
  markDirty(_inputKey: string): void {}

  recomputeDirty(): void {}

  abstract hasSynced(): boolean;

  private syncedLatch = false;

  /** For derived kinds: whether every collection this one reads has synced (once true, for good). */
  protected upstreamSynced(): boolean {
    if (this.syncedLatch) return true;
    if (this.disposed) return false;
    for (const u of this.upstream) if (!u.hasSynced()) return false;
    return (this.syncedLatch = true);
  }

  /**
   * For derived kinds: a user function (transform, merge) threw or misbehaved for
   * `key`. It goes to the collection's `onError`, or to the error sink without one;
   * an `onError` that throws goes to the sink too.
   */
  protected fail(error: unknown, key: string, onError: Options<T>["onError"]): void {
    reportTo(onError, error, key, { source: this.name, key, phase: "transform" });
  }

  /** Detaches from inputs; derived kinds drop their links and dependency records. */
  protected detach(): void {}

  // ---- indexes and dependents -------------------------------------------------------

  /** The collections fed from this one's changes. */
  get consumers(): readonly AnyNode[] {
    return this.consumerList;
  }

  addConsumer(consumer: AnyNode): void {
    if (!this.consumerList.includes(consumer)) this.consumerList = [...this.consumerList, consumer];
  }

  removeConsumer(consumer: AnyNode): void {
    this.consumerList = this.consumerList.filter((c) => c !== consumer);
  }

  addIndex(index: KeyIndex<string, T>): void {
    this.indexes.push(index);
  }

  /** The index behind `filter.namespace`, built on first use. */
  namespaceIndex(): KeyIndex<string, T> {
    return (this.nsIndex ??= new KeyIndex<string, T>(this, (item) => {
      const ns = this.ex.namespaceOf(item);
      return ns === undefined ? [] : [ns];
    }));
  }

  /** This version's fetch results shared between records (see `shared`). */
  sharedResults(): Map<readonly FilterImpl[], readonly unknown[]> {
    const shared = (this.shared ??= new Map());
    if (this.sharedAt !== this.version || shared.size >= SHARED_LIMIT) {
      shared.clear();
      this.sharedAt = this.version;
    }
    return shared;
  }

  /** The index behind selector filters' lookups, built on first use. */
  selectorIndex(): SelectorIndex<T> {
    return (this.selIndex ??= new SelectorIndex<T>(this, (item) => this.keyOf(item), this.ex.selectorOf));
  }

  dependentsIndex(): DependentsIndex {
    return (this.dependents ??= new DependentsIndex(this as AnyNode));
  }

  /** How many fetch records point at this collection (for leak checks and the graph). */
  dependentRecordCount(): number {
    return this.dependents?.size ?? 0;
  }

  /** Every collection that must be higher than this one. */
  *downstream(): IterableIterator<AnyNode> {
    yield* this.consumerList;
    if (this.dependents !== undefined) for (const c of this.dependents.consumers()) yield c as AnyNode;
  }

  /** The collections that read this one through fetch. */
  fetchConsumers(): AnyNode[] {
    return this.dependents === undefined ? [] : ([...this.dependents.consumers()] as AnyNode[]);
  }

  /**
   * Makes this collection higher than `source`, which it is about to read. Returns
   * whether the height changed; throws on a dependency cycle.
   */
  ensureAbove(source: AnyNode): boolean {
    if (this.height > source.height) return false;
    if ((source as unknown) === this || reaches(this as AnyNode, source)) {
      throw new KrtError(this.name, `dependency cycle: it reads "${source.name}", which depends on it`);
    }
    raise(this as AnyNode, source.height + 1);
    return true;
  }

  // ---- handlers ---------------------------------------------------------------------

  register(handler: (e: Event<T>) => void): Registration {
    return this.addRegistration(new HandlerRegistration<T>(this, { one: handler }), true);
  }

  registerBatch(handler: (events: Event<T>[]) => void, opts?: RegisterBatchOptions): Registration {
    return this.addRegistration(new HandlerRegistration<T>(this, { batch: handler }), opts?.replay ?? true);
  }

  private addRegistration(reg: HandlerRegistration<T>, replay: boolean): Registration {
    if (this.disposed) throw new KrtError(this.name, "cannot register on a disposed collection");
    // Copy on write: a delivery in progress keeps iterating the array it started with.
    this.registrations = [...this.registrations, reg];
    if (replay) {
      const events: Event<T>[] = this.lastDeliveredItems().map((item) => ({ type: "add", new: item }));
      // Writes made by the replayed handler propagate after the replay is complete.
      batch(() => reg.deliver(events));
    }
    return reg;
  }

  /** @internal */
  removeRegistration(reg: HandlerRegistration<T>): void {
    this.registrations = this.registrations.filter((r) => r !== reg);
  }

  /**
   * The items as handlers last saw them: the store with this round's undelivered
   * changes undone, so a new handler's replay plus the coming events add up exactly.
   */
  private lastDeliveredItems(): readonly T[] {
    const pending = this.pending?.byKey();
    if (pending === undefined) return this.sortedItems();
    const seen = new Map<string, T>();
    for (const [k, item] of this.store) if (!pending.has(k)) seen.set(k, item);
    for (const [k, p] of pending) if (p.old !== undefined) seen.set(k, p.old);
    return [...seen.keys()].sort().map((k) => seen.get(k)!);
  }

  deliverPending(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    // Detached first: a handler's write during delivery starts the next round's changes.
    this.pending = undefined;
    const changes = pending.changes;
    const count = pending.count;
    // Most rounds change one key: that event goes out without a round array.
    let first: Event<T> | undefined;
    let events: Event<T>[] | undefined;
    for (let i = 0; i < count; i++) {
      const e = toEvent(changes[i]!, this.ex.equals);
      if (e === undefined) continue;
      if (first === undefined) first = e;
      else (events ??= [first]).push(e);
    }
    pending.reset();
    this.sparePending = pending;
    if (first === undefined) return;
    const regs = this.registrations;
    for (let r = 0; r < regs.length; r++) {
      if (events !== undefined) regs[r]!.deliver(events);
      else regs[r]!.deliverOne(first);
    }
  }

  // ---- sync and lifetime -----------------------------------------------------------

  waitUntilSynced(signal?: AbortSignal): Promise<void> {
    return waitForSync(this, signal);
  }

  /**
   * Stops maintaining this collection and every collection derived from it, and
   * drops every link from its inputs, so nothing reachable from them keeps it alive.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of [...this.downstream()]) d.dispose();
    this.detach();
    this.store.clear();
    this.sortedKeyCache = this.sortedItemCache = undefined;
    for (const idx of this.indexes) idx.clear();
    this.indexes = [];
    this.nsIndex = undefined;
    this.selIndex?.clear();
    this.selIndex = undefined;
    this.shared = undefined;
    this.dependents = undefined;
    this.registrations = [];
    this.pending = this.sparePending = undefined;
    liveNodes.delete(this as AnyNode);
  }
}

function reaches(from: AnyNode, target: AnyNode): boolean {
  const seen = new Set<AnyNode>();
  const stack: AnyNode[] = [from];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const d of n.downstream()) {
      if (d === target) return true;
      if (!seen.has(d)) {
        seen.add(d);
        stack.push(d);
      }
    }
  }
  return false;
}

function raise(node: AnyNode, height: number): void {
  if (node.height >= height) return;
  node.height = height;
  for (const d of node.downstream()) raise(d, height + 1);
}

brandCollections(Node);

/** Narrows a public collection to the engine's node, or explains the misuse. */
export function asNode<T>(c: Collection<T>, user: string): Node<T> {
  if (!(c instanceof Node)) {
    const name = (c as { name?: string })?.name ?? String(c);
    const foreign = brandVersion(c);
    if (foreign !== undefined) throw new KrtError(user, foreignCopyMessage(name, foreign));
    throw new KrtError(user, `"${name}" is not a collection created by @weft/krt`);
  }
  if (c.disposed) throw new KrtError(user, `collection "${c.name}" has been disposed`);
  return c as Node<T>;
}
