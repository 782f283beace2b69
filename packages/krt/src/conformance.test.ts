/**
 * What every kind of collection must do, whatever it is: list ordered by key, get and
 * keyOf agreeing with list, replay then events that add up to the content (per event
 * and per batch), unregister, sync. Each kind is driven by the same random writes to a
 * static input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collection, manyCollection } from "./collection.js";
import { join, mergeJoin } from "./join.js";
import { nestedJoin } from "./nested-join.js";
import { batch } from "./scheduler.js";
import { staticCollection } from "./static.js";
import { statusCollection } from "./status.js";
import { replay } from "./test-support.js";
import type { Collection, Event, StaticCollection } from "./types.js";

interface Item {
  id: string;
  n: number;
}
const byId = { key: (x: Item) => x.id };

interface Subject {
  input: StaticCollection<Item>;
  c: Collection<unknown>;
  /** What the collection must hold for the input's current content. */
  expected: () => unknown[];
}

const kinds: Record<string, (synced: boolean) => Subject> = {
  static: (synced) => {
    const input = staticCollection<Item>([], { ...byId, synced });
    return { input, c: input, expected: () => input.list() };
  },
  collection: (synced) => {
    const input = staticCollection<Item>([], { ...byId, synced });
    const c = collection(input, (_c, x) => (x.n % 3 === 0 ? undefined : { id: x.id, n: x.n * 2 }), byId);
    return { input, c, expected: () => input.list().filter((x) => x.n % 3 !== 0).map((x) => ({ id: x.id, n: x.n * 2 })) };
  },
  manyCollection: (synced) => {
    const input = staticCollection<Item>([], { ...byId, synced });
    const c = manyCollection(input, (_c, x) => Array.from({ length: x.n % 3 }, (_, i) => ({ id: `${x.id}.${i}`, n: x.n })), byId);
    const expected = () =>
      input
        .list()
        .flatMap((x) => Array.from({ length: x.n % 3 }, (_, i) => ({ id: `${x.id}.${i}`, n: x.n })))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    return { input, c, expected };
  },
  join: (synced) => {
    const input = staticCollection<Item>([], { ...byId, synced });
    const other = staticCollection<Item>([{ id: "k1", n: -1 }, { id: "zz", n: -1 }], byId);
    const c = join([input, other]);
    const expected = () => {
      const m = new Map(other.list().map((x) => [x.id, x]));
      for (const x of input.list()) m.set(x.id, x);
      return [...m.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    };
    return { input, c, expected };
  },
  mergeJoin: (synced) => {
    const input = staticCollection<Item>([], { ...byId, synced });
    const doubled = collection(input, (_c, x) => ({ id: x.id, n: x.n * 2 }), byId);
    const c = mergeJoin([input, doubled], (items) => ({ id: items[0]!.id, n: items.reduce((s, x) => s + x.n, 0) }));
    return { input, c, expected: () => input.list().map((x) => ({ id: x.id, n: x.n * 3 })) };
  },
  nestedJoin: (synced) => {
    const input = staticCollection<Item>([], { ...byId, synced });
    const outer = staticCollection<Collection<Item>>([input], { key: (c) => c.name });
    return { input, c: nestedJoin(outer, byId), expected: () => input.list() };
  },
  statusOutputs: (synced) => {
    const input = staticCollection<Item>([], { ...byId, synced });
    const { outputs } = statusCollection(input, (_c, x) => ({ output: x.n > 1 ? x : undefined, status: { ok: x.n > 1 } }), byId);
    return { input, c: outputs, expected: () => input.list().filter((x) => x.n > 1) };
  },
  statuses: (synced) => {
    const input = staticCollection<Item>([], { ...byId, synced });
    const { statuses } = statusCollection(input, (_c, x) => ({ output: x, status: { ok: x.n > 1 } }), byId);
    return { input, c: statuses, expected: () => input.list().map((x) => ({ key: x.id, status: { ok: x.n > 1 } })) };
  },
};

type Write = { set: Item } | { delete: string } | { batch: Write[] };
const itemArb = fc.record({ id: fc.constantFrom("k0", "k1", "k2", "k3"), n: fc.integer({ min: 0, max: 5 }) });
const writeArb: fc.Arbitrary<Write> = fc.oneof(
  { weight: 3, arbitrary: itemArb.map((set) => ({ set })) },
  { weight: 1, arbitrary: fc.constantFrom("k0", "k1", "k2", "k3").map((k) => ({ delete: k })) },
  { weight: 1, arbitrary: fc.array(fc.oneof(itemArb.map((set) => ({ set }) as Write), fc.constantFrom("k0", "k3").map((k) => ({ delete: k }) as Write)), { maxLength: 4 }).map((w) => ({ batch: w })) },
);

function apply(input: StaticCollection<Item>, w: Write): void {
  if ("set" in w) input.set(w.set);
  else if ("delete" in w) input.delete(w.delete);
  else batch(() => w.batch.forEach((x) => apply(input, x)));
}

for (const [kind, make] of Object.entries(kinds)) {
  describe(`conformance: ${kind}`, () => {
    it("content, order, keys, and event logs agree after every write", () => {
      fc.assert(
        fc.property(fc.array(writeArb, { maxLength: 25 }), fc.integer({ min: 0, max: 25 }), (writes, registerAt) => {
          const s = make(true);
          const events: Event<unknown>[] = [];
          const batches: Event<unknown>[] = [];
          const register = () => {
            s.c.register((e) => events.push(e));
            s.c.registerBatch((es) => batches.push(...es));
          };
          writes.forEach((w, i) => {
            if (i === registerAt) register();
            apply(s.input, w);
            const list = s.c.list();
            expect(list).toEqual(s.expected());
            const keys = list.map((x) => s.c.keyOf(x));
            expect(keys).toEqual([...keys].sort());
            for (const [i, k] of keys.entries()) expect(s.c.get(k)).toBe(list[i]);
          });
          if (registerAt >= writes.length) register();
          const now = new Map(s.c.list().map((x) => [s.c.keyOf(x), x]));
          expect(replay(events, (x) => s.c.keyOf(x))).toEqual(now);
          expect(replay(batches, (x) => s.c.keyOf(x))).toEqual(now);
        }),
        { numRuns: 150 },
      );
    });

    it("unregister stops delivery at once", () => {
      const s = make(true);
      const seen: Event<unknown>[] = [];
      const reg = s.c.register((e) => seen.push(e));
      seen.length = 0; // the replay
      reg.unregister();
      s.input.set({ id: "k2", n: 2 });
      expect(seen).toEqual([]);
    });

    it("syncs when its input syncs, and its registrations with it", async () => {
      const s = make(false);
      const reg = s.c.register(() => {});
      expect(s.c.hasSynced()).toBe(false);
      expect(reg.hasSynced()).toBe(false);
      const waiting = s.c.waitUntilSynced();
      s.input.markSynced();
      await waiting;
      expect(s.c.hasSynced()).toBe(true);
      expect(reg.hasSynced()).toBe(true);
    });
  });
}
