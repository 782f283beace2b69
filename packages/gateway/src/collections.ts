/**
 * The translator as a graph of krt collections over input collections. A change to
 * one input recomputes only what depends on it: one route's VirtualServices and
 * status, the attachment counts of the listeners it binds to, and so on.
 */
import { mergeConditions, namespacedKey, namespaceOf, type ParentReference } from "@weft/api";
import { items, records } from "./model/lists.js";
import { collection, filter, index, join, manyCollection, statusCollection, type Collection, type HandlerContext, type StatusItem } from "@weft/krt";
import { classInfo, isForeignWaypointClass, isKnownController } from "./gateways/classes.js";
import { remoteGatewayModel } from "./gateways/remote-gateway.js";
import { gatewayModel, type GatewayModel } from "./gateways/gateway-model.js";
import { istioGatewaysOf } from "./gateways/istio-gateways.js";
import type { GatewayInputs } from "./inputs.js";
import type { DestinationRule, HTTPRoute as IstioHTTPRoute, IstioGateway, VirtualService } from "./model/istio.js";
import type { Gateway, GRPCRoute, GRPCRouteRule, HTTPRoute, HTTPRouteRule, Service, TCPRoute, TLSRoute } from "./model/resources.js";
import { istioGatewayName, parentReference } from "./names.js";
import { resolveOptions, type MeshService, type ResolvedOptions, type TranslateOptions } from "./options.js";
import { serviceRegistry } from "./registry.js";
import { lastProblem, resolveBackends, type BackendContext } from "./routes/backends.js";
import { backendWeightSum, l4VirtualServices, REJECTING_DESTINATION } from "./routes/l4-routes.js";
import { isolationAllows } from "./routes/hostnames.js";
import { meshParentKind, resolveMeshParent, type MeshInputs } from "./routes/mesh-parents.js";
import { listenerParentKey, offersRouteParents, parentRefString, resolveParent, type ListenerParent, type ParentResolution } from "./routes/parents.js";
import { routeParentStatuses, type RefsOutcome } from "./routes/route-status.js";
import type { MirrorResolver } from "./routes/http-filters.js";
import { convertRule, type RouteRule } from "./routes/http-rules.js";
import { ruleRegexProblem, type RegexProblem } from "./routes/regex-checks.js";
import { mergeFragments, type Fragment } from "./routes/virtual-services.js";
import { statusDocument, statusKey, type StatusDocument } from "./status/documents.js";
import { gatewayServiceHosts } from "./gateways/addresses.js";
import { shadowServices } from "./inference/shadow-services.js";
import { inferencePoolStatuses } from "./inference/pool-status.js";
import { routesByPool } from "./inference/pool-parents.js";
import type { ReferenceLookup } from "./gateways/listener-tls.js";
import { referenceAllowed } from "./references.js";
import { listenerConflicts, listenerSetsByParent, type OwnerConflicts } from "./listenersets/conflict-collection.js";
import { gatewayOwnerKey } from "./listenersets/identity.js";
import { listenerSetIstioGateways, listenerSetModels, listenerSetModelsByParent, listenerSetRouteParents, listenerSetStatuses } from "./listenersets/listener-set-collections.js";
import { parentStatusParts } from "./listenersets/parent-status.js";
import { backendPolicyCollections } from "./policies/backend-policy-collections.js";

/** The translator's outputs, each a live collection. */
export interface GatewayOutputs {
  gateways: Collection<IstioGateway>;
  virtualServices: Collection<VirtualService>;
  destinationRules: Collection<DestinationRule>;
  statuses: Collection<StatusDocument>;
  /** The Service Istio writes for each InferencePool, for a controller to apply. */
  shadowServices: Collection<Service>;
}

/** Which listener of which Gateway a route is attached to. */
interface Attachment {
  key: string;
  gatewayKey: string;
  listener: string;
}

interface RouteResult {
  key: string;
  virtualServices: VirtualService[];
  attachments: Attachment[];
  fragments: Fragment[];
}

function attachmentsOf(key: string, parents: readonly ParentResolution[]): Attachment[] {
  return parents.flatMap((p) => (p.gateway === undefined ? [] : p.bound.map((b) => ({ key: `${key}/${p.gateway!.key}/${b.listener.name}`, gatewayKey: p.gateway!.key, listener: b.listener.name }))));
}


