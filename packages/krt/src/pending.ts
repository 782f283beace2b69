/**
 * The changes of one collection during a round, waiting for delivery. Most rounds
 * change a key of a collection once (one write, one recompute), so changes are kept
 * in order in an array and repeats are found by a short scan; only a round with many
 * changes builds a key map. (A Map per collection per round, cleared after delivery,
 * measured as the most expensive part of delivering one event.)
 */
import { firstChange, type PendingChange } from "./registration.js";

/** Past this many changes a round indexes them by key instead of scanning. */
const SCAN_LIMIT = 8;

export class PendingChanges<T> {
  readonly keys: string[] = [];
  readonly changes: PendingChange<T>[] = [];
  private index: Map<string, number> | undefined;

  /** Records that `key` went from `prev` to `next`, merging with an earlier change. */
  record(key: string, prev: T | undefined, next: T | undefined): void {
    const at = this.find(key);
    if (at < 0) {
      this.index?.set(key, this.keys.length);
      this.keys.push(key);
      this.changes.push(firstChange(prev, next));
      if (this.index === undefined && this.keys.length > SCAN_LIMIT) {
        this.index = new Map(this.keys.map((k, i) => [k, i]));
      }
      return;
    }
    const p = this.changes[at]!;
    p.new = next;
    p.type = "repeated";
  }

  private find(key: string): number {
    if (this.index !== undefined) return this.index.get(key) ?? -1;
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return i;
    return -1;
  }

  /** The changes by key (for replaying the state handlers last saw). */
  byKey(): Map<string, PendingChange<T>> {
    return new Map(this.keys.map((k, i) => [k, this.changes[i]!]));
  }
}
