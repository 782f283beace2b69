import { describe, expect, it } from "vitest";
import { ruleRegexProblem } from "./regex-checks.js";
import { translateWithRule } from "./rule-check-support.js";

const translated = (matches: unknown[]) => translateWithRule({ matches });

describe("regular expressions RE2 rejects", () => {
  it("a path regex with a lookahead is reported as UnsupportedValue naming the rule and field, and its rule is not emitted", () => {
    const { accepted, routeNames } = translated([{ path: { type: "RegularExpression", value: "/a(?=b)" } }]);
    expect(accepted).toMatchObject({ status: "False", reason: "UnsupportedValue" });
    expect(accepted.message).toContain('rule 1 ("bad")');
    expect(accepted.message).toContain("spec.rules[1].matches[0].path.value");
    expect(routeNames).toEqual(["apps.r.0"]);
  });

  it("a header regex with a backreference is reported on the header's field", () => {
    const { accepted, routeNames } = translated([{ headers: [{ name: "x", value: "1" }, { type: "RegularExpression", name: "y", value: "(a)\\1" }] }]);
    expect(accepted.message).toContain("spec.rules[1].matches[0].headers[1].value");
    expect(routeNames).not.toContain("bad");
  });

  it("a query parameter regex is checked too", () => {
    expect(translated([{ queryParams: [{ type: "RegularExpression", name: "q", value: "[" }] }]).accepted.message).toContain("spec.rules[1].matches[0].queryParams[0].value");
  });

  it("valid regexes, and exact values that only look like bad regexes, are accepted and emitted", () => {
    const { accepted, routeNames } = translated([{ path: { type: "RegularExpression", value: "/v[0-9]+/.*" }, headers: [{ name: "x", value: "(?=" }] }]);
    expect(accepted).toMatchObject({ status: "True", reason: "Accepted" });
    expect(routeNames).toContain("bad");
  });

  it("a header regex of `*` means present (as Istio reads it) and is not reported; a path regex of `*` is", () => {
    expect(ruleRegexProblem({ kind: "HTTPRoute", matches: [{ headers: [{ type: "RegularExpression", name: "x", value: "*" }] }] }, 0)).toBeUndefined();
    expect(ruleRegexProblem({ kind: "HTTPRoute", matches: [{ path: { type: "RegularExpression", value: "*" } }] }, 0)?.field).toBe("spec.rules[0].matches[0].path.value");
  });

  it("GRPCRoute method regexes are checked per part", () => {
    expect(ruleRegexProblem({ kind: "GRPCRoute", matches: [{ method: { type: "RegularExpression", service: "ok.*", method: "(?!x)" } }] }, 2)?.field).toBe("spec.rules[2].matches[0].method.method");
    expect(ruleRegexProblem({ kind: "GRPCRoute", matches: [{ method: { type: "RegularExpression", service: "ok.*" } }] }, 0)).toBeUndefined();
  });
});