function gatewayModels(inputs: GatewayInputs, registry: Collection<MeshService>, conflicts: Collection<OwnerConflicts>, opts: ResolvedOptions): Collection<GatewayModel> {
  return collection(
    inputs.gateways,
    (ctx, gw: Gateway) => {
      const className = gw.spec?.gatewayClassName ?? "";
      const cls = classInfo(className, ctx.fetchOne(inputs.gatewayClasses, filter.key(className)), opts);
      if (cls === undefined) return undefined;
      if (cls.flavour === "remote") return remoteGatewayModel(gw);
      const usesSelector = items(gw.spec?.listeners).some((l) => l.allowedRoutes?.namespaces?.from === "Selector");
      const namespaces = usesSelector ? ctx.fetch(inputs.namespaces) : [];
      // Read only the registry entries this gateway needs, so other services' changes skip it.
      const services = new Map<string, MeshService>();
      for (const host of gatewayServiceHosts(gw, opts.domainSuffix, cls.nameSuffix)) {
        const svc = ctx.fetchOne(registry, filter.key(host));
        if (svc !== undefined) services.set(host, svc);
      }
      const lookup: ReferenceLookup = {
        secret: (ns, name) => ctx.fetchOne(inputs.secrets, filter.key(`${ns}/${name}`)),
        configMap: (ns, name) => ctx.fetchOne(inputs.configMaps, filter.key(`${ns}/${name}`)),
        allowed: (from, to) => referenceAllowed(ctx, inputs.referenceGrants, from, to),
        certificatesValidAt: opts.certificatesValidAt,
      };
      const lost = ctx.fetchOne(conflicts, filter.key(gatewayOwnerKey(namespaceOf(gw), gw.metadata.name)));
      return gatewayModel(gw, namespaces, services, lookup, opts, cls, lost?.conflicts);
    },
    { name: "GatewayModels", key: (m) => m.key },
  );
}

/** The parents a route resolves to; parentRefs to Gateways (or ListenerSets) that are not ours, and unknown kinds, are left out. */
function resolveParents(ctx: HandlerContext, gateways: Collection<ListenerParent>, mesh: MeshInputs, refs: readonly ParentReference[], kind: string, namespace: string, hosts: readonly string[]) {
  const out: { parent: ParentResolution; order: string }[] = [];
  for (const ref of refs) {
    const meshKind = meshParentKind(ref);
    if (meshKind !== undefined) {
      const parent = resolveMeshParent(ctx, ref, meshKind, namespace, mesh);
      if (parent !== undefined) out.push({ parent, order: parentRefString(ref, namespace) });
      continue;
    }
    const key = listenerParentKey(ref, namespace);
    const gateway = key === undefined ? undefined : ctx.fetchOne(gateways, filter.key(key));
    if (gateway === undefined || !offersRouteParents(gateway)) continue;
    const parent = resolveParent(ref, gateway, kind, namespace, hosts);
    out.push({ parent, order: parentRefString(ref, namespace) });
  }
  return out;
}

type L4Route = TCPRoute | TLSRoute;

/** A status collection for one layer-4 route kind: VirtualServices, attachments, status. */
function l4Routes(kind: "TCPRoute" | "TLSRoute", routes: Collection<L4Route>, gateways: Collection<ListenerParent>, env: BackendContext, opts: ResolvedOptions) {
  return statusCollection(
    routes,
    (ctx, route: L4Route) => {
      const namespace = namespaceOf(route);
      const hosts: readonly string[] = kind === "TLSRoute" ? items((route as TLSRoute).spec?.hostnames) : [];
      const parents = resolveParents(ctx, gateways, env.mesh, records(route.spec?.parentRefs), kind, namespace, hosts);
      const backendRefs = records(records(route.spec?.rules)[0]?.backendRefs);
      const backends = backendWeightSum(backendRefs) === 0 ? { destinations: [REJECTING_DESTINATION], refs: { ok: true as const } } : resolveBackends(ctx, env, kind, backendRefs, namespace);
      const key = `${kind}/${namespace}/${route.metadata.name}`;
      const resolved = parents.map((p) => p.parent);
      const output: RouteResult = {
        key,
        virtualServices: l4VirtualServices(kind, route.metadata, hosts, resolved, backends.destinations),
        attachments: attachmentsOf(key, resolved),
        fragments: [],
      };
      const status = routeParentStatuses(route.status?.parents, parents, backends.refs, opts.controllerName, namespace, opts.now, route.metadata.generation);
      return { output, status: statusDocument(route, { parents: status }) };
    },
    { name: `${kind}s`, key: (r) => r.key },
  );
}

