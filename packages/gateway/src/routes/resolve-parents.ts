/**
 * The parents a route resolves to: each parentRef to a Gateway or ListenerSet of ours
 * is checked listener by listener (parents.ts), each to a Service or ServiceEntry
 * binds the route to the mesh (mesh-parents.ts). parentRefs to Gateways (or
 * ListenerSets) that are not ours, and unknown kinds, are left out: the route gets
 * no status entry for them.
 */
import { parentIdentity, type ParentReference } from "@weft/api";
import { filter, type Collection, type HandlerContext } from "@weft/krt";
import { meshParentKind, resolveMeshParent, type MeshInputs } from "./mesh-parents.js";
import { listenerParentKey, offersRouteParents, resolveParent, type ListenerParent, type ParentResolution } from "./parents.js";

/** Where a route's parents are looked up. */
export interface ParentLookups {
  /** The Gateways and ListenerSets routes attach to, by listenerParentKey. */
  listenerParents: Collection<ListenerParent>;
  mesh: MeshInputs;
}

/** What of a route decides where it attaches. */
export interface RouteParentQuery {
  kind: string;
  namespace: string;
  /** The route's hostnames (none for TCPRoutes). */
  hostnames: readonly string[];
  parentRefs: readonly ParentReference[];
}

/** A resolved parent, with the string Istio orders new parent statuses by (its identity). */
export interface OrderedParent {
  parent: ParentResolution;
  order: string;
}

/** The parents `route` resolves to, in the order of its parentRefs. */
export function resolveParents(ctx: HandlerContext, lookups: ParentLookups, route: RouteParentQuery): OrderedParent[] {
  const { kind, namespace, hostnames } = route;
  const out: OrderedParent[] = [];
  for (const ref of route.parentRefs) {
    const meshKind = meshParentKind(ref);
    if (meshKind !== undefined) {
      const parent = resolveMeshParent(ctx, ref, meshKind, namespace, lookups.mesh);
      if (parent !== undefined) out.push({ parent, order: parentIdentity(ref, namespace) });
      continue;
    }
    const key = listenerParentKey(ref, namespace);
    const gateway = key === undefined ? undefined : ctx.fetchOne(lookups.listenerParents, filter.key(key));
    if (gateway === undefined || !offersRouteParents(gateway)) continue;
    const parent = resolveParent(ref, gateway, kind, namespace, hostnames);
    out.push({ parent, order: parentIdentity(ref, namespace) });
  }
  return out;
}
