/**
 * HTTPRoute matches to Istio match requests. Path types map to exact, prefix and
 * regex URI matches (a path defaults to PathPrefix "/"); header and query matches
 * to exact or regex matches by name; a method to an exact match.
 */
import type { HTTPMatchRequest, StringMatch } from "../model/istio.js";
import type { GRPCRouteMatch, HTTPRouteMatch } from "../model/resources.js";

type StringMatchSpec = { type?: string | undefined; name: string; value: string };

function stringMatch(type: string | undefined, value: string): StringMatch {
  return type === "RegularExpression" ? { regex: value } : { exact: value };
}

function byName(specs: readonly StringMatchSpec[] | undefined): Record<string, StringMatch> | undefined {
  if (specs === undefined || specs.length === 0) return undefined;
  // Defined, not assigned: a header or query parameter named `__proto__` must stay a key
  // of the output (assignment would set the map's prototype and lose the match).
  const out: Record<string, StringMatch> = {};
  for (const s of specs) Object.defineProperty(out, s.name, { value: stringMatch(s.type, s.value), enumerable: true, writable: true, configurable: true });
  return out;
}

export function istioMatch(m: HTTPRouteMatch): HTTPMatchRequest {
  const out: HTTPMatchRequest = {};
  if (m.path !== undefined) {
    const value = m.path.value ?? "/";
    out.uri = m.path.type === "Exact" ? { exact: value } : m.path.type === "RegularExpression" ? { regex: value } : { prefix: value };
  }
  const headers = byName(m.headers);
  if (headers !== undefined) out.headers = headers;
  const query = byName(m.queryParams);
  if (query !== undefined) out.queryParams = query;
  if (m.method !== undefined) out.method = { exact: m.method };
  return out;
}

/**
 * A GRPCRoute match: gRPC calls are HTTP/2 requests to `/<service>/<method>`, so a
 * method match becomes a URI match: service only, a prefix; both, an exact path;
 * method only or regular expressions, a regex.
 */
export function grpcMatch(m: GRPCRouteMatch): HTTPMatchRequest {
  const out: HTTPMatchRequest = {};
  const method = m.method;
  if (method !== undefined && (method.service !== undefined || method.method !== undefined)) {
    if (method.type === "RegularExpression") out.uri = { regex: `/${method.service ?? "[^/]+"}/${method.method ?? "[^/]+"}` };
    else if (method.method === undefined) out.uri = { prefix: `/${method.service}/` };
    else if (method.service === undefined) out.uri = { regex: `/[^/]+/${method.method}` };
    else out.uri = { exact: `/${method.service}/${method.method}` };
  }
  const headers = byName(m.headers);
  if (headers !== undefined) out.headers = headers;
  return out;
}
