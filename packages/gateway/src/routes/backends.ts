/**
 * Resolving a route's backendRefs to Istio destinations. A Service (the default
 * kind) becomes its cluster-local hostname and must be known to the registry;
 * otherwise the route's ResolvedRefs is False with BackendNotFound, and the
 * destination is still written (traffic to it fails, as it should).
 */
import { filter, type Collection, type HandlerContext } from "@weft/krt";
import type { RouteDestination } from "../model/istio.js";
import type { BackendRef, HTTPRouteFilter, ReferenceGrant } from "../model/resources.js";
import { shadowServiceName } from "../inference/shadow-service.js";
import { referenceAllowed } from "../references.js";
import type { MeshInputs } from "./mesh-parents.js";

const INFERENCE_GROUP = "inference.networking.k8s.io";
import { applyFilter } from "./http-filters.js";
import { serviceHostname } from "../names.js";
import type { MeshService } from "../options.js";
import type { RefsOutcome } from "./route-status.js";

/** Combines backend problems as Istio reports them: the last one found is the one shown. */
export function lastProblem(current: RefsOutcome, next: RefsOutcome): RefsOutcome {
  return next.ok ? current : next;
}

export interface ResolvedBackends {
  destinations: RouteDestination[];
  refs: RefsOutcome;
}

/**
 * Destinations with weights: a single backend carries none; several carry theirs
 * (default 1), and a backend of weight 0 receives nothing so it is left out. Header
 * filters on a backendRef apply to requests and responses through that backend.
 */
/** Where backends are looked up and who may refer to them. */
export interface BackendContext {
  registry: Collection<MeshService>;
  grants: Collection<ReferenceGrant>;
  domainSuffix: string;
  mesh: MeshInputs;
}

export function resolveBackends(
  ctx: HandlerContext,
  env: BackendContext,
  routeKind: string,
  refs: readonly (BackendRef & { filters?: HTTPRouteFilter[] })[],
  routeNamespace: string,
  /** Gateway semantics enforce ReferenceGrants; mesh semantics do not. */
  enforceGrants = true,
): ResolvedBackends {
  const { registry, domainSuffix } = env;
  let outcome: RefsOutcome = { ok: true };
  const destinations: RouteDestination[] = [];
  for (const ref of refs) {
    const namespace = ref.namespace ?? routeNamespace;
    const kind = ref.kind ?? "Service";
    const group = ref.group ?? "";
    const supported = (group === "" && kind === "Service") || (group === "networking.istio.io" && kind === "Hostname") || (group === INFERENCE_GROUP && kind === "InferencePool") || (group === "multicluster.x-k8s.io" && kind === "ServiceImport");
    if (!supported) {
      // Istio cannot route to this kind: its share of traffic fails.
      outcome = lastProblem(outcome, { ok: false, reason: "InvalidKind", message: `referencing unsupported backendRef: group ${JSON.stringify(group)} kind ${JSON.stringify(kind)}` });
      if (refs.length > 1 && ref.weight === 0) continue;
      destinations.push(refs.length > 1 ? { destination: {}, weight: ref.weight ?? 1 } : { destination: {} });
      continue;
    }
    const pool = kind === "InferencePool" && ref.group === INFERENCE_GROUP;
    // A Hostname backend names a registry host directly (a ServiceEntry's, say).
    const hostname = kind === "Hostname" && ref.group === "networking.istio.io";
    // An InferencePool is reached through its shadow Service.
    const host = hostname ? ref.name : serviceHostname(pool ? shadowServiceName(ref.name) : ref.name, namespace, domainSuffix);
    const referent = { group: ref.group ?? "", kind, namespace, name: ref.name };
    const permitted = !enforceGrants || hostname || referenceAllowed(ctx, env.grants, { group: "gateway.networking.k8s.io", kind: routeKind, namespace: routeNamespace }, referent);
    if (!permitted) {
      outcome = lastProblem(outcome, {
        ok: false,
        reason: "RefNotPermitted",
        message: `backendRef ${ref.name}/${namespace} not accessible to a ${routeKind} in namespace ${JSON.stringify(routeNamespace)} (missing a ReferenceGrant?)`,
      });
    }
    const service = permitted ? ctx.fetchOne(registry, filter.key(host)) : undefined;
    if (permitted && service === undefined) outcome = lastProblem(outcome, { ok: false, reason: "BackendNotFound", message: `backend(${host}) not found` });
    // A shadow Service exposes the pool on its own ports: use the requested one if it has it.
    const port = pool && service !== undefined && !service.ports.some((p) => p.port === ref.port) ? service.ports[0]?.port : ref.port;
    if (refs.length > 1 && ref.weight === 0) continue;
    // A backend the route may not use keeps its place (and weight) with no destination,
    // so its share of traffic fails instead of going elsewhere.
    // A pool without its shadow Service has nowhere to send its share (a missing
    // plain Service still gets its name written: it may appear in the registry later).
    const usable = permitted && (service !== undefined || !pool);
    const d: RouteDestination = { destination: usable ? { host, ...(port === undefined ? {} : { port: { number: port } }) } : {} };
    if (refs.length > 1) d.weight = ref.weight ?? 1;
    if (ref.filters !== undefined && ref.filters.length > 0) {
      const scratch: { headers?: RouteDestination["headers"] } = {};
      for (const f of ref.filters) applyFilter(scratch, f, routeNamespace, domainSuffix);
      if (scratch.headers !== undefined) d.headers = scratch.headers;
    }
    destinations.push(d);
  }
  return { destinations, refs: outcome };
}
