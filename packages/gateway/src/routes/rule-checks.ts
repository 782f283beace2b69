/**
 * The values of an HTTPRoute or GRPCRoute rule that Weft refuses to program: a path the
 * HTTPRoute CRD's validation would refuse (see path-checks.ts), a string field outside its
 * CRD's length and pattern limits (field-limits.ts) and a regex RE2 rejects (see
 * regex-checks.ts). Any of them would reach Envoy or a gRPC client as a RouteConfiguration it
 * NACKs whole, freezing every other route of the proxy; the rule is left out instead and the
 * route reports the first problem as Accepted=False, UnsupportedValue.
 */
import { ruleFieldProblem } from "./field-limits.js";
import { rulePathProblem } from "./path-checks.js";
import { ruleRegexProblem } from "./regex-checks.js";
import type { RouteRule } from "./http-rules.js";
import type { RuleProblem } from "./rule-problem.js";

/** The first value of the rule that cannot be programmed, or undefined when there is none. */
export function ruleProblem(rule: RouteRule, ruleIndex: number): RuleProblem | undefined {
  return rulePathProblem(rule, ruleIndex) ?? ruleFieldProblem(rule, ruleIndex) ?? ruleRegexProblem(rule, ruleIndex);
}
