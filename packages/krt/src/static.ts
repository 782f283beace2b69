/**
 * Static collections: the inputs of a graph, written by the caller (an informer, a
 * file loader, a test). Every write propagates before it returns, unless a batch is
 * open.
 */
import { KrtError } from "./errors.js";
import { Node } from "./node.js";
import { flush, runningTransform } from "./scheduler.js";
import { checkSyncWaiters } from "./sync.js";
import type { StaticCollection, StaticOptions } from "./types.js";

export class StaticNode<T> extends Node<T> implements StaticCollection<T> {
  private synced: boolean;

  constructor(items: readonly T[], opts: StaticOptions<T> | undefined, kind: "static" | "trigger" = "static") {
    super(kind, "static", opts);
    this.synced = opts?.synced ?? true;
    const keys = items.map((item) => this.keyOf(item));
    items.forEach((item, i) => this.commit(keys[i]!, item));
  }

  private checkWritable(): void {
    const inside = runningTransform();
    if (inside !== undefined) {
      throw new KrtError(this.name, `written from inside the transform of "${inside}"; transforms must be pure`);
    }
    if (this.disposed) throw new KrtError(this.name, "cannot write to a disposed collection");
  }

  set(item: T): void {
    this.checkWritable();
    if (item === undefined || item === null) throw new KrtError(this.name, "set() needs an item; use delete() to remove one");
    const key = this.keyOf(item);
    if (this.commit(key, item)) flush(this);
  }

  delete(key: string): void {
    this.checkWritable();
    if (this.commit(key, undefined)) flush(this);
  }

  reset(items: T[]): void {
    this.checkWritable();
    // Key every item first, so a bad item rejects the whole reset before any change.
    const next = new Map<string, T>();
    for (const item of items) {
      if (item === undefined || item === null) throw new KrtError(this.name, "reset() items must not be null or undefined");
      next.set(this.keyOf(item), item);
    }
    let changed = false;
    for (const key of [...this.store.keys()]) if (!next.has(key)) changed = this.commit(key, undefined) || changed;
    for (const [key, item] of next) changed = this.commit(key, item) || changed;
    if (changed) flush(this);
  }

  markSynced(): void {
    if (this.synced) return;
    this.synced = true;
    checkSyncWaiters();
  }

  hasSynced(): boolean {
    return this.synced && !this.disposed;
  }
}

/**
 * A collection the caller writes, starting with `items`. It has synced unless
 * `synced: false` is given, until `markSynced()`.
 */
export function staticCollection<T>(items: T[], opts?: StaticOptions<T>): StaticCollection<T> {
  return new StaticNode(items, opts);
}
