/**
 * A join over a collection of collections: the inner collections can come and go,
 * and the union follows them. Inner collections are ordered by their key in the
 * outer collection; the first one holding a key wins.
 */
import { asNode, type AnyNode } from "./node.js";
import { KeyedUnionNode } from "./join.js";
import type { Collection, Options } from "./types.js";

class NestedJoinNode<T> extends KeyedUnionNode<T> {
  private readonly outer: AnyNode;
  /** Outer key to the inner collection it holds. */
  private readonly inners = new Map<string, AnyNode>();
  private ordered: AnyNode[] = [];
  private readonly outerDirty = new Set<string>();

  constructor(outer: Collection<Collection<T>>, opts: Options<T> | undefined) {
    super("nestedJoin", "nestedJoin", opts);
    this.outer = asNode(outer, this.name) as AnyNode;
    this.attach(this.outer);
    for (const k of this.outer.sortedKeys()) this.relink(k, false);
    const keys = new Set<string>();
    for (const inner of this.ordered) for (const k of inner.sortedKeys()) keys.add(k);
    for (const k of [...keys].sort()) this.computeKey(k);
  }

  override upstreamChanged(source: AnyNode, key: string): void {
    if (source === this.outer) {
      this.outerDirty.add(key);
      this.schedule();
    } else this.markDirty(key);
  }

  protected override prepare(): boolean {
    let raised = false;
    for (const k of this.outerDirty) {
      this.outerDirty.delete(k);
      raised = this.relink(k, true) || raised;
    }
    return !raised;
  }

  /**
   * Follows the outer collection's change at `outerKey`; true if our height rose.
   * `markKeys` marks the keys of the inner collections that came or went dirty.
   */
  private relink(outerKey: string, markKeys: boolean): boolean {
    const before = this.inners.get(outerKey);
    const after = this.outer.get(outerKey) as Collection<T> | undefined;
    const afterNode = after === undefined ? undefined : (asNode(after, this.name) as AnyNode);
    if (before === afterNode) return false;
    if (afterNode === undefined) this.inners.delete(outerKey);
    else this.inners.set(outerKey, afterNode);
    this.ordered = [...this.inners.keys()].sort().map((k) => this.inners.get(k)!);
    let raised = false;
    if (before !== undefined) {
      if (!this.ordered.includes(before)) {
        before.removeConsumer(this as AnyNode);
        this.upstream.delete(before);
      }
      if (markKeys) for (const k of before.sortedKeys()) this.markDirty(k);
    }
    if (afterNode !== undefined) {
      raised = this.attach(afterNode);
      if (markKeys) for (const k of afterNode.sortedKeys()) this.markDirty(k);
    }
    return raised;
  }

  protected computeKey(key: string): void {
    this.commitFirst(this.ordered, key);
  }

  protected override detach(): void {
    this.outer.removeConsumer(this as AnyNode);
    for (const inner of this.ordered) inner.removeConsumer(this as AnyNode);
  }
}

/**
 * The union of every collection held by `outer`, following inner collections as
 * they are added and removed. Give `outer` a `key` option (collections have no
 * metadata), for example `{ key: (c) => c.name }`.
 */
export function nestedJoin<T>(outer: Collection<Collection<T>>, opts?: Options<T>): Collection<T> {
  return new NestedJoinNode<T>(outer, opts);
}
