import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_PATH_VALUE_LENGTH, pathMatchProblem, rulePathProblem } from "./path-checks.js";
import { translateWithRule } from "./rule-check-support.js";

const translated = (path: unknown) => translateWithRule({ matches: [{ path }] });

describe("path matches the HTTPRoute CRD refuses", () => {
  it("a PathPrefix that is not an absolute path is reported as UnsupportedValue on the rule's path, and its rule is not emitted", () => {
    const { accepted, routeNames } = translated({ type: "PathPrefix", value: "(?<" });
    expect(accepted).toMatchObject({ status: "False", reason: "UnsupportedValue" });
    expect(accepted.message).toContain('rule 1 ("bad"): spec.rules[1].matches[0].path');
    expect(accepted.message).toContain("must be an absolute path");
    expect(routeNames).toEqual(["apps.r.0"]);
  });

  it("an absent type is the CRD's default, PathPrefix", () => {
    expect(translated({ value: "relative" }).accepted.reason).toBe("UnsupportedValue");
    expect(translated({ value: "/fine" }).accepted.reason).toBe("Accepted");
  });

  it.each([
    ["Exact", "/a//b", "must not contain '//'"],
    ["PathPrefix", "/a/./b", "must not contain '/./'"],
    ["PathPrefix", "/a/../b", "must not contain '/../'"],
    ["Exact", "/a%2fb", "must not contain '%2f'"],
    ["Exact", "/a%2Fb", "must not contain '%2F'"],
    ["PathPrefix", "/a#b", "must not contain '#'"],
    ["PathPrefix", "/a/..", "must not end with '/..'"],
    ["Exact", "/a/.", "must not end with '/.'"],
    ["PathPrefix", "/a?b", "must contain only URI path characters"],
    ["PathPrefix", "/a b", "must contain only URI path characters"],
    ["Exact", "/a%zz", "must contain only URI path characters"],
    ["Prefix", "/a", "must be one of Exact, PathPrefix, RegularExpression"],
  ])("%s %j is refused: %s", (type, value, reason) => {
    expect(pathMatchProblem(type, value)).toContain(reason);
  });

  it("values longer than the CRD's 1,024 characters are refused, of any type; a regex is otherwise left to the RE2 check", () => {
    expect(pathMatchProblem("RegularExpression", "/" + "h".repeat(MAX_PATH_VALUE_LENGTH))).toContain("more than 1024");
    expect(pathMatchProblem("PathPrefix", "/" + "h".repeat(MAX_PATH_VALUE_LENGTH - 1))).toBeUndefined();
    expect(pathMatchProblem("RegularExpression", "(?<")).toBeUndefined();
  });

  it("values the CRD accepts pass: percent-escapes, sub-delimiters, a trailing slash, dots inside segments", () => {
    for (const value of ["/", "/a/", "/a%20b", "/a.b/c..d", "/~user/!$&'()*+,;=:@", "/v1/.well-known"]) expect(pathMatchProblem("PathPrefix", value), value).toBeUndefined();
  });

  it("whatever a PathPrefix or Exact value is, it is refused or it is one Envoy accepts as a segment prefix", () => {
    const envoyPrefix = /^[^?#]+[^?#/]$/;
    fc.assert(
      fc.property(fc.constantFrom("Exact", "PathPrefix"), fc.string({ unit: fc.constantFrom("/", "a", ".", "%", "2", "f", "?", "#", " ", "é") }), (type, value) => {
        if (pathMatchProblem(type, value) !== undefined) return;
        const trimmed = value.endsWith("/") ? value.slice(0, -1) : value;
        expect(trimmed === "" || envoyPrefix.test(trimmed)).toBe(true);
      }),
    );
  });

  it("GRPCRoute rules have no path to check", () => {
    expect(rulePathProblem({ kind: "GRPCRoute", matches: [{ path: { value: "x" } }] } as never, 0)).toBeUndefined();
  });
});
