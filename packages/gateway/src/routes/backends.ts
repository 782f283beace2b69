/**
 * Resolving a route's backendRefs to Istio destinations: ReferenceGrants, weights and
 * per-backend header filters here; what each kind of target resolves to is in
 * backend-targets.ts. A problem makes the route's ResolvedRefs False, and the
 * destination keeps its place so its share of traffic fails instead of going elsewhere.
 */
import { GATEWAY_GROUP } from "@weft/api";
import type { Collection, HandlerContext } from "@weft/krt";
import type { RouteDestination } from "../model/istio.js";
import type { BackendRef, HTTPRouteFilter, ReferenceGrant } from "../model/resources.js";
import { referenceAllowed } from "../references.js";
import { applyFilter } from "./http-filters.js";
import type { MeshInputs } from "./mesh-parents.js";
import type { RefsOutcome } from "./route-status.js";
import { resolveTarget, targetKind, type TargetContext } from "./backend-targets.js";

/** Combines backend problems as Istio reports them: the last one found is the one shown. */
export function lastProblem(current: RefsOutcome, next: RefsOutcome): RefsOutcome {
  return next.ok ? current : next;
}

export interface ResolvedBackends {
  destinations: RouteDestination[];
  refs: RefsOutcome;
}

/** Where backends are looked up and who may refer to them. */
export interface BackendContext extends TargetContext {
  grants: Collection<ReferenceGrant>;
  mesh: MeshInputs;
}

/** The route whose backendRefs are resolved, and under which semantics. */
export interface BackendReferrer {
  kind: string;
  namespace: string;
  /** Gateway semantics enforce ReferenceGrants; mesh semantics do not. Default: true. */
  enforceGrants?: boolean;
}

/**
 * Destinations with weights: a single backend carries none; several carry theirs
 * (default 1), and a backend of weight 0 receives nothing so it is left out. Header
 * filters on a backendRef apply to requests and responses through that backend.
 */
export function resolveBackends(ctx: HandlerContext, env: BackendContext, route: BackendReferrer, refs: readonly (BackendRef & { filters?: HTTPRouteFilter[] })[]): ResolvedBackends {
  const { kind: routeKind, namespace: routeNamespace, enforceGrants = true } = route;
  let outcome: RefsOutcome = { ok: true };
  const destinations: RouteDestination[] = [];
  for (const ref of refs) {
    const namespace = ref.namespace ?? routeNamespace;
    const kind = targetKind(ref);
    let destination: RouteDestination["destination"] = {};
    if (kind === undefined) {
      outcome = lastProblem(outcome, { ok: false, reason: "InvalidKind", message: `referencing unsupported backendRef: group ${JSON.stringify(ref.group ?? "")} kind ${JSON.stringify(ref.kind ?? "Service")}` });
    } else {
      // A Hostname names a registry host, not an object in a namespace: no grant applies.
      const referent = { group: ref.group ?? "", kind: ref.kind ?? "Service", namespace, name: ref.name };
      const permitted = !enforceGrants || kind === "Hostname" || referenceAllowed(ctx, env.grants, { group: GATEWAY_GROUP, kind: routeKind, namespace: routeNamespace }, referent);
      if (permitted) {
        const target = resolveTarget(ctx, env, kind, ref, namespace);
        destination = target.destination;
        outcome = lastProblem(outcome, target.problem);
      } else {
        outcome = lastProblem(outcome, {
          ok: false,
          reason: "RefNotPermitted",
          message: `backendRef ${ref.name}/${namespace} not accessible to a ${routeKind} in namespace ${JSON.stringify(routeNamespace)} (missing a ReferenceGrant?)`,
        });
      }
    }
    if (refs.length > 1 && ref.weight === 0) continue;
    const d: RouteDestination = { destination };
    if (refs.length > 1) d.weight = ref.weight ?? 1;
    if (ref.filters !== undefined && ref.filters.length > 0) {
      const scratch: { headers?: RouteDestination["headers"] } = {};
      for (const f of ref.filters) applyFilter(scratch, f, routeNamespace, env.domainSuffix);
      if (scratch.headers !== undefined) d.headers = scratch.headers;
    }
    destinations.push(d);
  }
  return { destinations, refs: outcome };
}
