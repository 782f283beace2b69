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
});
