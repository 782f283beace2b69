/**
 * HTTPRoute (gateway.networking.k8s.io): hostnames, rules of matches, filters and
 * weighted backends, timeouts and retries; its status is the shared route status.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { int, kobject } from "../schema-kit.js";
import { HTTPRouteFilterSchema } from "./http-filters.js";
import { backendRefShape, commonRouteSpecShape, RouteStatusSchema, SessionPersistenceSchema } from "./shared.js";

/** The apiVersions an HTTPRoute is accepted under (v1beta1 is still served). */
export const HTTP_ROUTE_API_VERSIONS = ["gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1beta1"] as const;

/**
 * A path match: Exact, PathPrefix (the default) or RegularExpression.
 */
export const HTTPPathMatchSchema = kobject({
  type: z.string().optional(),
  value: z.string().optional(),
});
/** What {@link HTTPPathMatchSchema} parses to, inferred from it so the shape is written once. */
export type HTTPPathMatch = z.infer<typeof HTTPPathMatchSchema>;

/**
 * A header or query parameter match: Exact (the default) or RegularExpression.
 */
export const HTTPHeaderMatchSchema = kobject({
  type: z.string().optional(),
  name: z.string(),
  value: z.string(),
});
/** What {@link HTTPHeaderMatchSchema} parses to, inferred from it so the shape is written once. */
export type HTTPHeaderMatch = z.infer<typeof HTTPHeaderMatchSchema>;

/**
 * One way a request can match a rule: every condition given must hold.
 */
export const HTTPRouteMatchSchema = kobject({
  path: HTTPPathMatchSchema.optional(),
  headers: z.array(HTTPHeaderMatchSchema).optional(),
  queryParams: z.array(HTTPHeaderMatchSchema).optional(),
  method: z.string().optional(),
});
/** What {@link HTTPRouteMatchSchema} parses to, inferred from it so the shape is written once. */
export type HTTPRouteMatch = z.infer<typeof HTTPRouteMatchSchema>;

/**
 * A weighted backend of an HTTPRoute rule, with filters applied only when it is chosen.
 */
export const HTTPBackendRefSchema = kobject({
  ...backendRefShape,
  filters: z.array(HTTPRouteFilterSchema).optional(),
});
/** What {@link HTTPBackendRefSchema} parses to, inferred from it so the shape is written once. */
export type HTTPBackendRef = z.infer<typeof HTTPBackendRefSchema>;

/**
 * Request timeouts of a rule, as Gateway API durations ("10s", "500ms").
 */
export const HTTPRouteTimeoutsSchema = kobject({
  request: z.string().optional(),
  backendRequest: z.string().optional(),
});
/** What {@link HTTPRouteTimeoutsSchema} parses to, inferred from it so the shape is written once. */
export type HTTPRouteTimeouts = z.infer<typeof HTTPRouteTimeoutsSchema>;

/**
 * Retries of a rule: on which status codes, how many attempts, with what backoff.
 */
export const HTTPRouteRetrySchema = kobject({
  codes: z.array(int).optional(),
  attempts: int.optional(),
  backoff: z.string().optional(),
});
/** What {@link HTTPRouteRetrySchema} parses to, inferred from it so the shape is written once. */
export type HTTPRouteRetry = z.infer<typeof HTTPRouteRetrySchema>;

/**
 * One HTTPRoute rule.
 */
export const HTTPRouteRuleSchema = kobject({
  name: z.string().optional(),
  matches: z.array(HTTPRouteMatchSchema).optional(),
  filters: z.array(HTTPRouteFilterSchema).optional(),
  backendRefs: z.array(HTTPBackendRefSchema).optional(),
  timeouts: HTTPRouteTimeoutsSchema.optional(),
  retry: HTTPRouteRetrySchema.optional(),
  sessionPersistence: SessionPersistenceSchema.optional(),
});
/** What {@link HTTPRouteRuleSchema} parses to, inferred from it so the shape is written once. */
export type HTTPRouteRule = z.infer<typeof HTTPRouteRuleSchema>;

/**
 * The spec of an HTTPRoute.
 */
export const HTTPRouteSpecSchema = kobject({
  ...commonRouteSpecShape,
  hostnames: z.array(z.string()).optional(),
  rules: z.array(HTTPRouteRuleSchema).optional(),
});
/** What {@link HTTPRouteSpecSchema} parses to, inferred from it so the shape is written once. */
export type HTTPRouteSpec = z.infer<typeof HTTPRouteSpecSchema>;

/**
 * An HTTPRoute object.
 */
export const HTTPRouteSchema = kobject({
  apiVersion: z.enum(HTTP_ROUTE_API_VERSIONS),
  kind: z.literal("HTTPRoute"),
  metadata: ObjectMetaSchema,
  spec: HTTPRouteSpecSchema,
  status: RouteStatusSchema.optional(),
});
/** What {@link HTTPRouteSchema} parses to, inferred from it so the shape is written once. */
export type HTTPRoute = z.infer<typeof HTTPRouteSchema>;
