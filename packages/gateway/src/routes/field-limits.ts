/**
 * The string fields of an HTTPRoute or GRPCRoute rule that reach a RouteConfiguration,
 * checked against the limits their CRDs put on them (gateway.networking.k8s.io_httproutes
 * and _grpcroutes, v1: minLength, maxLength, pattern). An API server refuses a route that
 * breaks one; without it (a file, a cache filled by hand) the value would reach Envoy,
 * which refuses, for instance, an empty header matcher name or a header to add longer than
 * 16 KiB, and with it the whole RouteConfiguration.
 */
import { CORS_ORIGIN, GRPC_METHOD, GRPC_PATTERN_FREE, GRPC_SERVICE, HEADER_NAME, HEADER_VALUE, limitProblem, PATH_MODIFIER, PRECISE_HOSTNAME, QUERY_VALUE, type Limit } from "../model/crd-limits.js";
import { items, records } from "../model/lists.js";
import type { RouteRule } from "./http-rules.js";
import { ruleLabel, type RuleProblem } from "./rule-problem.js";

type Field = [field: string, value: unknown, limit: Limit];

function headerEntries(at: string, list: unknown, value: Limit, out: Field[]): void {
  for (const [k, h] of records<{ name?: unknown; value?: unknown }>(list as readonly { name?: unknown; value?: unknown }[] | undefined).entries()) {
    out.push([`${at}[${k}].name`, h.name, HEADER_NAME], [`${at}[${k}].value`, h.value, value]);
  }
}

type Filter = Record<string, Record<string, unknown> | undefined>;

function filterFields(at: string, filters: unknown, out: Field[]): void {
  for (const [f, filter] of records<Filter>(filters as readonly Filter[] | undefined).entries()) {
    const here = `${at}[${f}]`;
    for (const modifier of ["requestHeaderModifier", "responseHeaderModifier"] as const) {
      const m = filter[modifier];
      if (m === undefined || m === null) continue;
      headerEntries(`${here}.${modifier}.set`, m.set, HEADER_VALUE, out);
      headerEntries(`${here}.${modifier}.add`, m.add, HEADER_VALUE, out);
      // The CRD leaves remove's items unconstrained; Envoy refuses an empty or malformed name there.
      for (const [r, name] of items<unknown>(m.remove as readonly unknown[] | undefined).entries()) out.push([`${here}.${modifier}.remove[${r}]`, name, HEADER_NAME]);
    }
    for (const rewrite of ["requestRedirect", "urlRewrite"] as const) {
      const w = filter[rewrite];
      if (w === undefined || w === null) continue;
      out.push([`${here}.${rewrite}.hostname`, w.hostname, PRECISE_HOSTNAME]);
      const path = w.path as Record<string, unknown> | undefined | null;
      if (path !== undefined && path !== null) {
        out.push([`${here}.${rewrite}.path.replaceFullPath`, path.replaceFullPath, PATH_MODIFIER], [`${here}.${rewrite}.path.replacePrefixMatch`, path.replacePrefixMatch, PATH_MODIFIER]);
      }
    }
    const cors = filter.cors;
    if (cors !== undefined && cors !== null) {
      for (const [list, limit] of [["allowOrigins", CORS_ORIGIN], ["allowHeaders", HEADER_NAME], ["exposeHeaders", HEADER_NAME]] as const) {
        for (const [i, v] of items<unknown>(cors[list] as readonly unknown[] | undefined).entries()) out.push([`${here}.cors.${list}[${i}]`, v, limit]);
      }
    }
  }
}

function ruleFields(rule: RouteRule, ruleIndex: number): Field[] {
  const out: Field[] = [];
  const at = `spec.rules[${ruleIndex}]`;
  for (const [j, m] of records<Record<string, unknown>>(rule.matches as readonly Record<string, unknown>[] | undefined).entries()) {
    const match = `${at}.matches[${j}]`;
    headerEntries(`${match}.headers`, m.headers, HEADER_VALUE, out);
    if (rule.kind === "HTTPRoute") {
      headerEntries(`${match}.queryParams`, m.queryParams, QUERY_VALUE, out);
    } else {
      const method = m.method as { type?: unknown; service?: unknown; method?: unknown } | undefined | null;
      if (method !== undefined && method !== null) {
        const exact = method.type === undefined || method.type === "Exact";
        out.push([`${match}.method.service`, method.service, exact ? GRPC_SERVICE : GRPC_PATTERN_FREE], [`${match}.method.method`, method.method, exact ? GRPC_METHOD : GRPC_PATTERN_FREE]);
      }
    }
  }
  filterFields(`${at}.filters`, rule.filters, out);
  for (const [b, ref] of records<{ filters?: unknown }>(rule.backendRefs as readonly { filters?: unknown }[] | undefined).entries()) filterFields(`${at}.backendRefs[${b}].filters`, ref.filters, out);
  return out;
}

/** The first string field of the rule outside its CRD's limits, or undefined. */
export function ruleFieldProblem(rule: RouteRule, ruleIndex: number): RuleProblem | undefined {
  for (const [field, value, limit] of ruleFields(rule, ruleIndex)) {
    const problem = limitProblem(value, limit);
    if (problem !== undefined) return { field, message: `${ruleLabel(rule, ruleIndex)}: ${field} ${problem}; the rule is not programmed` };
  }
  return undefined;
}
