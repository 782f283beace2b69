/**
 * @weft/gateway: Gateway API resources to Istio config and statuses.
 */
// Status merging lives in @weft/api (shared with @weft/kube's status writer); these
// names stay exported here so existing users of @weft/gateway keep compiling.
export {
  mergeConditions,
  mergeRouteParents,
  parentIdentity,
  type ParentReference,
  type RouteParentsWrite,
  type StatusCondition as Condition,
  type StatusRouteParent as RouteParentStatus,
} from "@weft/api";
export { translate, type TranslateError, type TranslateResult } from "./translate.js";
export { gatewayCollections, type GatewayOutputs } from "./collections.js";
export { GATEWAY_INPUT_KINDS, staticInputs, type GatewayInputs, type InputKind, type StaticGatewayInputs } from "./inputs.js";
export { shadowService, shadowServices } from "./inference/shadow-services.js";
export { shadowServiceName } from "./inference/shadow-service.js";
export { resolveOptions, type GatewayFeatures, type MeshService, type MeshServicePort, type ResolvedOptions, type TranslateOptions } from "./options.js";
export type { StatusDocument } from "./status/documents.js";
export type { DestinationRule, IstioGateway, VirtualService } from "./model/istio.js";
export type { InputObject } from "./model/resources.js";
