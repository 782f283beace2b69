/**
 * The indexed views every builder reads through, and the per-transform lookups built on
 * them. Each lookup goes through `ctx.fetch` with an index filter, so a transform
 * depends only on the VirtualServices, rules and services it actually read.
 */
import { type ConsistentHashLB, DEFAULT_NAMESPACE, namespaceOf } from "@weft/api";
import { collection, filter, index, type Collection, type HandlerContext, type Index } from "@weft/krt";
import type { ServiceInfo } from "@weft/mesh";
import { clusterPolicy, effectiveRule, parseDestinationRule, ruleIndexKey, WILDCARD_BUCKET, type EffectiveRule, type ParsedDestinationRule } from "./clusters/destination-rules.js";
import { hostCoveredBy, resolveHostname } from "./hosts.js";
import type { XdsInputs } from "./inputs.js";
import type { VirtualServiceInput } from "./model.js";
import type { ResolvedXdsOptions } from "./options.js";
import { configOrder } from "./order.js";
import { MESH_GATEWAY } from "./routes/mesh-route-config.js";
import type { RouteContext } from "./routes/route-context.js";
import type { RouteFlavour } from "./routes/route-match.js";
import { usesGatewaySemantics } from "./routes/http-routes.js";

export interface Lookups {
  opts: ResolvedXdsOptions;
  virtualServices: Collection<VirtualServiceInput>;
  /** HTTP VirtualServices by the Istio Gateway (`namespace/name`) they bind to. */
  httpByGateway: Index<string, VirtualServiceInput>;
  /** VirtualServices with TCP or TLS routes by gateway. */
  l4ByGateway: Index<string, VirtualServiceInput>;
  /** Mesh VirtualServices by resolved host (wildcard hosts in one bucket). */
  meshByHost: Index<string, VirtualServiceInput>;
  rules: Collection<ParsedDestinationRule>;
  rulesByHost: Index<string, ParsedDestinationRule>;
  services: Collection<ServiceInfo>;
  servicesByHost: Index<string, ServiceInfo>;
}

/** The gateways a VirtualService binds to, `namespace/name` (a bare name is in the VirtualService's namespace); none written means mesh. */
export function boundGateways(vs: VirtualServiceInput): string[] {
  const namespace = namespaceOf(vs);
  const written = vs.spec?.gateways ?? [];
  if (written.length === 0) return [MESH_GATEWAY];
  return written.map((g) => (g === MESH_GATEWAY || g.includes("/") ? g : `${namespace}/${g}`));
}

export function lookups(inputs: XdsInputs, opts: ResolvedXdsOptions): Lookups {
  const vs = inputs.virtualServices;
  const gatewaysOf = (v: VirtualServiceInput) => boundGateways(v).filter((g) => g !== MESH_GATEWAY);
  const meshHosts = (v: VirtualServiceInput) => {
    if (!boundGateways(v).includes(MESH_GATEWAY) || (v.spec?.http ?? []).length === 0) return [];
    const namespace = namespaceOf(v);
    return [...new Set((v.spec?.hosts ?? []).map((h) => resolveHostname(h, namespace, opts.domainSuffix)).map((h) => (h.startsWith("*") ? WILDCARD_BUCKET : h)))];
  };
  const rules = collection(inputs.destinationRules, (_ctx, dr) => parseDestinationRule(dr, opts.domainSuffix), { name: "ParsedDestinationRules", key: (r) => r.key });
  return {
    opts,
    virtualServices: vs,
    httpByGateway: index(vs, (v) => ((v.spec?.http ?? []).length > 0 ? gatewaysOf(v) : [])),
    l4ByGateway: index(vs, (v) => ((v.spec?.tcp ?? []).length + (v.spec?.tls ?? []).length > 0 ? gatewaysOf(v) : [])),
    meshByHost: index(vs, meshHosts),
    rules,
    rulesByHost: index(rules, ruleIndexKey),
    services: inputs.services,
    servicesByHost: index(inputs.services, (s) => [s.hostname.toLowerCase()]),
  };
}

const sorted = (items: VirtualServiceInput[]) => [...items].sort(configOrder);

export function httpVirtualServicesFor(ctx: HandlerContext, l: Lookups, gateway: string): VirtualServiceInput[] {
  return sorted(ctx.fetch(l.virtualServices, filter.index(l.httpByGateway, gateway)));
}

export function l4VirtualServicesFor(ctx: HandlerContext, l: Lookups, gateway: string): VirtualServiceInput[] {
  return sorted(ctx.fetch(l.virtualServices, filter.index(l.l4ByGateway, gateway)));
}

/** Mesh VirtualServices with a host covering `host`, in config order. */
export function meshVirtualServicesFor(ctx: HandlerContext, l: Lookups, host: string): VirtualServiceInput[] {
  const exact = ctx.fetch(l.virtualServices, filter.index(l.meshByHost, host));
  const wildcard = ctx
    .fetch(l.virtualServices, filter.index(l.meshByHost, WILDCARD_BUCKET))
    .filter((v) => (v.spec?.hosts ?? []).some((h) => hostCoveredBy(host, resolveHostname(h, namespaceOf(v), l.opts.domainSuffix))));
  return sorted([...new Set([...exact, ...wildcard])]);
}

/** The DestinationRule in force for a host (exact and wildcard candidates fetched by index). */
export function ruleFor(ctx: HandlerContext, l: Lookups, host: string): EffectiveRule | undefined {
  const candidates = [...ctx.fetch(l.rules, filter.index(l.rulesByHost, host)), ...ctx.fetch(l.rules, filter.index(l.rulesByHost, WILDCARD_BUCKET))];
  return effectiveRule(host, candidates);
}

/** Where routes are being built: for which VirtualService (if any), proxy flavour and listener. */
export interface RouteSite {
  virtualService?: VirtualServiceInput | undefined;
  flavour: RouteFlavour;
  listenPort: number;
  isTls: boolean;
  /** Receives what the routes could not honour; without it, reports are dropped. */
  problems?: string[];
}

/** A RouteContext whose lookups read through `ctx`; what it reports goes to the site's `problems`. */
export function routeContext(ctx: HandlerContext, l: Lookups, { virtualService: vs, flavour, listenPort, isTls, problems = [] }: RouteSite): RouteContext {
  return {
    report: (problem) => {
      if (!problems.includes(problem)) problems.push(problem);
    },
    flavour,
    listenPort,
    isTls,
    gatewaySemantics: vs !== undefined && usesGatewaySemantics(vs),
    namespace: vs?.metadata.namespace ?? DEFAULT_NAMESPACE,
    domainSuffix: l.opts.domainSuffix,
    defaultRetries: l.opts.defaultRetries,
    servicePorts: (host) => ctx.fetchOne(l.services, filter.index(l.servicesByHost, host))?.ports.map((p) => p.port),
    consistentHash: (host, port, subset): ConsistentHashLB | undefined => {
      const rule = ruleFor(ctx, l, host);
      if (rule === undefined) return undefined;
      return clusterPolicy(rule, port, rule.subsets.find((s) => s.name === subset)).loadBalancer?.consistentHash;
    },
  };
}
