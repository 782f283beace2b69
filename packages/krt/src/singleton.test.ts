import { describe, expect, it } from "vitest";
import { collection } from "./collection.js";
import { filter } from "./filter.js";
import { singleton, SINGLETON_KEY } from "./singleton.js";
import { staticCollection } from "./static.js";
import { recorder } from "./test-support.js";

type Num = { id: string; n: number };
const numKey = { key: (x: Num) => x.id };

describe("singleton", () => {
  it("holds one value recomputed when what it fetched changes", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    const total = singleton((ctx) => ({ sum: ctx.fetch(src).reduce((s, x) => s + x.n, 0) }));
    expect(total.value()).toEqual({ sum: 1 });
    const seen: string[] = [];
    total.register((e) => seen.push(e.type));
    src.set({ id: "b", n: 2 });
    expect(total.value()).toEqual({ sum: 3 });
    expect(seen).toEqual(["add", "update"]);
  });

  it("has no value while its transform returns undefined", () => {
    const src = staticCollection<Num>([], numKey);
    const first = singleton((ctx) => ctx.fetch(src)[0]);
    expect(first.value()).toBeUndefined();
    src.set({ id: "a", n: 1 });
    expect(first.value()).toEqual({ id: "a", n: 1 });
    src.delete("a");
    expect(first.value()).toBeUndefined();
  });

  it("its collection view has one item under a fixed key and can be fetched", () => {
    const src = staticCollection<Num>([{ id: "a", n: 3 }], numKey);
    const factor = singleton((ctx) => ({ factor: ctx.fetchOne(src, filter.key("a"))?.n ?? 1 }));
    const view = factor.asCollection();
    expect(view.list()).toEqual([{ factor: 3 }]);
    expect(view.keyOf({ factor: 99 })).toBe(SINGLETON_KEY);
    const items = staticCollection<Num>([{ id: "x", n: 2 }], numKey);
    const scaled = collection(items, (ctx, x) => ({ id: x.id, n: x.n * (ctx.fetchOne(view)?.factor ?? 0) }), numKey);
    const r = recorder(scaled);
    expect(scaled.get("x")?.n).toBe(6);
    src.set({ id: "a", n: 5 });
    expect(scaled.get("x")?.n).toBe(10);
    expect(r.events.map((e) => e.type)).toEqual(["add", "update"]);
  });
});
