/**
 * The forwarding part of a route: which clusters (one, or weighted), timeouts, retries,
 * rewrites, mirrors, per-destination header mutations and hash policies.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { ConsistentHashLB } from "@weft/api";
import {
  RouteAction_ClusterNotFoundResponseCode,
  type RouteAction_HashPolicySchema,
  type RouteActionSchema,
  type RouteSchema,
  type WeightedCluster_ClusterWeightSchema,
} from "../gen/envoy/config/route/v3/route_components_pb.js";
import { FractionalPercent_DenominatorType } from "../gen/envoy/type/v3/percent_pb.js";
import { durationFromNanos, parseDuration, parseDurationNanos } from "../duration.js";
import { resolveHostname } from "../hosts.js";
import type { DestinationInput, HTTPRouteInput } from "../model.js";
import { clusterName, UNKNOWN_SERVICE_CLUSTER } from "../names.js";
import { headerMutations } from "./headers.js";
import { retryPolicy } from "./retries.js";
import type { RouteContext } from "./route-context.js";

type RouteInit = MessageInitShape<typeof RouteSchema>;
type RouteActionInit = MessageInitShape<typeof RouteActionSchema>;
type HashPolicyInit = MessageInitShape<typeof RouteAction_HashPolicySchema>;

interface ResolvedDestination {
  cluster: string;
  host: string;
  port: number;
  subset: string;
}

/**
 * The cluster of a destination. Without a port, a single-port service's port is meant,
 * else the port the route serves. A destination without a host (a backend the
 * translator could not use) goes to a cluster that never exists.
 */
export function resolveDestination(destination: DestinationInput | undefined, ctx: RouteContext): ResolvedDestination {
  if (!destination?.host) return { cluster: UNKNOWN_SERVICE_CLUSTER, host: "", port: 0, subset: "" };
  const host = resolveHostname(destination.host, ctx.namespace, ctx.domainSuffix);
  const ports = ctx.servicePorts(host);
  const port = destination.port?.number ?? (ports?.length === 1 ? (ports[0] ?? ctx.listenPort) : ctx.listenPort);
  const subset = destination.subset ?? "";
  return { cluster: clusterName(host, port, subset), host, port, subset };
}

function hashPolicy(hash: ConsistentHashLB | undefined): HashPolicyInit | undefined {
  if (hash === undefined) return undefined;
  if (hash.httpHeaderName) return { policySpecifier: { case: "header", value: { headerName: hash.httpHeaderName } } };
  if (hash.httpCookie?.name) {
    const ttl = parseDuration(hash.httpCookie.ttl);
    return { policySpecifier: { case: "cookie", value: { name: hash.httpCookie.name, path: hash.httpCookie.path ?? "", ...(ttl === undefined ? {} : { ttl }) } } };
  }
  if (hash.useSourceIp) return { policySpecifier: { case: "connectionProperties", value: { sourceIp: true } } };
  if (hash.httpQueryParameterName) return { policySpecifier: { case: "queryParameter", value: { name: hash.httpQueryParameterName } } };
  return undefined;
}

/** Istio writes a percentage as parts per million; an absent one means all requests. */
function mirrorFraction(percentage: { value?: number } | undefined) {
  if (percentage === undefined) return { defaultValue: { numerator: 100, denominator: FractionalPercent_DenominatorType.HUNDRED } };
  const value = percentage.value ?? 0;
  if (value <= 0) return undefined;
  return { defaultValue: { numerator: Math.round(value * 10_000), denominator: FractionalPercent_DenominatorType.MILLION } };
}

function setTimeouts(action: RouteActionInit, timeout: string | undefined, ctx: RouteContext): void {
  const nanos = timeout === undefined ? 0n : (parseDurationNanos(timeout) ?? 0n);
  action.timeout = durationFromNanos(nanos);
  // gRPC clients read max_stream_duration (gRFC A31); Envoy takes gRPC deadlines from max_grpc_timeout.
  if (ctx.flavour === "grpc") action.maxStreamDuration = { maxStreamDuration: durationFromNanos(nanos) };
  else action.maxGrpcTimeout = durationFromNanos(nanos);
}

/** The prefix a match asked for, for rewrites that replace exactly that prefix. */
function matchedPrefix(route: HTTPRouteInput, matchIndex: number): string {
  const prefix = route.match?.[matchIndex]?.uri?.prefix ?? "";
  return prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
}

function applyRewrite(action: RouteActionInit, route: HTTPRouteInput, matchIndex: number, ctx: RouteContext): string {
  const rewrite = route.rewrite;
  if (rewrite === undefined) return "";
  if (rewrite.uriRegexRewrite !== undefined) {
    action.regexRewrite = { pattern: { regex: rewrite.uriRegexRewrite.match ?? "" }, substitution: rewrite.uriRegexRewrite.rewrite ?? "" };
  } else if (rewrite.uri) {
    if (ctx.gatewaySemantics && rewrite.uri === "/") {
      // Replacing a prefix with "/" must not leave "//" nor drop the separator: keep one slash.
      const prefix = matchedPrefix(route, matchIndex).replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");
      action.regexRewrite = { pattern: { regex: `^${prefix}(/?)(.*)` }, substitution: "/\\2" };
    } else {
      action.prefixRewrite = rewrite.uri;
    }
  }
  return rewrite.authority ?? "";
}

