/**
 * One HTTPRoute rule to Istio HTTP routes: one per match (Istio's sort looks only at
 * the first match, so each gets its own route), or one without a match. The route
 * name is the rule's name, else `<namespace>.<route>.<rule index>`.
 */
import { items, records } from "../model/lists.js";
import type { HTTPRoute as IstioHTTPRoute, RouteDestination } from "../model/istio.js";
import type { GRPCRouteRule, HTTPRouteRule } from "../model/resources.js";
import { parseDuration, protoDuration } from "./durations.js";
import { applyFilter, type MirrorResolver } from "./http-filters.js";
import { grpcMatch, istioMatch } from "./http-matches.js";

/** Envoy retry conditions Istio sets for every Gateway API retry policy. */
const RETRY_ON = "connect-failure,refused-stream,unavailable,cancelled";

/** An HTTPRoute or GRPCRoute rule; only matches differ, plus HTTP's timeouts and retries. */
export type RouteRule = ({ kind: "HTTPRoute" } & HTTPRouteRule) | ({ kind: "GRPCRoute" } & GRPCRouteRule);

/** The route a rule belongs to, as converting the rule needs it. */
export interface RuleContext {
  routeName: string;
  namespace: string;
  domainSuffix: string;
  /** Resolves a RequestMirror filter's backend; without it, mirrors are dropped. */
  resolveMirror?: MirrorResolver;
}

/**
 * `destinations` undefined means the rule's backends carry no weight at all: without
 * a redirect, such a rule answers 500 (there is nowhere to send the request).
 */
export function convertRule(rule: RouteRule, index: number, destinations: RouteDestination[] | undefined, route: RuleContext): IstioHTTPRoute[] {
  const { routeName, namespace: ns, domainSuffix, resolveMirror } = route;
  const base: IstioHTTPRoute = { name: rule.name ?? `${ns}.${routeName}.${index}` };
  for (const f of records(rule.filters)) applyFilter(base, f, ns, domainSuffix, resolveMirror);
  if (base.redirect === undefined) {
    if (destinations === undefined) base.directResponse = { status: 500 };
    else if (destinations.length > 0) base.route = destinations;
  }
  if (rule.kind === "GRPCRoute") {
    const matches = records(rule.matches);
    return matches.length === 0 ? [base] : matches.map((m) => ({ ...base, match: [grpcMatch(m)] }));
  }
  const timeout = parseDuration(rule.timeouts?.backendRequest ?? rule.timeouts?.request ?? "");
  if (timeout !== undefined && timeout > 0) base.timeout = protoDuration(timeout);
  if (rule.retry !== undefined) {
    const backoff = parseDuration(rule.retry.backoff ?? "");
    base.retries = {
      attempts: rule.retry.attempts ?? 2,
      retryOn: [RETRY_ON, ...items(rule.retry.codes).map(String)].join(","),
      ...(backoff === undefined ? {} : { backoff: protoDuration(backoff) }),
    };
  }
  const matches = records(rule.matches);
  if (matches.length === 0) return [base];
  return matches.map((m) => ({ ...base, match: [istioMatch(m)] }));
}
