/**
 * @weft/api: zod schemas and inferred types for the Kubernetes resources Weft reads and
 * writes (Gateway API, Inference Extension, Istio networking, core), the registry of
 * kinds, and multi-document YAML loading with located errors. See README.md.
 */
export * from "./meta.js";
export * from "./name-limits.js";
export * from "./identity.js";
export { mergeConditions, withObservedGeneration, type Declared, type StatusCondition, type TypedCondition } from "./status/conditions.js";
export { mergeRouteParents, type RouteParentsWrite, type StatusRouteParent } from "./status/route-parents.js";
export { parentIdentity, resolveParentRef, type ParentRefFields, type ResolvedParentRef } from "./status/parent-identity.js";
export type * from "./status/route-reasons.js";
export type * from "./status/gateway-reasons.js";
export type * from "./status/policy-reasons.js";
export type * from "./status/inference-reasons.js";
export { kobject, int, int64OrString, intOrString, record, stringMap, timestamp } from "./schema-kit.js";

export * from "./gateway-api/shared.js";
export * from "./gateway-api/gateway-class.js";
export * from "./gateway-api/listener.js";
export * from "./gateway-api/gateway.js";
export * from "./gateway-api/listener-set.js";
export * from "./gateway-api/http-filters.js";
export * from "./gateway-api/http-route.js";
export * from "./gateway-api/grpc-route.js";
export * from "./gateway-api/tcp-route.js";
export * from "./gateway-api/tls-route.js";
export * from "./gateway-api/reference-grant.js";
export * from "./gateway-api/backend-tls-policy.js";
export * from "./gateway-api/x-backend-traffic-policy.js";
export * from "./gateway-api/x-backend.js";

export * from "./inference.js";

export * from "./istio/common.js";
export * from "./istio/gateway.js";
export * from "./istio/virtual-service.js";
export * from "./istio/destination-rule.js";
export * from "./istio/service-entry.js";
export * from "./istio/workload-entry.js";

export * from "./core/service.js";
export * from "./core/namespace.js";
export * from "./core/secret.js";
export * from "./core/config-map.js";
export * from "./core/pod.js";
export * from "./core/endpoint-slice.js";

export {
  KINDS,
  groupKindKey,
  groupKindOf,
  groupOf,
  isKind,
  lookupKind,
  objectKey,
  versionOf,
  type GroupKind,
  type KindInfo,
  type KindLookup,
  type KindMap,
  type KubeObject,
} from "./registry.js";
export {
  describeValue,
  formatManifestError,
  formatPath,
  MAX_QUOTED,
  shorten,
  type FieldPath,
  type ManifestError,
  type Where,
} from "./errors.js";
export { MAX_ERRORS_PER_OBJECT, parseObject, type ParseResult } from "./parse-object.js";
export {
  DEFAULT_MAX_ALIAS_COUNT,
  loadManifests,
  type LoadOptions,
  type LoadResult,
  type ObjectOrigin,
} from "./load-manifests.js";
export { re2FullMatcher, re2Problem, re2Searcher } from "./re2.js";
export { applySchemaDefaults, crdDefaulter, type CrdDefaulter } from "./crd-defaults.js";
export { admitCreated, admitUpdated, NAMESPACE_NAME_LABEL, type AdmitOptions } from "./admission.js";
