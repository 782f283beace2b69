/**
 * The conformance suite (conformance.ts, exported as @weft/krt/conformance) run on every
 * kind of collection krt has: static, derived (one and many outputs, and one that
 * fetches), singleton, joins (plain, merge, nested) and status collections. Each is
 * driven by the same writes to a static input; a property test with fast-check checks
 * the same write sequences with shrinking.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collection, manyCollection } from "./collection.js";
import { checkWriteSequence, collectionConformance, type ConformanceItem, type ConformanceSubject, type ConformanceWrite } from "./conformance.js";
import { filter } from "./filter.js";
import { join, mergeJoin } from "./join.js";
import { nestedJoin } from "./nested-join.js";
import { batch } from "./scheduler.js";
import { singleton } from "./singleton.js";
import { staticCollection } from "./static.js";
import { statusCollection } from "./status.js";
import type { Collection, StaticCollection } from "./types.js";

type Item = ConformanceItem;
const byId = { key: (x: Item) => x.id };

interface Subject {
  input: StaticCollection<Item>;
  c: Collection<unknown>;
  /** What the collection must hold for the input's current content. */
  expected: () => unknown[];
}

const kinds: Record<string, (synced: boolean) => Subject> = {
  singleton: (synced) => {
    const input = staticCollection<Item>([], { ...byId, synced });
    const total = (items: Item[]) => ({ count: items.length, sum: items.reduce((s, x) => s + x.n, 0) });
    const c = singleton((ctx) => {
      const items = ctx.fetch(input);
      return items.length === 0 ? undefined : total(items);
    }).asCollection();
    return { input, c, expected: () => (input.list().length === 0 ? [] : [total(input.list())]) };
  },
  fetching: (synced) => {
    // A derived collection over a fixed set of names that reads the input only through
    // ctx.fetchOne: every change reaches it as a dependency, none as its primary input.
    const input = staticCollection<Item>([], { ...byId, synced });
    const names = staticCollection<{ id: string }>(["k0", "k1", "k2", "k3"].map((id) => ({ id })), { key: (x) => x.id });
    const c = collection(
      names,
      (ctx, name) => {
        const item = ctx.fetchOne(input, filter.key(name.id));
        return item === undefined || item.n % 2 === 1 ? undefined : { id: name.id, half: item.n / 2 };
      },
      { key: (x) => x.id },
    );
    return { input, c, expected: () => input.list().flatMap((x) => (x.n % 2 === 1 ? [] : [{ id: x.id, half: x.n / 2 }])) };
  },
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

function apply(input: StaticCollection<Item>, w: ConformanceWrite): void {
  if ("set" in w) input.set(w.set);
  else if ("delete" in w) input.delete(w.delete);
  else batch(() => w.batch.forEach((x) => apply(input, x)));
}

function subject(make: (synced: boolean) => Subject, synced: boolean): ConformanceSubject<unknown> {
  const s = make(synced);
  return { collection: s.c, write: (w) => apply(s.input, w), expected: s.expected, markSynced: () => s.input.markSynced() };
}

for (const [kind, make] of Object.entries(kinds)) {
  collectionConformance(kind, ({ synced }) => subject(make, synced), { describe, it, expect }, { runs: 150, writes: 25 });
}

const itemArb = fc.record({ id: fc.constantFrom("k0", "k1", "k2", "k3"), n: fc.integer({ min: 0, max: 5 }) });
const writeArb: fc.Arbitrary<ConformanceWrite> = fc.oneof(
  { weight: 3, arbitrary: itemArb.map((set) => ({ set })) },
  { weight: 1, arbitrary: fc.constantFrom("k0", "k1", "k2", "k3").map((k) => ({ delete: k })) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.oneof(itemArb.map((set) => ({ set }) as ConformanceWrite), fc.constantFrom("k0", "k3").map((k) => ({ delete: k }) as ConformanceWrite)), { maxLength: 4 })
      .map((w) => ({ batch: w })),
  },
);

describe("conformance, property-based (fast-check shrinks a failing sequence)", () => {
  for (const [kind, make] of Object.entries(kinds)) {
    it(`${kind}: content, order, keys, and event logs agree after every write`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(writeArb, { maxLength: 25 }), fc.integer({ min: 0, max: 25 }), (writes, registerAt) => checkWriteSequence(subject(make, true), writes, registerAt, expect)),
        { numRuns: 100 },
      );
    });
  }
});
