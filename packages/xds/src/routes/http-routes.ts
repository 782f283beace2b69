/**
 * The Envoy routes of one VirtualService on one port, in the VirtualService's order: a
 * route per match (a route without matches matches everything), stopping at the first
 * route that matches every request since nothing after it could be reached.
 */
import { namespaceOf } from "@weft/api";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { RouteSchema } from "../gen/envoy/config/route/v3/route_components_pb.js";
import type { HTTPMatchInput, HTTPRouteInput, VirtualServiceInput } from "../model.js";
import { headerMutations } from "./headers.js";
import { directResponseAction, redirectAction } from "./redirect.js";
import { applyRouteAction } from "./route-action.js";
import type { RouteContext } from "./route-context.js";
import { isCatchAll, translateRouteMatch } from "./route-match.js";
import { ownValue } from "../records.js";
import { invalidRouteRegex } from "./route-regexes.js";

export type RouteInit = MessageInitShape<typeof RouteSchema>;

export const ROUTE_SEMANTICS_ANNOTATION = "internal.istio.io/route-semantics";

export function usesGatewaySemantics(vs: VirtualServiceInput): boolean {
  return ownValue(vs.metadata.annotations, ROUTE_SEMANTICS_ANNOTATION) === "gateway";
}

/** A match applies when its port (if any) is this one and its gateways (if any) include one of ours. */
function matchApplies(match: HTTPMatchInput, gatewayNames: ReadonlySet<string>, listenPort: number): boolean {
  if (match.port !== undefined && match.port !== 0 && match.port !== listenPort) return false;
  const gateways = match.gateways ?? [];
  return gateways.length === 0 || gateways.some((g) => gatewayNames.has(g));
}

/**
 * What a proxyless gRPC client cannot do with a route: it has no redirects or direct
 * responses (gRFC A28 lists only the route action; some clients accept the route and
 * fail every call matching it), and skips routes that match query parameters.
 */
function grpcLimits(route: RouteInit): string | undefined {
  if (route.action?.case === "redirect") return "gRPC clients cannot follow a redirect: calls matching this route fail";
  if (route.action?.case === "directResponse") return "gRPC clients cannot answer with a direct response: calls matching this route fail";
  if ((route.match?.queryParameters?.length ?? 0) > 0) return "gRPC clients skip routes that match query parameters: calls go to the next matching route";
  return undefined;
}

function translateRoute(route: HTTPRouteInput, matchIndex: number, ctx: RouteContext, where: string): RouteInit | undefined {
  const out = buildRoute(route, matchIndex, ctx);
  if (out === undefined) return undefined;
  const badRegex = invalidRouteRegex(out);
  if (badRegex !== undefined) {
    ctx.report(`${where}: ${badRegex}; the route is left out (clients would reject the whole RouteConfiguration)`);
    return undefined;
  }
  if (ctx.flavour === "grpc") {
    const limit = grpcLimits(out);
    if (limit !== undefined) ctx.report(`${where}: ${limit}`);
  }
  return out;
}

function buildRoute(route: HTTPRouteInput, matchIndex: number, ctx: RouteContext): RouteInit | undefined {
  const match = route.match?.[matchIndex];
  const name = match?.name ? `${route.name ?? ""}.${match.name}` : (route.name ?? "");
  const out: RouteInit = { name, match: translateRouteMatch(match, ctx.gatewaySemantics, ctx.flavour) };
  const ops = headerMutations(route.headers);
  if (ops.requestHeadersToAdd.length > 0) out.requestHeadersToAdd = ops.requestHeadersToAdd;
  if (ops.requestHeadersToRemove.length > 0) out.requestHeadersToRemove = ops.requestHeadersToRemove;
  if (ops.responseHeadersToAdd.length > 0) out.responseHeadersToAdd = ops.responseHeadersToAdd;
  if (ops.responseHeadersToRemove.length > 0) out.responseHeadersToRemove = ops.responseHeadersToRemove;
  if (route.redirect !== undefined) {
    const redirect = redirectAction(route.redirect, ctx.listenPort, ctx.isTls);
    // A status code Envoy cannot redirect with leaves the route without an action, which
    // Envoy rejects; leaving the route out keeps the rest of the configuration usable.
    if (redirect === undefined) return undefined;
    out.action = { case: "redirect", value: redirect };
  } else if (route.directResponse !== undefined) {
    out.action = { case: "directResponse", value: directResponseAction(route.directResponse) };
  } else {
    applyRouteAction(out, route, matchIndex, ops.authority, ctx);
  }
  return out;
}

export function virtualServiceRoutes(vs: VirtualServiceInput, gatewayNames: ReadonlySet<string>, ctx: RouteContext): RouteInit[] {
  const out: RouteInit[] = [];
  const vsName = `VirtualService ${namespaceOf(vs)}/${vs.metadata.name}`;
  for (const [index, route] of (vs.spec?.http ?? []).entries()) {
    const where = `${vsName} http[${index}]${route.name ? ` (${JSON.stringify(route.name)})` : ""}`;
    const matches = route.match ?? [];
    if (matches.length === 0) {
      const r = translateRoute(route, -1, ctx, where);
      if (r !== undefined) out.push(r);
      return out;
    }
    for (const [i, match] of matches.entries()) {
      if (!matchApplies(match, gatewayNames, ctx.listenPort)) continue;
      const r = translateRoute(route, i, ctx, matches.length > 1 ? `${where} match[${i}]` : where);
      if (r === undefined) continue;
      out.push(r);
      if (r.match !== undefined && isCatchAll(r.match)) return out;
    }
  }
  return out;
}

/** Istio's order within a virtual host: as written, except that catch-all routes go last. */
export function catchAllLast(routes: readonly RouteInit[]): RouteInit[] {
  const catchAll = (r: RouteInit) => r.match !== undefined && isCatchAll(r.match);
  return [...routes.filter((r) => !catchAll(r)), ...routes.filter(catchAll)];
}
