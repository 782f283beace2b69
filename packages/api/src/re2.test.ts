import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { re2FullMatcher, re2Problem, re2Searcher } from "./re2.js";

describe("RE2 checks", () => {
  test("a lookahead, a backreference, a bare star and an unbounded repeat count are not RE2", () => {
    for (const bad of ["a(?=b)", "(?<!x)y", "(a)\\1", "*", "[", "a{1001}"]) expect(re2Problem(bad), bad).toBeDefined();
  });
  test("ordinary patterns, classes and flags compile", () => {
    for (const good of ["/api/.*", "\\d+", "(?i)abc", "[^/]+", "\\p{Greek}", "^$"]) expect(re2Problem(good), good).toBeUndefined();
  });
  test("full matching takes the whole input; searching any part", () => {
    expect(re2FullMatcher("a+")?.("aaa")).toBe(true);
    expect(re2FullMatcher("a+")?.("baaa")).toBe(false);
    expect(re2Searcher("a+")?.("baaa")).toBe(true);
    expect(re2FullMatcher("(?=x)")).toBeUndefined();
  });
  test("a quoted literal always compiles and matches exactly itself", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const quoted = text.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");
        expect(re2Problem(quoted)).toBeUndefined();
        expect(re2FullMatcher(quoted)?.(text)).toBe(true);
      }),
    );
  });
  test("a remembered verdict is the verdict: the same answers on a second ask, past the cache's bound, and for a pattern too long to keep", () => {
    const patterns = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? `(${i}` : `a${i}+`));
    const first = patterns.map(re2Problem);
    expect(patterns.map(re2Problem)).toEqual(first);
    expect(first.filter((v) => v !== undefined)).toHaveLength(1667);
    const long = "(" + "a".repeat(5000);
    expect(re2Problem(long)).toBeDefined();
    expect(re2Problem(long)).toBe(re2Problem(long));
  });
});
