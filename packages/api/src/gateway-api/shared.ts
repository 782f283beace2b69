/**
 * Shapes shared by the Gateway API kinds: object references, parent references, route
 * and policy statuses, session persistence. Names follow the Go types of
 * sigs.k8s.io/gateway-api/apis/v1 so a reader can hold the spec next to this file.
 */
import { z } from "zod";
import { ConditionSchema } from "../meta.js";
import { int, kobject } from "../schema-kit.js";

/** The API group of the standard and most experimental Gateway API kinds. */
export const GATEWAY_GROUP = "gateway.networking.k8s.io";
/** The API group of the experimental-only Gateway API kinds (X-prefixed). */
export const GATEWAY_X_GROUP = "gateway.networking.x-k8s.io";

/**
 * A reference from a route (or a policy's status) to its parent, usually a Gateway or a
 * ListenerSet. `group` and `kind` default to the Gateway's when absent; the defaulting is
 * the translator's job, so the schema leaves them optional.
 */
export const ParentReferenceSchema = kobject({
  group: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string(),
  sectionName: z.string().optional(),
  port: int.optional(),
});
/** What {@link ParentReferenceSchema} parses to, inferred from it so the shape is written once. */
export type ParentReference = z.infer<typeof ParentReferenceSchema>;

/**
 * A ListenerSet's reference to the Gateway it extends (ParentGatewayReference).
 */
export const ParentGatewayReferenceSchema = kobject({
  group: z.string().optional(),
  kind: z.string().optional(),
  name: z.string(),
  namespace: z.string().optional(),
});
/** What {@link ParentGatewayReferenceSchema} parses to, inferred from it so the shape is written once. */
export type ParentGatewayReference = z.infer<typeof ParentGatewayReferenceSchema>;

/**
 * A reference to an object in the same namespace with group and kind spelled out
 * (filters' extensionRef, BackendTLSPolicy CA certificates).
 */
export const LocalObjectReferenceSchema = kobject({
  group: z.string(),
  kind: z.string(),
  name: z.string(),
});
/** What {@link LocalObjectReferenceSchema} parses to, inferred from it so the shape is written once. */
export type LocalObjectReference = z.infer<typeof LocalObjectReferenceSchema>;

/**
 * A reference to a Secret-like object, possibly in another namespace (subject to a
 * ReferenceGrant). Group and kind default to core Secret.
 */
export const SecretObjectReferenceSchema = kobject({
  group: z.string().optional(),
  kind: z.string().optional(),
  name: z.string(),
  namespace: z.string().optional(),
});
/** What {@link SecretObjectReferenceSchema} parses to, inferred from it so the shape is written once. */
export type SecretObjectReference = z.infer<typeof SecretObjectReferenceSchema>;

/**
 * A reference to any object, possibly in another namespace, with group and kind required
 * (frontend TLS validation CA certificates).
 */
