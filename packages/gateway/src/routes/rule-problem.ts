/**
 * What the rule checks (see rule-checks.ts) report: the field and a message naming the rule.
 */
import type { RouteRule } from "./http-rules.js";

export interface RuleProblem {
  /** The field, as a path into the route: `spec.rules[1].matches[0].headers[2].value`. */
  field: string;
  message: string;
}

/** `rule 1 ("name")`: how a problem's message names its rule. */
export function ruleLabel(rule: RouteRule, ruleIndex: number): string {
  return rule.name === undefined ? `rule ${ruleIndex}` : `rule ${ruleIndex} (${JSON.stringify(rule.name)})`;
}
