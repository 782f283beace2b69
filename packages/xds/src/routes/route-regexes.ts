/**
 * The regular expressions of a built route, by field: Envoy and gRPC compile each with
 * RE2 and NACK the whole RouteConfiguration when one fails, so a route carrying a bad
 * one is left out (and reported) instead. The Gateway API translator rejects such rules
 * first; this covers VirtualServices written by hand.
 */
import { re2Problem } from "@weft/api";
import type { RouteInit } from "./http-routes.js";

type Found = { field: string; regex: string };

function stringMatcherRegex(sm: { matchPattern?: { case?: string; value?: unknown } } | undefined): string | undefined {
  return sm?.matchPattern?.case === "safeRegex" ? ((sm.matchPattern.value as { regex?: string }).regex ?? "") : undefined;
}

function regexes(route: RouteInit): Found[] {
  const out: Found[] = [];
  const path = route.match?.pathSpecifier;
  if (path?.case === "safeRegex") out.push({ field: "match.safe_regex", regex: path.value.regex ?? "" });
  for (const [i, h] of (route.match?.headers ?? []).entries()) {
    const spec = h.headerMatchSpecifier;
    if (spec?.case === "safeRegexMatch") out.push({ field: `match.headers[${i}].safe_regex_match`, regex: spec.value.regex ?? "" });
    if (spec?.case === "stringMatch") {
      const regex = stringMatcherRegex(spec.value);
      if (regex !== undefined) out.push({ field: `match.headers[${i}].string_match.safe_regex`, regex });
    }
  }
  for (const [i, q] of (route.match?.queryParameters ?? []).entries()) {
    const spec = q.queryParameterMatchSpecifier;
    const regex = spec?.case === "stringMatch" ? stringMatcherRegex(spec.value) : undefined;
    if (regex !== undefined) out.push({ field: `match.query_parameters[${i}].string_match.safe_regex`, regex });
  }
  if (route.action?.case === "route" && route.action.value.regexRewrite !== undefined) out.push({ field: "route.regex_rewrite.pattern", regex: route.action.value.regexRewrite.pattern?.regex ?? "" });
  return out;
}

/** The first regex of the route RE2 rejects, as `<field>: "<regex>" ... (<why>)`, or undefined. */
export function invalidRouteRegex(route: RouteInit): string | undefined {
  for (const { field, regex } of regexes(route)) {
    const problem = re2Problem(regex);
    if (problem !== undefined) return `${field}: ${JSON.stringify(regex)} is not a valid RE2 regular expression (${problem})`;
  }
  return undefined;
}
