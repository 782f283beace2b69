/**
 * @weft/xds: Envoy xDS resources as krt collections of protobuf-es messages, and an ADS
 * server (state-of-the-world and delta) that serves them. See docs/xds.md.
 */
export { xdsCollections, type XdsOutputs, type XdsProblem } from "./collections.js";
export { endpointsCollection, xdsInputsFromGateway, type XdsInputs } from "./inputs.js";
export { controlPlaneCollections, type ControlPlane, type ControlPlaneInputs, type ControlPlaneOptions, type HandWrittenIstioConfig } from "./control-plane.js";
export { endpointsFromSlices, SERVICE_NAME_LABEL, type EndpointSliceOptions } from "./endpoints/endpoint-slices.js";
export { defaultProxyOf, resolveXdsOptions, GATEWAY_SERVICE_ANNOTATION, type XdsOptions, type ResolvedXdsOptions } from "./options.js";
export { GRPC_SCOPE, SHARED_SCOPE, gatewayScope, contentVersion, sameResource, xdsResource, type ResourceAddress, type ResourceKey, type XdsResource } from "./resource.js";
export { CLUSTER_TYPE, ENDPOINT_TYPE, LISTENER_TYPE, ROUTE_TYPE, SCHEMA_OF, isXdsTypeUrl, requiresFullState, type XdsTypeUrl } from "./resource-types.js";
export { resourceToJson, xdsRegistry } from "./json.js";
export { clusterName, grpcListenerName, gatewayListenerName, parseClusterName } from "./names.js";
export { serviceEndpointsKey, type ServiceEndpointsKey, type EndpointInput, type LocalityInput, type ServiceEndpoints, type DestinationRuleInput, type GatewayConfigInput, type VirtualServiceInput } from "./model.js";
export type { ProxyPlan, ListenerPlan, RoutePlan } from "./proxy-plans.js";
export type { ClusterPlan } from "./clusters/cluster-plans.js";
export { AdsServer, type AdsErrorContext, type AdsServerOptions, type RetainedState } from "./server/ads-server.js";
export { DEFAULT_ADS_LIMITS, type AdsLimits } from "./server/limits.js";
export { AdsClient, adsServiceDefinition, type AdsServiceDefinition } from "./server/ads-service.js";
export { GATEWAY_METADATA_KEY, defaultScopeOf } from "./server/client-scope.js";
export type { AckEvent, AdsEvents, ClientStatus, IgnoredEvent, NackEvent, PushStats, StreamCloseEvent, StreamOpenEvent, TypeStatus } from "./server/events.js";
export {
  DeltaDiscoveryRequestSchema,
  DeltaDiscoveryResponseSchema,
  DiscoveryRequestSchema,
  DiscoveryResponseSchema,
  type DeltaDiscoveryRequest,
  type DeltaDiscoveryResponse,
  type DiscoveryRequest,
  type DiscoveryResponse,
} from "./gen/envoy/service/discovery/v3/discovery_pb.js";
export { resourceViolations } from "./validate/validate-resource.js";
export { validateMessage, type Violation } from "./validate/validate-message.js";
export type { GrpcCertificateProviders } from "./secrets/certificate-providers.js";
// Named by the exports above (AckEvent.protocol, ClusterPlan.policy).
export type { Protocol } from "./server/events.js";
export type { ClusterPolicy } from "./clusters/destination-rules.js";
