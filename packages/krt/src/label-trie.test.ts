import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LabelTrie } from "./label-trie.js";

describe("label trie", () => {
  it("finds a value by exactly the pairs, in order, it was kept under", () => {
    const t = new LabelTrie<string>(100, 1000);
    expect(t.set({ app: "web", tier: "x" }, "A")).toBe(true);
    expect(t.get({ app: "web", tier: "x" })).toBe("A");
    expect(t.get({ app: "web" })).toBeUndefined();
    expect(t.get({ app: "web", tier: "x", v: "1" })).toBeUndefined();
    // Equal but ordered differently: another path (only sharing is lost).
    expect(t.get({ tier: "x", app: "web" })).toBeUndefined();
    // A text encoding would have to keep these apart; pairs do by construction.
    t.set({ a: "bc" }, "B");
    expect(t.get({ ab: "c" })).toBeUndefined();
    expect(t.set({}, "empty")).toBe(true);
    expect(t.get({})).toBe("empty");
    expect(t.size).toBe(3);
  });

  it("refuses a map with a value that is not a string, and grows nothing for it", () => {
    const t = new LabelTrie<string>(100, 1000);
    const odd = { app: "web", n: 1 } as unknown as Record<string, string>;
    expect(t.set(odd, "X")).toBe(false);
    expect(t.get(odd)).toBeUndefined();
    expect(t.nodeCount).toBe(1);
    expect(t.size).toBe(0);
  });

  it("keeps __proto__ as a label and pollutes nothing", () => {
    const t = new LabelTrie<string>(100, 1000);
    const labels = JSON.parse('{"__proto__": "x", "constructor": "y"}') as Record<string, string>;
    t.set(labels, "P");
    expect(t.get(JSON.parse('{"__proto__": "x", "constructor": "y"}') as Record<string, string>)).toBe("P");
    expect(t.get({ constructor: "y" })).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("starts over when its values or its nodes pass their limits", () => {
    const byValues = new LabelTrie<number>(4, 1000);
    for (let i = 0; i < 4; i++) byValues.set({ app: `a${i}` }, i);
    expect(byValues.get({ app: "a0" })).toBe(0);
    byValues.set({ app: "a4" }, 4);
    expect(byValues.size).toBe(1);
    expect(byValues.get({ app: "a0" })).toBeUndefined();
    expect(byValues.get({ app: "a4" })).toBe(4);

    const byNodes = new LabelTrie<number>(1000, 10);
    const wide = (n: number, tag: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, tag]));
    byNodes.set(wide(6, "x"), 1);
    expect(byNodes.nodeCount).toBe(7);
    byNodes.set(wide(6, "y"), 2); // 7 + 6 > 10: starts over first
    expect(byNodes.nodeCount).toBe(7);
    expect(byNodes.get(wide(6, "x"))).toBeUndefined();
    expect(byNodes.get(wide(6, "y"))).toBe(2);
  });

  it("agrees with a table keyed by the ordered pairs, and stays within its limits (property)", () => {
    const labelMap = fc.dictionary(fc.constantFrom("app", "tier", "__proto__", "a", "ab", ""), fc.constantFrom("x", "y", "bc", "c", ""), { maxKeys: 4 });
    fc.assert(
      fc.property(fc.array(fc.tuple(labelMap, fc.nat(9)), { maxLength: 60 }), (ops) => {
        const valueLimit = 8;
        const nodeLimit = 24;
        const t = new LabelTrie<number>(valueLimit, nodeLimit);
        // The model: ordered pairs as JSON, emptied when the trie starts over.
        let model = new Map<string, number>();
        for (const [labels, v] of ops) {
          const id = JSON.stringify(Object.entries(labels));
          const before = t.size;
          t.set(labels, v);
          if (t.size <= before && !model.has(id)) model = new Map();
          model.set(id, v);
          expect(t.size).toBe(model.size);
          expect(t.size).toBeLessThanOrEqual(valueLimit);
          expect(t.nodeCount).toBeLessThanOrEqual(nodeLimit);
          for (const [l] of ops) expect(t.get(l)).toBe(model.get(JSON.stringify(Object.entries(l))));
        }
      }),
    );
  });
});