function applyMirrors(action: RouteActionInit, route: HTTPRouteInput, ctx: RouteContext): void {
  const mirrors = [
    ...(route.mirror === undefined ? [] : [{ destination: route.mirror, percentage: route.mirrorPercentage }]),
    ...(route.mirrors ?? []),
  ];
  for (const mirror of mirrors) {
    const fraction = mirrorFraction(mirror.percentage);
    if (fraction === undefined || mirror.destination === undefined) continue;
    (action.requestMirrorPolicies ??= []).push({ cluster: resolveDestination(mirror.destination, ctx).cluster, runtimeFraction: fraction, traceSampled: false });
  }
}

/** Sets the route's forwarding action; returns the route-level header mutations the destination adds. */
export function applyRouteAction(out: RouteInit, route: HTTPRouteInput, matchIndex: number, routeAuthority: string, ctx: RouteContext): void {
  const action: RouteActionInit = {};
  setTimeouts(action, route.timeout, ctx);
  // Gateway API: requests to a backend that cannot be used get a 500.
  if (ctx.gatewaySemantics) action.clusterNotFoundResponseCode = RouteAction_ClusterNotFoundResponseCode.INTERNAL_SERVER_ERROR;
  const rewriteAuthority = applyRewrite(action, route, matchIndex, ctx);
  const authority = rewriteAuthority || routeAuthority;
  if (authority !== "") action.hostRewriteSpecifier = { case: "hostRewriteLiteral", value: authority };
  applyMirrors(action, route, ctx);

  const destinations = route.route ?? [];
  const hashPolicies: HashPolicyInit[] = [];
  const addHash = (d: ResolvedDestination) => {
    const policy = d.host === "" ? undefined : hashPolicy(ctx.consistentHash(d.host, d.port, d.subset));
    if (policy !== undefined) hashPolicies.push(policy);
  };
  if (destinations.length <= 1) {
    const only = destinations[0];
    const resolved = resolveDestination(only?.destination, ctx);
    action.clusterSpecifier = { case: "cluster", value: resolved.cluster };
    const ops = headerMutations(only?.headers);
    out.requestHeadersToAdd = [...(out.requestHeadersToAdd ?? []), ...ops.requestHeadersToAdd];
    out.requestHeadersToRemove = [...(out.requestHeadersToRemove ?? []), ...ops.requestHeadersToRemove];
    out.responseHeadersToAdd = [...(out.responseHeadersToAdd ?? []), ...ops.responseHeadersToAdd];
    out.responseHeadersToRemove = [...(out.responseHeadersToRemove ?? []), ...ops.responseHeadersToRemove];
    // A destination's authority yields to the route's own rewrite.
    if (ops.authority !== "" && action.hostRewriteSpecifier === undefined) action.hostRewriteSpecifier = { case: "hostRewriteLiteral", value: ops.authority };
    addHash(resolved);
  } else {
    const clusters: MessageInitShape<typeof WeightedCluster_ClusterWeightSchema>[] = [];
    for (const d of destinations) {
      // A zero weight among others takes no traffic; Envoy would still count it.
      if ((d.weight ?? 0) === 0) continue;
      const resolved = resolveDestination(d.destination, ctx);
      const ops = headerMutations(d.headers);
      clusters.push({
        name: resolved.cluster,
        weight: d.weight ?? 0,
        ...(ops.requestHeadersToAdd.length > 0 ? { requestHeadersToAdd: ops.requestHeadersToAdd } : {}),
        ...(ops.requestHeadersToRemove.length > 0 ? { requestHeadersToRemove: ops.requestHeadersToRemove } : {}),
        ...(ops.responseHeadersToAdd.length > 0 ? { responseHeadersToAdd: ops.responseHeadersToAdd } : {}),
        ...(ops.responseHeadersToRemove.length > 0 ? { responseHeadersToRemove: ops.responseHeadersToRemove } : {}),
        ...(ops.authority !== "" ? { hostRewriteSpecifier: { case: "hostRewriteLiteral" as const, value: ops.authority } } : {}),
      });
      addHash(resolved);
    }
    // gRPC clients following gRFC A28 require the weights to sum to total_weight (100 when
    // unset), so a 1:1 split would be NACKed without it; Envoy sums the weights itself and
    // has deprecated the field, so its output leaves it out.
    const totalWeight = clusters.reduce((sum, c) => sum + (c.weight ?? 0), 0);
    action.clusterSpecifier = { case: "weightedClusters", value: ctx.flavour === "grpc" ? { clusters, totalWeight } : { clusters } };
  }
  if (hashPolicies.length > 0) action.hashPolicy = hashPolicies;
  const retry = retryPolicy(route.retries, ctx.defaultRetries, hashPolicies.length > 0);
  if (retry !== undefined) action.retryPolicy = retry;
  out.action = { case: "route", value: action };
}
