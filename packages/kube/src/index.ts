/**
 * @weft/kube: the adapter to a real cluster. Informers that keep krt collections equal
 * to what the API server holds, a status writer fed by krt status collections, and
 * Lease-based leader election, over `@kubernetes/client-node`. See docs/kube.md.
 */
export { asKubeApiError, errorFromStatus, KubeApiError, MALFORMED_REASON, type KubeApi, type KubeObjectLike, type LeaseRecord, type ListOptions, type ListPage, type Scope, type StatusBody, type WatchEventType, type WatchHandle, type WatchOptions } from "./api.js";
export { Backoff, sleep, type BackoffOptions } from "./backoff.js";
export { clientNodeApi, toKubeApiError, type ClientNodeApiOptions } from "./client-node-api.js";
export { apiVersionOf, collectionPath, KNOWN_RESOURCES, LEASE_RESOURCE, objectPath, resourceOf, sameGroupKind, type ResourceType } from "./resources.js";
export { Reflector, type RawObject, type ReflectorErrorContext, type ReflectorOptions, type ReflectorSink, type ReflectorStats, type WatchChange } from "./reflector.js";
export { defaultParse, informer, InvalidObjectError, selectorText, type Informer, type InformerErrorContext, type InformerOptions, type ParseOutcome } from "./informer.js";
export { LeaderElector, type Leadership, type LeaderElectionErrorContext, type LeaderElectionOptions, type LeaderElectionStats } from "./leader-election.js";
export { mergeStatus, type MergeContext, type Status } from "./status-merge.js";
export { StatusWriter, type StatusDocumentLike, type StatusWriterErrorContext, type StatusWriterOptions, type WriteOutcome, type WriteReport } from "./status-writer.js";
export { gatewayInformers, gatewayInputKinds, type GatewayInformerOptions, type GatewayInformers } from "./gateway-informers.js";
