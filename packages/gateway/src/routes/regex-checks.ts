/**
 * The regular expressions of an HTTPRoute or GRPCRoute rule, checked with RE2 before
 * they are translated. Envoy and gRPC clients compile every regex of a
 * RouteConfiguration with RE2 and NACK the whole configuration when one fails, which
 * would freeze every route of the proxy; a rule with such a regex is left out instead
 * and reported on the route's status (see rule-checks.ts).
 */
import { re2Problem } from "@weft/api";
import { records } from "../model/lists.js";
import type { RouteRule } from "./http-rules.js";
import { ruleLabel, type RuleProblem } from "./rule-problem.js";

type Candidate = { field: string; type: string | undefined; value: unknown };

function candidates(rule: RouteRule, ruleIndex: number): Candidate[] {
  const out: Candidate[] = [];
  for (const [j, m] of records<object>(rule.matches as readonly object[] | undefined).entries()) {
    const at = `spec.rules[${ruleIndex}].matches[${j}]`;
    if (rule.kind === "HTTPRoute") {
      const path = (m as { path?: { type?: string; value?: string } }).path;
      if (path !== undefined) out.push({ field: `${at}.path.value`, type: path.type, value: path.value });
      for (const [k, q] of records((m as { queryParams?: { type?: string; value?: string }[] }).queryParams).entries()) out.push({ field: `${at}.queryParams[${k}].value`, type: q.type, value: q.value });
    } else {
      const method = (m as { method?: { type?: string; service?: string; method?: string } }).method;
      if (method !== undefined) {
        out.push({ field: `${at}.method.service`, type: method.type, value: method.service });
        out.push({ field: `${at}.method.method`, type: method.type, value: method.method });
      }
    }
    for (const [k, h] of records((m as { headers?: { type?: string; value?: string }[] }).headers).entries()) out.push({ field: `${at}.headers[${k}].value`, type: h.type, value: h.value });
  }
  return out;
}

/** The first regex of the rule RE2 rejects, or undefined when all compile. */
export function ruleRegexProblem(rule: RouteRule, ruleIndex: number): RuleProblem | undefined {
  for (const c of candidates(rule, ruleIndex)) {
    if (c.type !== "RegularExpression" || typeof c.value !== "string") continue;
    // Istio reads a header or query regex of `*` as "present" and sends no regex for it.
    if (c.value === "*" && !c.field.endsWith(".path.value") && !c.field.includes(".method.")) continue;
    const problem = re2Problem(c.value);
    if (problem !== undefined) {
      return { field: c.field, message: `${ruleLabel(rule, ruleIndex)}: ${c.field}: ${JSON.stringify(c.value)} is not a valid RE2 regular expression (${problem}); the rule is not programmed` };
    }
  }
  return undefined;
}
