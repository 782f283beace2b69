/**
 * TCPRoutes and TLSRoutes: each gets VirtualServices of its own (one per Istio Gateway
 * it binds to), its attachments, and its status.
 */
import { namespaceOf } from "@weft/api";
import { statusCollection, type Collection } from "@weft/krt";
import { items, records } from "../model/lists.js";
import type { TCPRoute, TLSRoute } from "../model/resources.js";
import { statusDocument } from "../status/documents.js";
import { resolveBackends } from "./backends.js";
import { backendWeightSum, l4VirtualServices, REJECTING_DESTINATION } from "./l4-routes.js";
import { resolveParents } from "./resolve-parents.js";
import type { RouteEnvironment } from "./route-environment.js";
import { attachmentsOf, routeKey, type RouteResult } from "./route-results.js";
import { routeParentStatuses } from "./route-status.js";

export type L4Route = TCPRoute | TLSRoute;

/** A status collection for one layer-4 route kind: VirtualServices, attachments, status. */
export function l4Routes(kind: "TCPRoute" | "TLSRoute", routes: Collection<L4Route>, env: RouteEnvironment) {
  const { backends: backendEnv, opts } = env;
  return statusCollection(
    routes,
    (ctx, route: L4Route) => {
      const namespace = namespaceOf(route);
      const hostnames: readonly string[] = kind === "TLSRoute" ? items((route as TLSRoute).spec?.hostnames) : [];
      const parents = resolveParents(ctx, env.parents, { kind, namespace, hostnames, parentRefs: records(route.spec?.parentRefs) });
      const backendRefs = records(records(route.spec?.rules)[0]?.backendRefs);
      const backends = backendWeightSum(backendRefs) === 0 ? { destinations: [REJECTING_DESTINATION], refs: { ok: true as const } } : resolveBackends(ctx, backendEnv, { kind, namespace }, backendRefs);
      const key = routeKey(kind, namespace, route.metadata.name);
      const resolved = parents.map((p) => p.parent);
      const output: RouteResult = {
        key,
        virtualServices: l4VirtualServices(kind, route.metadata, hostnames, resolved, backends.destinations),
        attachments: attachmentsOf(key, resolved),
        fragments: [],
      };
      const status = routeParentStatuses(route.status?.parents, parents, backends.refs, { controllerName: opts.controllerName, routeNamespace: namespace, now: opts.now, generation: route.metadata.generation });
      return { output, status: statusDocument(route, { parents: status }) };
    },
    { name: `${kind}s`, key: (r) => r.key },
  );
}
