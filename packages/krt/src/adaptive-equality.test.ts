import fc from "fast-check";
import fastDeepEqual from "fast-deep-equal";
import { describe, expect, it } from "vitest";
import { adaptiveEqual, compilePathCheck, differsAt, findDifference, isSmallTree } from "./adaptive-equality.js";
import { deepEqual } from "./equality.js";

/**
 * Values drawn from small domains, so that pairs are often equal, often differ in one
 * leaf, and keep their shape from one pair to the next (which is what makes the
 * learnt path get used): plain objects with a few keys (inserted in random order,
 * some valued undefined), arrays, NaN, -0, null, strings, Dates.
 */
const leaf = fc.oneof(
  fc.constantFrom<unknown>(0, -0, 1, Number.NaN, "a", "b", "", null, undefined, true, false),
  fc.constantFrom(0, 1).map((t) => new Date(t)),
);
const keyName = fc.constantFrom("a", "b", "status", "podIP", "0");
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.uniqueArray(fc.tuple(keyName, tie("value")), { selector: ([k]) => k, maxLength: 4 }).map((entries) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of entries) o[k] = v;
      return o;
    }),
  ),
}));

/** A value and a variant of it with at most one leaf replaced (a typical update). */
function variantOf(v: unknown, choose: number[], replacement: unknown): unknown {
  if (typeof v !== "object" || v === null || v instanceof Date) return choose.length > 0 && choose[0]! % 2 === 0 ? replacement : v;
  const keys = Object.keys(v);
  if (keys.length === 0 || choose.length === 0) return replacement;
  const k = keys[choose[0]! % keys.length]!;
  const copy = (Array.isArray(v) ? [...v] : { ...v }) as Record<string, unknown>;
  copy[k] = variantOf((v as Record<string, unknown>)[k], choose.slice(1), replacement);
  return copy;
}

/** Rebuilds plain objects with their keys inserted in reverse order (same data). */
function reordered(v: unknown): unknown {
  if (typeof v !== "object" || v === null || v instanceof Date) return v;
  if (Array.isArray(v)) return v.map(reordered);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).reverse()) out[k] = reordered((v as Record<string, unknown>)[k]);
  return out;
}

/** One step of an item's history: how the next version is made from the current one. */
const steps = fc.array(
  fc.tuple(fc.array(fc.nat(7), { maxLength: 4 }), leaf, fc.constantFrom("variant", "variant", "reordered", "other"), value),
  { minLength: 1, maxLength: 40 },
);

const RUNS = Number(process.env.KRT_EQUALITY_RUNS ?? 300);

/** What a comparison came to: an answer, or the stack overflow a cycle causes. */
function outcome(compare: () => boolean): boolean | "overflow" {
  try {
    return compare();
  } catch (error) {
    if (error instanceof RangeError) return "overflow";
    throw error;
  }
}

/**
 * `v` as a value with a cycle: a copy of it holding itself as its last key (or item),
 * which fast-deep-equal visits first, so two such values overflow it.
 */