/** Converts every rule of an HTTPRoute or GRPCRoute with one semantics (gateway or mesh). */
function convertRules(ctx: HandlerContext, env: BackendContext, kind: "HTTPRoute" | "GRPCRoute", route: HTTPRoute | GRPCRoute, enforceGrants: boolean) {
  const namespace = namespaceOf(route);
  let refs: RefsOutcome = { ok: true };
  let invalid: RegexProblem | undefined;
  const routes = records<HTTPRouteRule | GRPCRouteRule>(route.spec?.rules).flatMap((rule, i) => {
    // A regex RE2 rejects would make clients NACK the whole RouteConfiguration: the rule is left out.
    const regexProblem = ruleRegexProblem({ ...rule, kind } as RouteRule, i);
    if (regexProblem !== undefined) {
      invalid ??= regexProblem;
      return [];
    }
    const backendRefs = records(rule.backendRefs);
    // No weight anywhere: the rule has nowhere to send requests (backends go unchecked).
    const backends = backendWeightSum(backendRefs) === 0 ? undefined : resolveBackends(ctx, env, kind, backendRefs, namespace, enforceGrants);
    let mirrorProblem: RefsOutcome = { ok: true };
    const resolveMirror: MirrorResolver = (ref) => {
      const mirror = resolveBackends(ctx, env, kind, [ref], namespace, enforceGrants);
      mirrorProblem = lastProblem(mirrorProblem, mirror.refs);
      const destination = mirror.destinations[0]?.destination;
      return mirror.refs.ok && destination?.host !== undefined ? destination : undefined;
    };
    const converted = convertRule({ ...rule, kind } as RouteRule, i, route.metadata.name, namespace, backends?.destinations, env.domainSuffix, resolveMirror);
    refs = lastProblem(refs, joinProblems(backends?.refs ?? { ok: true }, mirrorProblem));
    return converted;
  });
  return { routes, refs, invalid };
}

/** A rule's backend and mirror problems together: the backend's reason, both messages. */
function joinProblems(backend: RefsOutcome, mirror: RefsOutcome): RefsOutcome {
  if (backend.ok) return mirror;
  if (mirror.ok) return backend;
  return { ok: false, reason: backend.reason, message: `${backend.message}; ${mirror.message}` };
}

/** Mesh routes bound by port apply to that port only. */
function withPort(routes: readonly IstioHTTPRoute[], port: number | undefined): IstioHTTPRoute[] {
  if (port === undefined) return [...routes];
  return routes.map((r) => ({ ...r, match: r.match === undefined ? [{ port }] : r.match.map((m) => ({ ...m, port })) }));
}

/** HTTPRoutes and GRPCRoutes: each contributes fragments to the VirtualServices of its Istio Gateways (or mesh hosts). */
function httpRoutes(kind: "HTTPRoute" | "GRPCRoute", routes: Collection<HTTPRoute | GRPCRoute>, gateways: Collection<ListenerParent>, env: BackendContext, opts: ResolvedOptions) {
  return statusCollection(
    routes,
    (ctx, route: HTTPRoute | GRPCRoute) => {
      const namespace = namespaceOf(route);
      const name = route.metadata.name;
      const routeHosts = items(route.spec?.hostnames);
      const parents = resolveParents(ctx, gateways, env.mesh, records(route.spec?.parentRefs), kind, namespace, routeHosts);
      const resolved = parents.map((p) => p.parent);
      const viaGateway = resolved.some((p) => p.gateway !== undefined);
      const viaMesh = resolved.some((p) => p.mesh !== undefined);
      // Gateway semantics enforce ReferenceGrants; mesh semantics do not.
      const gatewayConversion = viaGateway || !viaMesh ? convertRules(ctx, env, kind, route, true) : undefined;
      const meshConversion = viaMesh ? convertRules(ctx, env, kind, route, false) : undefined;
      const key = `${kind}/${namespace}/${name}`;
      const fragment = (vsKey: string, gateway: string, host: string, routes: IstioHTTPRoute[]): Fragment => ({
        vsKey,
        key: `${vsKey}#${key}`,
        vsName: vsKey.replaceAll("/", "~"),
        namespace,
        gateway,
        host,
        parent: parentReference(kind, name, namespace),
        order: [route.metadata.creationTimestamp ?? "", namespace, name],
        ...(route.metadata.creationTimestamp === undefined ? {} : { creationTimestamp: route.metadata.creationTimestamp }),
        routes,
      });
      const fragments: Fragment[] = [];
      for (const p of resolved) {
        if (p.mesh !== undefined && meshConversion !== undefined) {
          const prefix = p.mesh.port === undefined ? namespace : `${namespace}/${p.mesh.port}`;
          for (const host of p.mesh.hosts) fragments.push(fragment(`${prefix}/${host}`, "mesh", host, withPort(meshConversion.routes, p.mesh.port)));
        }
        if (p.gateway === undefined || gatewayConversion === undefined) continue;
        const gw = p.gateway;
        for (const b of p.bound) {
          // A listener with unresolved TLS references has no Istio Gateway to route from.
          if (b.listener.server === undefined) continue;
          const istioName = istioGatewayName(gw.name, b.listener.name);
          // HTTP routes keep their hostnames as written, less those a more specific
          // sibling listener owns.
          const scope = { hostname: b.listener.hostname ?? "", siblings: gw.listeners.filter((l) => l.server !== undefined && l.port === b.listener.port && l.protocol === b.listener.protocol).map((l) => l.hostname ?? "") };
          for (const host of (routeHosts.length > 0 ? routeHosts : ["*"]).filter((h) => isolationAllows(h, scope))) {
            fragments.push(fragment(`${gw.namespace}/${istioName}/${host}`, `${gw.namespace}/${istioName}`, host, gatewayConversion.routes));
          }
        }
      }
      const output: RouteResult = { key, virtualServices: [], attachments: attachmentsOf(key, resolved), fragments };
      // A parent reports the errors of the semantics it was converted with.
      const statusParents = parents.map((p) => {
        const conversion = p.parent.mesh !== undefined ? meshConversion : gatewayConversion;
        return { ...p, refs: conversion?.refs ?? { ok: true as const }, ...(conversion?.invalid === undefined ? {} : { invalid: conversion.invalid }) };
      });
      const status = routeParentStatuses(route.status?.parents, statusParents, gatewayConversion?.refs ?? meshConversion?.refs ?? { ok: true }, opts.controllerName, namespace, opts.now, route.metadata.generation);
      return { output, status: statusDocument(route, { parents: status }) };
    },
    { name: `${kind}s`, key: (r) => r.key },
  );
}

