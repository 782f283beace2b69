import { describe, expect, it } from "vitest";
import { collection } from "./collection.js";
import { join, mergeJoin } from "./join.js";
import { nestedJoin } from "./nested-join.js";
import { staticCollection } from "./static.js";
import { captureErrors, contents, recorder } from "./test-support.js";
import type { Collection } from "./types.js";

type Num = { id: string; n: number };
const numKey = { key: (x: Num) => x.id };

describe("join", () => {
  it("is the union of its inputs, the earlier input winning a key", () => {
    const a = staticCollection<Num>([{ id: "x", n: 1 }], numKey);
    const b = staticCollection<Num>([{ id: "x", n: 2 }, { id: "y", n: 2 }], numKey);
    const j = join([a, b]);
    expect(contents(j)).toEqual({ x: { id: "x", n: 1 }, y: { id: "y", n: 2 } });
    expect(j.keyOf({ id: "z", n: 0 })).toBe("z");
  });

  it("a winner's deletion that reveals another input's item is one update", () => {
    const a = staticCollection<Num>([{ id: "x", n: 1 }], numKey);
    const b = staticCollection<Num>([{ id: "x", n: 2 }], numKey);
    const j = join([a, b]);
    const r = recorder(j);
    r.take();
    b.set({ id: "x", n: 3 });
    expect(r.events).toEqual([]);
    a.delete("x");
    expect(r.events).toEqual([{ type: "update", old: { id: "x", n: 1 }, new: { id: "x", n: 3 } }]);
    b.delete("x");
    expect(r.events.at(-1)).toEqual({ type: "delete", old: { id: "x", n: 3 } });
  });

  it("can join derived collections, and an empty join is empty", () => {
    const src = staticCollection<Num>([{ id: "x", n: 1 }], numKey);
    const neg = collection(src, (_c, x) => ({ id: `neg-${x.id}`, n: -x.n }), numKey);
    expect(join([src, neg]).list().map((x) => x.id)).toEqual(["neg-x", "x"]);
    expect(join<Num>([], numKey).list()).toEqual([]);
  });
});

describe("mergeJoin", () => {
  it("merges every input's item for a key, in input order", () => {
    const a = staticCollection<Num>([{ id: "x", n: 1 }], numKey);
    const b = staticCollection<Num>([{ id: "x", n: 10 }, { id: "y", n: 5 }], numKey);
    const sum = mergeJoin([a, b], (items) => ({ id: items[0]!.id, n: items.reduce((s, i) => s + i.n, 0) }));
    expect(contents(sum)).toEqual({ x: { id: "x", n: 11 }, y: { id: "y", n: 5 } });
    a.set({ id: "x", n: 2 });
    expect(sum.get("x")?.n).toBe(12);
    b.delete("x");
    expect(sum.get("x")?.n).toBe(2);
  });

  it("a throwing merge keeps the last merged value and reports the key", () => {
    const capture = captureErrors();
    try {
      const a = staticCollection<Num>([{ id: "x", n: 1 }], numKey);
      const merged = mergeJoin([a], (items) => {
        if (items[0]!.n < 0) throw new Error("bad merge");
        return items[0];
      });
      a.set({ id: "x", n: -1 });
      expect(merged.get("x")?.n).toBe(1);
      expect(capture.errors[0]?.context).toMatchObject({ key: "x" });
    } finally {
      capture.restore();
    }
  });
});

describe("nestedJoin", () => {
  it("follows inner collections as they are added and removed", () => {
    const a = staticCollection<Num>([{ id: "x", n: 1 }], { ...numKey, name: "a" });
    const b = staticCollection<Num>([{ id: "x", n: 2 }, { id: "y", n: 2 }], { ...numKey, name: "b" });
    const outer = staticCollection<Collection<Num>>([b], { key: (c) => c.name });
    const all = nestedJoin(outer, numKey);
    expect(contents(all)).toEqual({ x: { id: "x", n: 2 }, y: { id: "y", n: 2 } });
    const r = recorder(all);
    r.take();
    outer.set(a);
    expect(all.get("x")?.n).toBe(1);
    expect(r.events).toEqual([{ type: "update", old: { id: "x", n: 2 }, new: { id: "x", n: 1 } }]);
    b.set({ id: "z", n: 3 });
    expect(all.get("z")?.n).toBe(3);
    outer.delete("b");
    expect(contents(all)).toEqual({ x: { id: "x", n: 1 } });
    b.set({ id: "w", n: 4 });
    expect(all.get("w")).toBeUndefined();
  });

  it("accepts a derived inner collection created later than the join", () => {
    const outer = staticCollection<Collection<Num>>([], { key: (c) => c.name });
    const all = nestedJoin(outer, numKey);
    const src = staticCollection<Num>([{ id: "x", n: 1 }], numKey);
    const derived = collection(collection(src, (_c, x) => x, numKey), (_c, x) => ({ ...x, n: x.n * 7 }), { ...numKey, name: "derived" });
    outer.set(derived);
    expect(all.get("x")?.n).toBe(7);
    src.set({ id: "x", n: 2 });
    expect(all.get("x")?.n).toBe(14);
  });
});
