/**
 * The translator as a graph of krt collections over input collections. A change to
 * one input recomputes only what depends on it: one route's VirtualServices and
 * status, the attachment counts of the listeners it binds to, and so on. This file
 * only wires the graph; each part is built where its concern lives:
 *  - gateways/gateway-models.ts, gateway-statuses.ts: Gateways and their classes;
 *  - listenersets/: ListenerSets, and the listeners they win from their Gateways;
 *  - routes/l4-route-collection.ts, http-route-collection.ts, route-outputs.ts: routes;
 *  - policies/, inference/: backend policies and InferencePools.
 */
import { namespacedKey } from "@weft/api";
import { join, manyCollection, type Collection } from "@weft/krt";
import { gatewayModels } from "./gateways/gateway-models.js";
import { gatewayClassStatuses, gatewayStatuses } from "./gateways/gateway-statuses.js";
import { istioGatewaysOf } from "./gateways/istio-gateways.js";
import type { GatewayInputs } from "./inputs.js";
import type { DestinationRule, IstioGateway, VirtualService } from "./model/istio.js";
import type { Service } from "./model/resources.js";
import { resolveOptions, type TranslateOptions } from "./options.js";
import { serviceRegistry } from "./registry.js";
import { httpRoutes } from "./routes/http-route-collection.js";
import { l4Routes } from "./routes/l4-route-collection.js";
import type { ListenerParent } from "./routes/parents.js";
import { routeEnvironment } from "./routes/route-environment.js";
import { routeOutputs, routeStatuses } from "./routes/route-outputs.js";
import { statusKey, type StatusDocument } from "./status/documents.js";
import { shadowServices } from "./inference/shadow-services.js";
import { inferencePoolStatuses } from "./inference/pool-status.js";
import { routesByPool } from "./inference/pool-parents.js";
import { listenerConflicts, listenerSetsByParent } from "./listenersets/conflict-collection.js";
import { listenerSetIstioGateways, listenerSetModels, listenerSetModelsByParent, listenerSetRouteParents, listenerSetStatuses } from "./listenersets/listener-set-collections.js";
import { backendPolicyCollections } from "./policies/backend-policy-collections.js";

/** The translator's outputs, each a live collection. */
export interface GatewayOutputs {
  gateways: Collection<IstioGateway>;
  virtualServices: Collection<VirtualService>;
  destinationRules: Collection<DestinationRule>;
  statuses: Collection<StatusDocument>;
  /** The Service Istio writes for each InferencePool, for a controller to apply. */
  shadowServices: Collection<Service>;
  /**
   * Releases the collections the translator made roots of its own (the mesh services
   * given in the options), which disposing the inputs cannot reach. The outputs are
   * disposed with the inputs they derive from; this covers the rest.
   */
  dispose(): void;
}

/** Builds every output collection over `inputs`. */
export function gatewayCollections(inputs: GatewayInputs, options?: TranslateOptions): GatewayOutputs {
  const opts = resolveOptions(options);
  const { registry, dispose } = serviceRegistry(inputs.services, inputs.serviceEntries, opts);
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

  const env = routeEnvironment(inputs, registry, routeParents, opts);
  const tcp = l4Routes("TCPRoute", inputs.tcpRoutes, env);
  const tls = l4Routes("TLSRoute", inputs.tlsRoutes, env);
  const http = httpRoutes("HTTPRoute", inputs.httpRoutes, env);
  const grpc = httpRoutes("GRPCRoute", inputs.grpcRoutes, env);
  const { virtualServices, attachments, attachmentsByGateway } = routeOutputs([tcp.outputs, tls.outputs, http.outputs, grpc.outputs]);

  const gatewayStatusDocuments = gatewayStatuses(gateways, { attachments, attachmentsByGateway, listenerSets, listenerSetsByGateway, registry }, opts);
  const classStatuses = gatewayClassStatuses(inputs, opts);
  const routeStatusDocuments = routeStatuses([
    ["HTTPRoute", http.statuses],
    ["GRPCRoute", grpc.statuses],
    ["TCPRoute", tcp.statuses],
    ["TLSRoute", tls.statuses],
  ]);
  const poolRoutes = routesByPool(inputs.httpRoutes);
  const poolStatuses = inferencePoolStatuses(inputs, opts, poolRoutes);
  const setStatuses = listenerSetStatuses(listenerSets, attachments, attachmentsByGateway, opts.now);
  const backendPolicies = backendPolicyCollections(inputs, opts);
  const statuses = join([classStatuses, gatewayStatusDocuments, setStatuses, routeStatusDocuments, poolStatuses, backendPolicies.statuses], { name: "Statuses", key: statusKey });
  return { gateways: istioGateways, virtualServices, destinationRules: backendPolicies.destinationRules, statuses, shadowServices: shadowServices(inputs, opts, poolRoutes), dispose };
}
