import { describe, expect, it } from "vitest";
import { z } from "zod";
import { record, stringMap } from "./schema-kit.js";

describe("maps keyed by input", () => {
  it("a map keyed by input keeps __proto__, constructor and prototype as own keys and never changes a prototype", () => {
    const input = JSON.parse('{"__proto__": {"exact": "x"}, "constructor": {"exact": "y"}, "prototype": {"exact": "z"}}');
    const out = record(z.object({ exact: z.string() })).parse(input);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__", "constructor", "prototype"]);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ exact: "x" });
    expect((out as Record<string, unknown>).exact).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("exact");
  });

  it("reports each bad value under its key, and anything but a mapping as the wrong type", () => {
    const bad = stringMap.safeParse(JSON.parse('{"a": "ok", "__proto__": 1}'), { reportInput: true });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path, i.code])).toEqual([[["__proto__"], "invalid_type"]]);
    expect(stringMap.safeParse([]).success).toBe(false);
    expect(stringMap.safeParse(null).success).toBe(false);
  });
});
