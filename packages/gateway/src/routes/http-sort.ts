/**
 * Gateway API precedence among the HTTP routes of one VirtualService. The sort is
 * stable (routes arrive ordered by route age, namespace, name and rule order) and
 * looks at each route's first match: routes without a match go last; then Exact
 * before PathPrefix before RegularExpression paths, longer paths first, a method
 * match first, more header matches first, more query matches first.
 */
import type { HTTPMatchRequest, HTTPRoute } from "../model/istio.js";

function uriRank(m: HTTPMatchRequest): number {
  const uri = m.uri;
  if (uri === undefined) return -1;
  if ("exact" in uri) return 3;
  if ("prefix" in uri) return 2;
  return 1;
}

function uriLength(m: HTTPMatchRequest): number {
  const uri = m.uri;
  if (uri === undefined) return 0;
  // The translator sets exactly one of them.
  return (uri.exact ?? uri.prefix ?? uri.regex ?? "").length;
}

const count = (o: object | undefined) => (o === undefined ? 0 : Object.keys(o).length);

/** Negative when `a` takes precedence over `b`. */
export function comparePrecedence(a: HTTPRoute, b: HTTPRoute): number {
  const ma = a.match?.[0];
  const mb = b.match?.[0];
  if (ma === undefined || mb === undefined) return ma === mb ? 0 : ma === undefined ? 1 : -1;
  return (
    uriRank(mb) - uriRank(ma) ||
    uriLength(mb) - uriLength(ma) ||
    Number(mb.method !== undefined) - Number(ma.method !== undefined) ||
    count(mb.headers) - count(ma.headers) ||
    count(mb.queryParams) - count(ma.queryParams)
  );
}

/** A precedence-sorted copy; Array.prototype.sort is stable. */
export function sortByPrecedence(routes: readonly HTTPRoute[]): HTTPRoute[] {
  return [...routes].sort(comparePrecedence);
}
