/**
 * The changes of one collection during a round, waiting for delivery. Most rounds
 * change a key of a collection once (one write, one recompute), so changes are kept
 * in order in an array and repeats are found by a short scan; only a round with many
 * changes builds a key map. (A Map per collection per round, cleared after delivery,
 * measured as the most expensive part of delivering one event.)
 *
 * A collection keeps its PendingChanges across rounds and refills it: the arrays are
 * counter-filled (`count`), not truncated, so a round allocates only its change objects,
 * which become the delivered events.
 */
import { firstChange, type PendingChange } from "./registration.js";

/** Past this many changes a round indexes them by key instead of scanning. */
const SCAN_LIMIT = 8;

export class PendingChanges<T> {
  /** How many entries of `keys` and `changes` belong to this round. */
  count = 0;
  readonly keys: string[] = [];
  readonly changes: PendingChange<T>[] = [];
  private index: Map<string, number> | undefined;

  /** Records that `key` went from `prev` to `next`, merging with an earlier change. */
  record(key: string, prev: T | undefined, next: T | undefined): void {
    const at = this.find(key);
    if (at < 0) {
      const n = this.count++;
      this.index?.set(key, n);
      this.keys[n] = key;
      this.changes[n] = firstChange(prev, next);
      if (this.index === undefined && this.count > SCAN_LIMIT) {
        this.index = new Map();
        for (let i = 0; i < this.count; i++) this.index.set(this.keys[i]!, i);
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
    for (let i = 0; i < this.count; i++) if (keys[i] === key) return i;
    return -1;
  }

  /** The changes by key (for replaying the state handlers last saw). */
  byKey(): Map<string, PendingChange<T>> {
    const out = new Map<string, PendingChange<T>>();
    for (let i = 0; i < this.count; i++) out.set(this.keys[i]!, this.changes[i]!);
    return out;
  }

  /**
   * Empties the round for reuse. A round that grew large gives its arrays up, so one
   * big round does not pin that much memory for good.
   */
  reset(): void {
    if (this.count > SCAN_LIMIT * 4) {
      this.keys.length = 0;
      this.changes.length = 0;
    } else {
      for (let i = 0; i < this.count; i++) this.changes[i] = undefined as unknown as PendingChange<T>;
    }
    this.count = 0;
    this.index = undefined;
  }
}
