/**
 * HTTPRoutes and GRPCRoutes: each contributes fragments to the VirtualServices of its
 * Istio Gateways (or mesh hosts), which virtual-services.ts merges; and each gets its
 * attachments and its status.
 */
import { namespaceOf } from "@weft/api";
import { statusCollection, type Collection } from "@weft/krt";
import { items, records } from "../model/lists.js";
import type { HTTPRoute as IstioHTTPRoute } from "../model/istio.js";
import type { GRPCRoute, HTTPRoute } from "../model/resources.js";
import { istioGatewayName, parentReference } from "../names.js";
import { statusDocument } from "../status/documents.js";
import { isolationAllows } from "./hostnames.js";
import { resolveParents } from "./resolve-parents.js";
import type { RouteEnvironment } from "./route-environment.js";
import { attachmentsOf, routeKey, type RouteResult } from "./route-results.js";
import { routeParentStatuses } from "./route-status.js";
import { convertRules } from "./rule-conversion.js";
import type { Fragment } from "./virtual-services.js";

/** Mesh routes bound by port apply to that port only. */
function withPort(routes: readonly IstioHTTPRoute[], port: number | undefined): IstioHTTPRoute[] {
  if (port === undefined) return [...routes];
  return routes.map((r) => ({ ...r, match: r.match === undefined ? [{ port }] : r.match.map((m) => ({ ...m, port })) }));
}

/** HTTPRoutes and GRPCRoutes: each contributes fragments to the VirtualServices of its Istio Gateways (or mesh hosts). */
export function httpRoutes(kind: "HTTPRoute" | "GRPCRoute", routes: Collection<HTTPRoute | GRPCRoute>, env: RouteEnvironment) {
  const { backends, opts } = env;
  return statusCollection(
    routes,
    (ctx, route: HTTPRoute | GRPCRoute) => {
      const namespace = namespaceOf(route);
      const name = route.metadata.name;
      const routeHosts = items(route.spec?.hostnames);
      const parents = resolveParents(ctx, env.parents, { kind, namespace, hostnames: routeHosts, parentRefs: records(route.spec?.parentRefs) });
      const resolved = parents.map((p) => p.parent);
      const viaGateway = resolved.some((p) => p.gateway !== undefined);
      const viaMesh = resolved.some((p) => p.mesh !== undefined);
      // Gateway semantics enforce ReferenceGrants; mesh semantics do not.
      const gatewayConversion = viaGateway || !viaMesh ? convertRules(ctx, backends, kind, route, true) : undefined;
      const meshConversion = viaMesh ? convertRules(ctx, backends, kind, route, false) : undefined;
      const key = routeKey(kind, namespace, name);
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
      const refs = gatewayConversion?.refs ?? meshConversion?.refs ?? { ok: true };
      const status = routeParentStatuses(route.status?.parents, statusParents, refs, { controllerName: opts.controllerName, routeNamespace: namespace, now: opts.now, generation: route.metadata.generation });
      return { output, status: statusDocument(route, { parents: status }) };
    },
    { name: `${kind}s`, key: (r) => r.key },
  );
}
