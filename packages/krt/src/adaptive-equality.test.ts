import fc from "fast-check";
import fastDeepEqual from "fast-deep-equal";
import { describe, expect, it } from "vitest";
import { adaptiveEqual, differsAt, findDifference } from "./adaptive-equality.js";
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

describe("adaptive equality", () => {
  it("gives fast-deep-equal's answer on plain data, over sequences of comparisons that teach it paths", () => {
    fc.assert(
      fc.property(value, steps, (first, history) => {
        // Like a collection's item over time: each version is compared with the last.
        const equals = adaptiveEqual();
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
        const equals = adaptiveEqual();
        for (const [a, b] of seq) expect(equals(a, b)).toBe(deepEqual(a, b));
      }),
      { numRuns: RUNS },
    );
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
  });
});
