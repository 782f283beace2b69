/**
 * Helpers for this package's tests: one table-driven check that every kind's schema
 * passes (a valid object parses unchanged, unknown fields survive at every nesting
 * level, a wrong type is reported at its field path).
 */
import { expect, it } from "vitest";
import { formatPath, type FieldPath } from "./errors.js";
import { parseObject } from "./parse-object.js";

/**
 * One kind's test table: a valid object that uses many of the kind's fields, the paths
 * of mappings inside it where an unknown field must be kept, and fields to corrupt with
 * a value of the wrong type.
 */
export interface KindCase {
  readonly object: Record<string, unknown>;
  readonly nested: readonly FieldPath[];
  readonly wrongTypes: readonly { readonly path: FieldPath; readonly value: unknown; readonly message?: RegExp }[];
}

/** Reads the value at a path, or undefined. */
export function getPath(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Sets the value at a path of a (cloned) value; the parents must exist. */
export function setPath(value: unknown, path: FieldPath, next: unknown): void {
  const parent = getPath(value, path.slice(0, -1));
  if (typeof parent !== "object" || parent === null) throw new Error(`no parent at ${formatPath(path)}`);
  (parent as Record<PropertyKey, unknown>)[path[path.length - 1] as PropertyKey] = next;
}

const EXTRA = "x-weft-extra";

/**
 * Defines the three standard tests of a kind, inside the caller's `describe`.
 */
export function checkKind(c: KindCase): void {
  const where = { source: "test.yaml", documentIndex: 0 };

  it("parses a valid object unchanged", () => {
    const result = parseObject(structuredClone(c.object), where);
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (result.ok) expect(result.object).toEqual(c.object);
  });

  it("keeps unknown fields at every level", () => {
    const paths: FieldPath[] = [[], ["metadata"], ...c.nested];
    const input = structuredClone(c.object);
    for (const [i, path] of paths.entries()) {
      if (typeof getPath(input, path) !== "object") throw new Error(`no mapping at ${formatPath(path)}`);
      setPath(input, [...path, EXTRA], { level: i, list: [1, "two", null] });
    }
    const result = parseObject(input, where);
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    for (const [i, path] of paths.entries()) {
      expect(getPath(result.object, [...path, EXTRA]), formatPath(path)).toEqual({ level: i, list: [1, "two", null] });
    }
  });

  for (const { path, value, message } of c.wrongTypes) {
    it(`reports a wrong type at ${formatPath(path)}`, () => {
      const input = structuredClone(c.object);
      setPath(input, path, value);
      const result = parseObject(input, where);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors.map((e) => e.path)).toContain(formatPath(path));
      const error = result.errors.find((e) => e.path === formatPath(path));
      expect(error?.message).toMatch(message ?? /^expected /);
      expect(error?.source).toBe("test.yaml");
    });
  }
}