export const GatewayObjectReferenceSchema = kobject({
  group: z.string(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
});
/** What {@link GatewayObjectReferenceSchema} parses to, inferred from it so the shape is written once. */
export type GatewayObjectReference = z.infer<typeof GatewayObjectReferenceSchema>;

const backendObjectReferenceShape = {
  group: z.string().optional(),
  kind: z.string().optional(),
  name: z.string(),
  namespace: z.string().optional(),
  port: int.optional(),
};

/**
 * A reference to a backend (a Service by default, or an InferencePool, ServiceEntry,
 * XBackend...). The port is optional in the schema because whether it is required
 * depends on the kind referenced, which only the translator knows.
 */
export const BackendObjectReferenceSchema = kobject(backendObjectReferenceShape);
/** What {@link BackendObjectReferenceSchema} parses to, inferred from it so the shape is written once. */
export type BackendObjectReference = z.infer<typeof BackendObjectReferenceSchema>;

/** The fields of a weighted backend reference, for the route kinds that extend it. */
export const backendRefShape = { ...backendObjectReferenceShape, weight: int.optional() };

/**
 * A weighted backend reference, as TCPRoute and TLSRoute rules use it.
 */
export const BackendRefSchema = kobject(backendRefShape);
/** What {@link BackendRefSchema} parses to, inferred from it so the shape is written once. */
export type BackendRef = z.infer<typeof BackendRefSchema>;

/** The fields every route spec starts with (CommonRouteSpec). */
export const commonRouteSpecShape = {
  parentRefs: z.array(ParentReferenceSchema).optional(),
  useDefaultGateways: z.string().optional(),
};

/**
 * The status one controller writes for one parent of a route.
 */
export const RouteParentStatusSchema = kobject({
  parentRef: ParentReferenceSchema,
  controllerName: z.string(),
  conditions: z.array(ConditionSchema).optional(),
});
/** What {@link RouteParentStatusSchema} parses to, inferred from it so the shape is written once. */
export type RouteParentStatus = z.infer<typeof RouteParentStatusSchema>;

/**
 * The status of every route kind: one entry per parent per controller. `parents` is
 * required by the API, and a translator always writes it, even empty.
 */
export const RouteStatusSchema = kobject({
  parents: z.array(RouteParentStatusSchema),
});
/** What {@link RouteStatusSchema} parses to, inferred from it so the shape is written once. */
export type RouteStatus = z.infer<typeof RouteStatusSchema>;

/**
 * The status one controller writes for one ancestor of a policy (PolicyAncestorStatus).
 */
export const PolicyAncestorStatusSchema = kobject({
  ancestorRef: ParentReferenceSchema,
  controllerName: z.string(),
  conditions: z.array(ConditionSchema).optional(),
});
/** What {@link PolicyAncestorStatusSchema} parses to, inferred from it so the shape is written once. */
export type PolicyAncestorStatus = z.infer<typeof PolicyAncestorStatusSchema>;

/**
 * The status of a policy kind (BackendTLSPolicy, XBackendTrafficPolicy).
 */
export const PolicyStatusSchema = kobject({
  ancestors: z.array(PolicyAncestorStatusSchema),
});
/** What {@link PolicyStatusSchema} parses to, inferred from it so the shape is written once. */
export type PolicyStatus = z.infer<typeof PolicyStatusSchema>;

/**
 * A policy's target in its own namespace (LocalPolicyTargetReference).
 */
export const LocalPolicyTargetReferenceSchema = kobject({
  group: z.string(),
  kind: z.string(),
  name: z.string(),
});
/** What {@link LocalPolicyTargetReferenceSchema} parses to, inferred from it so the shape is written once. */
export type LocalPolicyTargetReference = z.infer<typeof LocalPolicyTargetReferenceSchema>;

/**
 * A policy's target that may name one section (a port name, a listener) of the target.
 */
export const LocalPolicyTargetReferenceWithSectionNameSchema = kobject({
  group: z.string(),
  kind: z.string(),
  name: z.string(),
  sectionName: z.string().optional(),
});
/** What {@link LocalPolicyTargetReferenceWithSectionNameSchema} parses to, inferred from it so the shape is written once. */
export type LocalPolicyTargetReferenceWithSectionName = z.infer<
  typeof LocalPolicyTargetReferenceWithSectionNameSchema
>;

/**
 * Cookie settings of session persistence. Released versions (up to v1.6) carry only
 * `lifetimeType`; the development branch adds `name` and `path`.
 */
export const CookieConfigSchema = kobject({
  lifetimeType: z.string().optional(),
  name: z.string().optional(),
  path: z.string().optional(),
});
/** What {@link CookieConfigSchema} parses to, inferred from it so the shape is written once. */
export type CookieConfig = z.infer<typeof CookieConfigSchema>;

/**
 * Session persistence of a route rule or a backend traffic policy. Both spellings are
 * modelled: the released one (`sessionName`, `idleTimeout`, `cookieConfig`, v1.6 and
 * earlier) and the development branch's (`cookie`, `header`), since manifests of both
 * exist and neither may be rejected.
 */
export const SessionPersistenceSchema = kobject({
  sessionName: z.string().optional(),
  absoluteTimeout: z.string().optional(),
  idleTimeout: z.string().optional(),
  type: z.string().optional(),
  cookieConfig: CookieConfigSchema.optional(),
  cookie: CookieConfigSchema.optional(),
  header: kobject({ name: z.string() }).optional(),
});
/** What {@link SessionPersistenceSchema} parses to, inferred from it so the shape is written once. */
export type SessionPersistence = z.infer<typeof SessionPersistenceSchema>;

/**
 * A fraction (numerator over an optional denominator, default 100), as request
 * mirroring uses it.
 */
export const FractionSchema = kobject({
  numerator: int,
  denominator: int.optional(),
});
/** What {@link FractionSchema} parses to, inferred from it so the shape is written once. */
export type Fraction = z.infer<typeof FractionSchema>;

/**
 * A route kind and group a listener accepts or supports (RouteGroupKind).
 */
export const RouteGroupKindSchema = kobject({
  group: z.string().optional(),
  kind: z.string(),
});
/** What {@link RouteGroupKindSchema} parses to, inferred from it so the shape is written once. */
export type RouteGroupKind = z.infer<typeof RouteGroupKindSchema>;
