/**
 * What every route collection reads besides its routes: where parents and backends
 * are looked up, and the translator's options.
 */
import { namespacedKeyOf } from "@weft/api";
import { filter, type Collection } from "@weft/krt";
import { isForeignWaypointClass } from "../gateways/classes.js";
import type { GatewayInputs } from "../inputs.js";
import type { MeshService, ResolvedOptions } from "../options.js";
import type { BackendContext } from "./backends.js";
import type { ListenerParent } from "./parents.js";
import type { ParentLookups } from "./resolve-parents.js";

export interface RouteEnvironment {
  parents: ParentLookups;
  backends: BackendContext;
  opts: ResolvedOptions;
}

/** The route environment over the translator's inputs, its service registry and its listener parents. */
export function routeEnvironment(inputs: GatewayInputs, registry: Collection<MeshService>, listenerParents: Collection<ListenerParent>, opts: ResolvedOptions): RouteEnvironment {
  const mesh: BackendContext["mesh"] = {
    services: inputs.services,
    serviceEntries: inputs.serviceEntries,
    domainSuffix: opts.domainSuffix,
    foreignWaypoint: (ctx, namespace, name) => {
      const gw = ctx.fetchOne(inputs.gateways, filter.key(namespacedKeyOf(namespace, name)));
      if (gw === undefined) return false;
      return isForeignWaypointClass(ctx.fetchOne(inputs.gatewayClasses, filter.key(gw.spec?.gatewayClassName ?? "")), opts);
    },
  };
  const backends: BackendContext = {
    registry,
    xBackends: inputs.xBackends,
    alphaGatewayAPI: opts.features.alphaGatewayAPI,
    grants: inputs.referenceGrants,
    domainSuffix: opts.domainSuffix,
    mesh,
  };
  return { parents: { listenerParents, mesh }, backends, opts };
}
