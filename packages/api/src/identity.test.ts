import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareStrings, namespacedKey, namespaceOf } from "./identity.js";

describe("object identity", () => {
  it("an object without a namespace is in the default namespace; an empty one stays empty", () => {
    expect(namespaceOf({ metadata: {} })).toBe("default");
    expect(namespaceOf({ metadata: { namespace: "apps" } })).toBe("apps");
    expect(namespaceOf({ metadata: { namespace: "" } })).toBe("");
  });

  it("a namespaced key is namespace/name with the namespace defaulted", () => {
    expect(namespacedKey({ metadata: { name: "web" } })).toBe("default/web");
    expect(namespacedKey({ metadata: { name: "web", namespace: "apps" } })).toBe("apps/web");
  });

  it("strings are ordered by UTF-16 code units, a total order consistent with equality", () => {
    expect(["b", "B", "a", "é", "Z"].sort(compareStrings)).toEqual(["B", "Z", "a", "b", "é"]);
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(Math.sign(compareStrings(a, b)) + Math.sign(compareStrings(b, a))).toBe(0);
        expect(compareStrings(a, b) === 0).toBe(a === b);
      }),
    );
  });
});
