/**
 * Joins: the union of several collections keyed alike. A plain join keeps, for each
 * key, the item of the earliest input that has it; a merge-join hands every input's
 * item for the key to a merge function.
 */
import { asNode, Node, type AnyNode } from "./node.js";
import { enterTransform, exitTransform, queueDirty } from "./scheduler.js";
import type { Collection, Options } from "./types.js";

/** Shared by joins: a dirty-key queue fed by input changes. */
export abstract class KeyedUnionNode<T> extends Node<T> {
  private readonly dirty = new Set<string>();
  private queued = false;

  protected abstract computeKey(key: string): void;

  override upstreamChanged(_source: AnyNode, key: string): void {
    this.markDirty(key);
  }

  override markDirty(key: string): void {
    if (this.disposed) return;
    this.dirty.add(key);
    this.schedule();
  }

  /** Queues this collection for the current propagation round. */
  protected schedule(): void {
    if (this.queued || this.disposed) return;
    this.queued = true;
    queueDirty(this);
  }

  /** Runs before the dirty keys; returning false means "wait, my height changed". */
  protected prepare(): boolean {
    return true;
  }

  override recomputeDirty(): void {
    this.queued = false;
    if (!this.prepare()) {
      this.queued = true;
      queueDirty(this);
      return;
    }
    for (const k of this.dirty) {
      this.dirty.delete(k);
      this.computeKey(k);
    }
  }

  /** Holds at `key` the item of the first of `inputs` that has one (or nothing). */
  protected commitFirst(inputs: readonly AnyNode[], key: string): void {
    for (const n of inputs) {
      const item = n.get(key) as T | undefined;
      if (item !== undefined) {
        this.commit(key, item);
        return;
      }
    }
    this.commit(key, undefined);
  }

  /** Links an input: it must be below us and tells us its changes. */
  protected attach(input: AnyNode): boolean {
    const raised = this.ensureAbove(input);
    input.addConsumer(this as AnyNode);
    this.upstream.add(input);
    return raised;
  }

  hasSynced(): boolean {
    return this.upstreamSynced();
  }
}

/** Options of `mergeJoin`. */
export type MergeJoinOptions<T> = Options<T>;

class JoinNode<T> extends KeyedUnionNode<T> {
  private readonly inputs: AnyNode[];

  constructor(
    inputs: Collection<T>[],
    private readonly merge: ((items: T[]) => T | undefined) | undefined,
    private readonly opts: Options<T> | undefined,
  ) {
    const nodes = inputs.map((c) => asNode(c, opts?.name ?? "join") as AnyNode);
    const first = nodes[0];
    super(merge === undefined ? "join" : "mergeJoin", merge === undefined ? "join" : "mergeJoin", {
      ...opts,
      key: opts?.key ?? (first === undefined ? undefined : (item: T) => first.keyOf(item)),
    });
    this.inputs = nodes;
    for (const n of nodes) this.attach(n);
    const keys = new Set<string>();
    for (const n of nodes) for (const k of n.sortedKeys()) keys.add(k);
    for (const k of [...keys].sort()) this.computeKey(k);
  }

  protected computeKey(key: string): void {
    if (this.merge === undefined) {
      this.commitFirst(this.inputs, key);
      return;
    }
    const items: T[] = [];
    for (const n of this.inputs) {
      const item = n.get(key) as T | undefined;
      if (item !== undefined) items.push(item);
    }
    if (items.length === 0) {
      this.commit(key, undefined);
      return;
    }
    const previous = enterTransform(this.name);
    try {
      const merged = this.merge(items);
      this.commit(key, merged === null ? undefined : merged);
    } catch (error) {
      this.fail(error, key, this.opts?.onError);
    } finally {
      exitTransform(previous);
    }
  }

  protected override detach(): void {
    for (const n of this.inputs) n.removeConsumer(this as AnyNode);
  }
}

/**
 * The union of `collections`, keyed as its inputs key their items. When several
 * inputs hold the same key the earliest input wins; when the winner goes, the next
 * input's item shows through as one update.
 */
export function join<T>(collections: Collection<T>[], opts?: Options<T>): Collection<T> {
  return new JoinNode<T>(collections, undefined, opts);
}

/**
 * Like `join`, but every input's item for a key is passed (in input order) to
 * `merge`, whose result is the joined item (undefined drops the key).
 */
export function mergeJoin<T>(collections: Collection<T>[], merge: (items: T[]) => T | undefined, opts?: MergeJoinOptions<T>): Collection<T> {
  return new JoinNode<T>(collections, merge, opts);
}
