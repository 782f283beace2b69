/**
 * The string fields of an HTTPRoute or GRPCRoute rule that reach a RouteConfiguration,
 * checked against the limits their CRDs put on them (gateway.networking.k8s.io_httproutes
 * and _grpcroutes, v1: minLength, maxLength, pattern). An API server refuses a route that
 * breaks one; without it (a file, a cache filled by hand) the value would reach Envoy,
 * which refuses, for instance, an empty header matcher name or a header to add longer than
 * 16 KiB, and with it the whole RouteConfiguration.
 */
import { items, records } from "../model/lists.js";
import type { RouteRule } from "./http-rules.js";
import { ruleLabel, type RuleProblem } from "./rule-checks.js";

interface Limit {
  min?: number;
  max: number;
  pattern?: RegExp;
  /** What the pattern asks for, in words. */
  shape?: string;
}

/** HTTPHeaderName: an RFC 7230 token. */
const HEADER_NAME: Limit = { min: 1, max: 256, pattern: /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/, shape: "an HTTP header name (RFC 7230 token characters)" };
const HEADER_VALUE: Limit = { min: 1, max: 4096 };
const QUERY_VALUE: Limit = { min: 1, max: 1024 };
const PATH_MODIFIER: Limit = { max: 1024 };
const PRECISE_HOSTNAME: Limit = { min: 1, max: 253, pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, shape: "a lower-case DNS name" };
const CORS_ORIGIN: Limit = { min: 1, max: 253, pattern: /(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)/, shape: "`*` or an http(s) origin" };
const GRPC_SERVICE: Limit = { max: 1024, pattern: /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i, shape: "a dotted protobuf service name" };
const GRPC_METHOD: Limit = { max: 1024, pattern: /^[A-Za-z_][A-Za-z_0-9]*$/, shape: "a protobuf method name" };
const GRPC_PATTERN_FREE: Limit = { max: 1024 };

type Field = [field: string, value: unknown, limit: Limit];

/** Why `value` breaks `limit`, or undefined. An absent value is not this check's concern. */
export function limitProblem(value: unknown, limit: Limit): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") return "must be a string";
  if (value.length > limit.max) return `is ${value.length} characters long, more than ${limit.max}`;
  if (limit.min !== undefined && value.length < limit.min) return "must not be empty";
  if (limit.pattern !== undefined && !limit.pattern.test(value)) return `${JSON.stringify(value)} is not ${limit.shape}`;
  return undefined;
}

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
