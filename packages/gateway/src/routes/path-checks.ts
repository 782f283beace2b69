/**
 * HTTPRoute path matches checked as the HTTPRoute CRD's validation checks them
 * (gateway.networking.k8s.io_httproutes.yaml, HTTPPathMatch: maxLength 1024, a type of
 * Exact, PathPrefix or RegularExpression, and for Exact and PathPrefix an absolute path of
 * URI path characters without `//`, `/./`, `/../`, `%2f`, `#` or a trailing `/.` or `/..`).
 * A cluster's API server refuses such a route before Istio sees it; a file given to
 * `weft translate`, or a cache filled without the CRD, does not, and the value would become
 * a path specifier Envoy rejects (`path_separated_prefix` must match `^[^?#]+[^?#/]$`).
 */
import { records } from "../model/lists.js";
import type { RouteRule } from "./http-rules.js";
import { ruleLabel, type RuleProblem } from "./rule-problem.js";

/** The CRD's maxLength of a path match value. */
export const MAX_PATH_VALUE_LENGTH = 1024;
const PATH_TYPES = new Set(["Exact", "PathPrefix", "RegularExpression"]);
/** The CRD's character rule for Exact and PathPrefix values: RFC 3986 path characters and percent-escapes. */
const PATH_CHARACTERS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;
const FORBIDDEN_PARTS = ["//", "/./", "/../", "%2f", "%2F", "#"] as const;
const FORBIDDEN_ENDINGS = ["/..", "/."] as const;

/** Why the CRD would refuse this path match, or undefined when it accepts it. Absent type and value take the CRD's defaults (PathPrefix, `/`). */
export function pathMatchProblem(type: unknown, value: unknown): string | undefined {
  const kind = type ?? "PathPrefix";
  if (typeof kind !== "string" || !PATH_TYPES.has(kind)) return `type ${JSON.stringify(kind)} must be one of Exact, PathPrefix, RegularExpression`;
  const path = value ?? "/";
  if (typeof path !== "string") return "the value must be a string";
  if (path.length > MAX_PATH_VALUE_LENGTH) return `the value is ${path.length} characters long, more than ${MAX_PATH_VALUE_LENGTH}`;
  if (kind === "RegularExpression") return undefined;
  // Plain loops and a late JSON.stringify: this runs for every path of every rule converted.
  if (!path.startsWith("/")) return `${JSON.stringify(path)} must be an absolute path and start with '/' when type is ${kind}`;
  for (const part of FORBIDDEN_PARTS) if (path.includes(part)) return `${JSON.stringify(path)} must not contain '${part}' when type is ${kind}`;
  for (const ending of FORBIDDEN_ENDINGS) if (path.endsWith(ending)) return `${JSON.stringify(path)} must not end with '${ending}' when type is ${kind}`;
  if (!PATH_CHARACTERS.test(path)) return `${JSON.stringify(path)} must contain only URI path characters and percent-escapes when type is ${kind}`;
  return undefined;
}

/** The first path match of an HTTPRoute rule the CRD would refuse (GRPCRoute rules have no path). */
export function rulePathProblem(rule: RouteRule, ruleIndex: number): RuleProblem | undefined {
  if (rule.kind !== "HTTPRoute") return undefined;
  const matches = records<object>(rule.matches as readonly object[] | undefined);
  for (let j = 0; j < matches.length; j++) {
    const path = (matches[j] as { path?: { type?: unknown; value?: unknown } }).path;
    if (path === undefined || path === null) continue;
    const problem = pathMatchProblem(path.type, path.value);
    if (problem === undefined) continue;
    const field = `spec.rules[${ruleIndex}].matches[${j}].path`;
    return { field, message: `${ruleLabel(rule, ruleIndex)}: ${field}: ${problem}; the rule is not programmed` };
  }
  return undefined;
}
