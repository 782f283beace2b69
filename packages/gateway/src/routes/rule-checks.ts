/**
 * The values of an HTTPRoute or GRPCRoute rule that Weft refuses to program: a path the
 * HTTPRoute CRD's validation would refuse (see path-checks.ts), a string field outside its
 * CRD's length and pattern limits (field-limits.ts) and a regex RE2 rejects (see
 * regex-checks.ts). Either would reach Envoy or a gRPC client as a RouteConfiguration it
 * NACKs whole, freezing every other route of the proxy; the rule is left out instead and the
 * route reports the first problem as Accepted=False, UnsupportedValue.
 */
import { ruleFieldProblem } from "./field-limits.js";
import { rulePathProblem } from "./path-checks.js";
import { ruleRegexProblem } from "./regex-checks.js";
import type { RouteRule } from "./http-rules.js";

export interface RuleProblem {
  /** The field, as a path into the route: `spec.rules[1].matches[0].headers[2].value`. */
  field: string;
  message: string;
}

/** The first value of the rule that cannot be programmed, or undefined when there is none. */
export function ruleProblem(rule: RouteRule, ruleIndex: number): RuleProblem | undefined {
  return rulePathProblem(rule, ruleIndex) ?? ruleFieldProblem(rule, ruleIndex) ?? ruleRegexProblem(rule, ruleIndex);
}

/** `rule 1 ("name")`: how a problem's message names its rule. */
export function ruleLabel(rule: RouteRule, ruleIndex: number): string {
  return rule.name === undefined ? `rule ${ruleIndex}` : `rule ${ruleIndex} (${JSON.stringify(rule.name)})`;
}
