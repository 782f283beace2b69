/**
 * Which Gateways route to an InferencePool, as Istio reads it: through the HTTPRoutes whose
 * rules reference the pool, and the parents their current status lists for a controller
 * of ours (a route's written status is the record of where it is accepted). Both the
 * pool's status and its shadow Service are decided from these parents.
 */
import { type HTTPRoute, namespaceOf, type StatusCondition, namespacedKeyOf } from "@weft/api";
import { index, type Collection, type Index } from "@weft/krt";
import { builtinClasses } from "../gateways/classes.js";
import { items, records } from "../model/lists.js";
import type { ResolvedOptions } from "../options.js";
import { INFERENCE_GROUP } from "../routes/backend-targets.js";

/** `namespace/name` of every pool a route's rules send traffic to. */
export function poolsReferencedBy(route: HTTPRoute): string[] {
  const namespace = namespaceOf(route);
  const keys = new Set<string>();
  for (const rule of records(route.spec?.rules)) {
    for (const ref of records(rule.backendRefs)) {
      if (ref.group === INFERENCE_GROUP && ref.kind === "InferencePool") keys.add(namespacedKeyOf(ref.namespace || namespace, ref.name));
    }
  }
  return [...keys];
}

/** The routes by the pools (`namespace/name`) they reference. */
export function routesByPool(routes: Collection<HTTPRoute>): Index<string, HTTPRoute> {
  return index(routes, poolsReferencedBy);
}

export interface RouteParent {
  route: HTTPRoute;
  /** `namespace/name` of the Gateway. */
  gateway: string;
  accepted: StatusCondition | undefined;
}

/** The controller names whose route parents count as ours. */
export function ourControllers(opts: ResolvedOptions): ReadonlySet<string> {
  return new Set(Object.values(builtinClasses(opts)));
}

/** The Gateways (namespace/name) the routes' statuses say a controller of ours accepted them on. */
export function routeParents(routes: readonly HTTPRoute[], controllers: ReadonlySet<string>): RouteParent[] {
  const out: RouteParent[] = [];
  for (const route of routes) {
    const namespace = namespaceOf(route);
    for (const parent of records(route.status?.parents)) {
      if (!controllers.has(parent.controllerName)) continue;
      const gateway = namespacedKeyOf(parent.parentRef.namespace || namespace, parent.parentRef.name);
      out.push({ route, gateway, accepted: items(parent.conditions).find((c) => c.type === "Accepted") });
    }
  }
  return out;
}
