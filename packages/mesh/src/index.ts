/**
 * @weft/mesh: the mesh model behind Istio's proxies (see docs/mesh.md).
 */
export {
  CA_SUFFIX,
  MESH_ROOT_CERTIFICATE,
  WORKLOAD_CERTIFICATE,
  caResourceName,
  cacheKey,
  credentialResourceName,
  parseResourceName,
  type KubernetesResource,
  type ParsedResource,
  type RequestContext,
  type SecretResource,
} from "./sds-names.js";
export { spiffeIdentity, workloadEntryLabels, workloadInstance, type WorkloadInstance, type WorkloadInstanceOptions } from "./workload-entry.js";
export {
  CLUSTER_LABEL,
  LEGACY_LOCALITY_LABEL,
  LOCALITY_LABEL,
  NETWORK_LABEL,
  REGION_LABEL,
  SUBZONE_LABEL,
  TLS_MODE_LABEL,
  ZONE_LABEL,
} from "./topology-labels.js";
export {
  DEFAULT_TAG,
  REVISION_LABEL,
  TAG_LABEL,
  inRevision,
  isMine,
  revisionGuardedWriter,
  type RevisionState,
  type RevisionedMeta,
} from "./revisions.js";
export {
  serviceIndex,
  serviceInfoOfService,
  type ServiceIndex,
  type IndexedServiceInfo,
  type ServiceIndexOptions,
  type ServiceInfo,
} from "./service-index.js";
export {
  serviceClusterIPs,
  serviceExternalAddresses,
  serviceInfosOfGiven,
  type MeshService,
  type MeshServicePort,
  type ServiceSource,
} from "./service-info.js";
export {
  INFERENCE_POOL_LABEL,
  LEGACY_INFERENCE_POOL_LABEL,
  endpointsByPort,
  type ScopedService,
  type ServiceEndpoint,
  type ServiceScope,
} from "./endpoint-scoping.js";
export {
  ClusterStore,
  type ClusterHealth,
  type ClusterRuntime,
  type ClusterStatus,
  type ReadyCluster,
  type StartCluster,
} from "./cluster-store.js";
export {
  isPassthroughServer,
  mergeGateways,
  parseProtocol,
  serverPortKey,
  type GatewayInput,
  type MergeOptions,
  type MergedGateway,
  type MergedServerEntry,
  type MergedServers,
  type RejectedServer,
  type RejectionCode,
  type ServerPort,
  type TlsServerInfo,
} from "./gateway-merge.js";