function withCycle(v: unknown): unknown {
  if (typeof v !== "object" || v === null || v instanceof Date) return v;
  if (Array.isArray(v)) {
    const copy: unknown[] = [...v];
    copy.push(copy);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
  copy.loop = copy;
  return copy;
}

describe.each([
  ["free, walked", false, Infinity],
  ["cycle-safe, walked", true, Infinity],
  ["free, compiled at once", false, 1],
  ["cycle-safe, compiled at once", true, 1],
  ["free, compiled as by default", false, undefined],
])("adaptive equality (%s)", (_mode, cycleSafe, compileAfter) => {
  it("gives fast-deep-equal's answer on plain data, over sequences of comparisons that teach it paths", () => {
    fc.assert(
      fc.property(value, steps, (first, history) => {
        // Like a collection's item over time: each version is compared with the last.
        const equals = adaptiveEqual(cycleSafe, compileAfter);
        let current = first;
        for (const [choose, replacement, how, other] of history) {
          const next = how === "variant" ? variantOf(current, choose, replacement) : how === "reordered" ? reordered(current) : other;
          expect(equals(current, next)).toBe(fastDeepEqual(current, next));
          expect(equals(next, current)).toBe(fastDeepEqual(next, current));
          current = next;
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("gives deepEqual's answer on data fast-deep-equal cannot compare (own valueOf/toString keys, null-prototype objects)", () => {
    const odd = fc.oneof(
      fc.constantFrom("x", "y").map((s) => ({ valueOf: s, status: { podIP: s } })),
      fc.constantFrom("x", "y").map((s) => ({ toString: s, status: { podIP: s } })),
      fc.constantFrom("x", "y").map((s) => Object.assign(Object.create(null) as object, { status: { podIP: s } })),
      fc.constantFrom("x", "y").map((s) => ({ status: { podIP: s } })),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(odd, odd), { minLength: 1, maxLength: 20 }), (seq) => {
        const equals = adaptiveEqual(cycleSafe, compileAfter);
        for (const [a, b] of seq) expect(equals(a, b)).toBe(deepEqual(a, b));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("adaptive equality", () => {
  it("cycle-safe: an item with a cycle is never answered by the shortcut, so it overflows (and is refused) as under the full comparison", () => {
    fc.assert(
      fc.property(value, steps, (first, history) => {
        const equals = adaptiveEqual(true);
        // Versions are made from the plain history; every other one carries a cycle, so
        // both sides of a comparison often do, while the plain ones keep teaching paths.
        let plain = first;
        let current = first;
        for (const [choose, replacement, how, other] of history) {
          plain = how === "variant" ? variantOf(plain, choose, replacement) : how === "reordered" ? reordered(plain) : other;
          const next = choose.length % 2 === 1 ? withCycle(plain) : plain;
          expect(outcome(() => equals(current, next))).toBe(outcome(() => deepEqual(current, next)));
          current = next;
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("a small tree is told from values with a cycle and from large ones", () => {
    expect(isSmallTree({ name: "w", ip: "10.0.0.1", serviceNames: ["a", "b"] })).toBe(true);
    expect(isSmallTree("leaf")).toBe(true);
    const looped: Record<string, unknown> = { a: 1 };
    looped.self = { back: looped };
    expect(isSmallTree(looped)).toBe(false);
    expect(isSmallTree(Array.from({ length: 40 }, (_, i) => ({ i })))).toBe(false);
    // Shared (not cyclic) parts are walked once per reference, within the same count.
    const shared = { x: 1 };
    expect(isSmallTree({ a: shared, b: shared })).toBe(true);
  });

  it("a learnt path decides an update that differs there, and never decides anything else", () => {
    const before = { metadata: { name: "p" }, status: { phase: "Running", podIP: "10.0.0.1" } };
    const after = { metadata: { name: "p" }, status: { phase: "Running", podIP: "10.0.0.2" } };
    expect(findDifference(before, after)).toEqual(["status", "podIP"]);
    expect(differsAt(before, after, ["status", "podIP"])).toBe(true);
    expect(differsAt(before, { ...before }, ["status", "podIP"])).toBe(false);
    // A Date is compared by its value: its own keys say nothing.
    expect(differsAt(Object.assign(new Date(0), { x: 1 }), Object.assign(new Date(0), { x: 2 }), ["x"])).toBe(false);
    // Extra array properties are not compared by fast-deep-equal.
    expect(differsAt(Object.assign([1], { x: 1 }), Object.assign([1], { x: 2 }), ["x"])).toBe(false);
    expect(differsAt({ a: Number.NaN }, { a: Number.NaN }, ["a"])).toBe(false);
    expect(differsAt({ a: 0 }, { a: -0 }, ["a"])).toBe(false);
    // Inherited keys are not the item's data: fast-deep-equal never reads them.
    expect(differsAt(Object.create({ a: 1 }) as object, Object.create({ a: 2 }) as object, ["a"])).toBe(false);
  });

  it("outside plain data, a non-enumerable own key may make items count as changed, never as unchanged", () => {
    // fast-deep-equal skips such a key and calls the items equal; the shortcut reads
    // it, so the change is over-reported (an extra event), which loses nothing.
    const hidden = (v: number) => Object.defineProperty({ ip: "10.0.0.1" }, "n", { value: v, enumerable: false });
    const equals = adaptiveEqual();
    expect(equals({ ip: "a", n: 1 }, { ip: "a", n: 2 })).toBe(false); // learns the path ["n"]
    expect(fastDeepEqual(hidden(1), hidden(2))).toBe(true);
    expect(equals(hidden(1), hidden(2))).toBe(false);
    expect(equals(hidden(1), hidden(1))).toBe(true);
  });
});

describe("compiled path checks", () => {
  /** Paths over the keys the values use, and indexes. */
  const path = fc.array(fc.oneof(keyName, fc.nat(3)), { minLength: 1, maxLength: 4 });

  it("answer exactly as the walk does, on any pair of values and any path", () => {
    fc.assert(
      fc.property(value, value, path, (a, b, p) => {
        const check = compilePathCheck(p)!;
        expect(check(a, b)).toBe(differsAt(a, b, p));
        expect(check(b, a)).toBe(differsAt(b, a, p));
      }),
      { numRuns: RUNS },
    );
  });

  it("read hostile keys as data: quotes, backslashes, line separators, __proto__ and Object.prototype's names", () => {
    const keys = ["__proto__", 'a"b', "a'b", "\\", "\u2028", "${x}", "`", "constructor", "toString", "hasOwnProperty", "</script>"];
    for (const k of keys) {
      // JSON.parse makes `__proto__` an own key, as data from a file or the network has it.
      const a = JSON.parse(JSON.stringify({ [k]: { v: "1" } })) as unknown;
      const b = JSON.parse(JSON.stringify({ [k]: { v: "2" } })) as unknown;
      const check = compilePathCheck([k, "v"])!;
      // An own `toString` is compared by fast-deep-equal by calling it: no answer there.
      expect(check(a, b)).toBe(k !== "toString");
      expect(check(a, b)).toBe(differsAt(a, b, [k, "v"]));
      expect(check(a, JSON.parse(JSON.stringify({ [k]: { v: "1" } })))).toBe(false);
      expect(check(a, {})).toBe(differsAt(a, {}, [k, "v"]));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("read no inherited keys: objects whose prototype is not Object.prototype decide nothing", () => {
    // fast-deep-equal calls these pairs equal (no own keys, or equal own keys); a check
    // that read `a` through the prototype would call them unequal.
    const check = compilePathCheck(["a"])!;
    const inherited = [Object.create({ a: 1 }) as object, Object.create({ a: 2 }) as object];
    expect(fastDeepEqual(inherited[0], inherited[1])).toBe(true);
    expect(check(inherited[0], inherited[1])).toBe(false);
    class Holder {
      constructor(readonly a: number) {}
    }
    expect(check(new Holder(1), new Holder(2))).toBe(false);
    expect(check(Object.assign(Object.create(null) as object, { a: 1 }), Object.assign(Object.create(null) as object, { a: 2 }))).toBe(false);
    expect(check({ a: 1 }, { a: 2 })).toBe(true);
  });

  it("a path that keeps deciding is compiled and still decides the same way", () => {
    const equals = adaptiveEqual(false, 2);
    for (let i = 0; i < 10; i++) expect(equals({ status: { podIP: `10.0.0.${i}` } }, { status: { podIP: `10.0.1.${i}` } })).toBe(false);
    expect(equals({ status: { podIP: "x" } }, { status: { podIP: "x" } })).toBe(true);
    expect(equals({ status: { podIP: "x" }, other: 1 }, { status: { podIP: "x" }, other: 2 })).toBe(false);
  });
});