/** The VirtualServices shared by HTTP routes, each merged from its fragments. */
function httpVirtualServices(routeResults: Collection<RouteResult>): Collection<VirtualService> {
  const fragments = manyCollection(routeResults, (_ctx, r) => r.fragments, { name: "Fragments", key: (f) => f.key });
  const byVirtualService = index(fragments, (f) => [f.vsKey]);
  const vsKeys = manyCollection(fragments, (_ctx, f) => [{ key: f.vsKey }], { name: "VirtualServiceKeys", key: (k) => k.key });
  return collection(vsKeys, (ctx, k) => mergeFragments(ctx.fetch(fragments, filter.index(byVirtualService, k.key))), { name: "HTTPVirtualServices", key: namespacedKey });
}

/** Builds every output collection over `inputs`. */
export function gatewayCollections(inputs: GatewayInputs, options?: TranslateOptions): GatewayOutputs {
  const opts = resolveOptions(options);
  const registry = serviceRegistry(inputs.services, inputs.serviceEntries, opts);
  const setsByParent = listenerSetsByParent(inputs.listenerSets);
  const conflicts = listenerConflicts(inputs, setsByParent, opts);
  const gateways = gatewayModels(inputs, registry, conflicts, opts);
  const listenerSets = listenerSetModels(inputs, conflicts, registry, opts);
  const listenerSetsByGateway = listenerSetModelsByParent(listenerSets);
  // Routes bind to Gateways and ListenerSets alike; their keys never collide (see listenersets/identity.ts).
  const routeParents = join<ListenerParent>([gateways, listenerSetRouteParents(listenerSets)], { name: "RouteParents" });
  const istioGateways = join(
    [manyCollection(gateways, (_ctx, m) => istioGatewaysOf(m), { name: "GatewayIstioGateways", key: namespacedKey }), listenerSetIstioGateways(listenerSets)],
    { name: "IstioGateways", key: namespacedKey },
  );

  const env: BackendContext = {
    registry,
    xBackends: inputs.xBackends,
    alphaGatewayAPI: opts.features.alphaGatewayAPI,
    grants: inputs.referenceGrants,
    domainSuffix: opts.domainSuffix,
    mesh: {
      services: inputs.services,
      serviceEntries: inputs.serviceEntries,
      domainSuffix: opts.domainSuffix,
      foreignWaypoint: (ctx, namespace, name) => {
        const gw = ctx.fetchOne(inputs.gateways, filter.key(`${namespace}/${name}`));
        if (gw === undefined) return false;
        return isForeignWaypointClass(ctx.fetchOne(inputs.gatewayClasses, filter.key(gw.spec?.gatewayClassName ?? "")), opts);
      },
    },
  };
  const tcp = l4Routes("TCPRoute", inputs.tcpRoutes, routeParents, env, opts);
  const tls = l4Routes("TLSRoute", inputs.tlsRoutes, routeParents, env, opts);
  const http = httpRoutes("HTTPRoute", inputs.httpRoutes, routeParents, env, opts);
  const grpc = httpRoutes("GRPCRoute", inputs.grpcRoutes, routeParents, env, opts);
  const routeResults = join([tcp.outputs, tls.outputs, http.outputs, grpc.outputs], { name: "RouteResults" });
  const l4VirtualServices = manyCollection(routeResults, (_ctx, r) => r.virtualServices, { name: "L4VirtualServices", key: namespacedKey });
  const virtualServices = join([l4VirtualServices, httpVirtualServices(routeResults)], { name: "VirtualServices", key: namespacedKey });
  const attachments = manyCollection(routeResults, (_ctx, r) => r.attachments, { name: "Attachments", key: (a) => a.key });
  const attachmentsByGateway = index(attachments, (a) => [a.gatewayKey]);

  const gatewayStatuses = collection(
    gateways,
    (ctx, m): StatusDocument => {
      const attached = ctx.fetch(attachments, filter.index(attachmentsByGateway, m.key));
      const sets = ctx.fetch(listenerSets, filter.index(listenerSetsByGateway, m.key));
      const parts = parentStatusParts(m, sets, (host) => ctx.fetchOne(registry, filter.key(host)));
      const previous = m.previous;
      const previousListener = (name: string) => previous?.listeners?.find((l) => l.name === name)?.conditions;
      // An address, once reported, is kept while none can be resolved (as Istio does).
      const addresses = parts.addresses.length > 0 ? parts.addresses : [...(previous?.addresses ?? [])];
      return statusDocument(
        { apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name: m.name, namespace: m.namespace } },
        {
          ...(addresses.length > 0 ? { addresses } : {}),
          ...(parts.attachedListenerSets === undefined ? {} : { attachedListenerSets: parts.attachedListenerSets }),
          conditions: mergeConditions(previous?.conditions, parts.conditions, opts.now, m.generation),
          // A Gateway rejected as a whole reports no listeners; an empty list is omitted.
          ...(m.reportListeners && m.listeners.length > 0
            ? {
                listeners: m.listeners.map((l) => ({
                  attachedRoutes: attached.filter((a) => a.listener === l.name).length,
                  conditions: mergeConditions(previousListener(l.name), l.conditions, opts.now, m.generation),
                  name: l.name,
                  supportedKinds: l.supportedKinds,
                })),
              }
            : {}),
        },
      );
    },
    { name: "GatewayStatuses", key: statusKey },
  );
  const classStatuses = collection(
    inputs.gatewayClasses,
    (_ctx, cls): StatusDocument | undefined =>
      !isKnownController(cls.spec?.controllerName, opts)
        ? undefined
        : statusDocument(cls, {
            conditions: mergeConditions(records(cls.status?.conditions), [{ type: "Accepted", status: "True", reason: "Accepted", message: "Handled by Istio controller" }], opts.now, cls.metadata.generation),
          }),
    { name: "GatewayClassStatuses", key: statusKey },
  );
  // Status items are keyed by their route's namespace/name, which routes of different
  // kinds may share: re-key each by kind before joining them.
  const byDocument = (kind: string, c: Collection<StatusItem<StatusDocument>>) => collection(c, (_ctx, s) => s.status, { name: `${kind}Statuses`, key: statusKey });
  const routeStatuses = join(
    [byDocument("HTTPRoute", http.statuses), byDocument("GRPCRoute", grpc.statuses), byDocument("TCPRoute", tcp.statuses), byDocument("TLSRoute", tls.statuses)],
    { name: "RouteStatuses", key: statusKey },
  );
  const poolRoutes = routesByPool(inputs.httpRoutes);
  const poolStatuses = inferencePoolStatuses(inputs, opts, poolRoutes);
  const setStatuses = listenerSetStatuses(listenerSets, attachments, attachmentsByGateway, opts.now);
  const backendPolicies = backendPolicyCollections(inputs, opts);
  const statuses = join([classStatuses, gatewayStatuses, setStatuses, routeStatuses, poolStatuses, backendPolicies.statuses], { name: "Statuses", key: statusKey });
  return { gateways: istioGateways, virtualServices, destinationRules: backendPolicies.destinationRules, statuses, shadowServices: shadowServices(inputs, opts, poolRoutes) };
}
