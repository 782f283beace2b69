/**
 * @weft/gateway: Gateway API resources to Istio config and statuses.
 */
export { mergeConditions, type Condition } from "./status/conditions.js";
export { mergeRouteParents, parentIdentity, type ParentReference, type RouteParentStatus } from "./status/route-parents.js";
export { translate, type TranslateError, type TranslateResult } from "./translate.js";
export { gatewayCollections, type GatewayOutputs } from "./collections.js";
export { staticInputs, type GatewayInputs } from "./inputs.js";
export { shadowService, shadowServices } from "./inference/shadow-services.js";
export { shadowServiceName } from "./inference/shadow-service.js";
export { resolveOptions, type GatewayFeatures, type MeshService, type MeshServicePort, type ResolvedOptions, type TranslateOptions } from "./options.js";
export type { StatusDocument } from "./status/documents.js";
export type { DestinationRule, IstioGateway, VirtualService } from "./model/istio.js";
export type { InputObject } from "./model/resources.js";
