/**
 * GRPCRoute (gateway.networking.k8s.io): gRPC-aware routing by service, method and
 * headers; its status is the shared route status.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { kobject } from "../schema-kit.js";
import { HTTPHeaderFilterSchema, HTTPRequestMirrorFilterSchema } from "./http-filters.js";
import {
  backendRefShape,
  commonRouteSpecShape,
  LocalObjectReferenceSchema,
  RouteStatusSchema,
  SessionPersistenceSchema,
} from "./shared.js";

/** The apiVersions a GRPCRoute is accepted under (v1alpha2 before it was promoted). */
export const GRPC_ROUTE_API_VERSIONS = ["gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1alpha2"] as const;

/**
 * A gRPC method match: service and/or method, Exact (the default) or RegularExpression.
 */
export const GRPCMethodMatchSchema = kobject({
  type: z.string().optional(),
  service: z.string().optional(),
  method: z.string().optional(),
});
/** What {@link GRPCMethodMatchSchema} parses to, inferred from it so the shape is written once. */
export type GRPCMethodMatch = z.infer<typeof GRPCMethodMatchSchema>;

/**
 * A gRPC header match.
 */
export const GRPCHeaderMatchSchema = kobject({
  type: z.string().optional(),
  name: z.string(),
  value: z.string(),
});
/** What {@link GRPCHeaderMatchSchema} parses to, inferred from it so the shape is written once. */
export type GRPCHeaderMatch = z.infer<typeof GRPCHeaderMatchSchema>;

/**
 * One way a request can match a GRPCRoute rule.
 */
export const GRPCRouteMatchSchema = kobject({
  method: GRPCMethodMatchSchema.optional(),
  headers: z.array(GRPCHeaderMatchSchema).optional(),
});
/** What {@link GRPCRouteMatchSchema} parses to, inferred from it so the shape is written once. */
export type GRPCRouteMatch = z.infer<typeof GRPCRouteMatchSchema>;

/**
 * A GRPCRoute filter: header modifiers, mirroring or an extension.
 */
export const GRPCRouteFilterSchema = kobject({
  type: z.string(),
  requestHeaderModifier: HTTPHeaderFilterSchema.optional(),
  responseHeaderModifier: HTTPHeaderFilterSchema.optional(),
  requestMirror: HTTPRequestMirrorFilterSchema.optional(),
  extensionRef: LocalObjectReferenceSchema.optional(),
});
/** What {@link GRPCRouteFilterSchema} parses to, inferred from it so the shape is written once. */
export type GRPCRouteFilter = z.infer<typeof GRPCRouteFilterSchema>;

/**
 * A weighted backend of a GRPCRoute rule, with its own filters.
 */
export const GRPCBackendRefSchema = kobject({
  ...backendRefShape,
  filters: z.array(GRPCRouteFilterSchema).optional(),
});
/** What {@link GRPCBackendRefSchema} parses to, inferred from it so the shape is written once. */
export type GRPCBackendRef = z.infer<typeof GRPCBackendRefSchema>;

/**
 * One GRPCRoute rule.
 */
export const GRPCRouteRuleSchema = kobject({
  name: z.string().optional(),
  matches: z.array(GRPCRouteMatchSchema).optional(),
  filters: z.array(GRPCRouteFilterSchema).optional(),
  backendRefs: z.array(GRPCBackendRefSchema).optional(),
  sessionPersistence: SessionPersistenceSchema.optional(),
});
/** What {@link GRPCRouteRuleSchema} parses to, inferred from it so the shape is written once. */
export type GRPCRouteRule = z.infer<typeof GRPCRouteRuleSchema>;

/**
 * The spec of a GRPCRoute.
 */
export const GRPCRouteSpecSchema = kobject({
  ...commonRouteSpecShape,
  hostnames: z.array(z.string()).optional(),
  rules: z.array(GRPCRouteRuleSchema).optional(),
});
/** What {@link GRPCRouteSpecSchema} parses to, inferred from it so the shape is written once. */
export type GRPCRouteSpec = z.infer<typeof GRPCRouteSpecSchema>;

/**
 * A GRPCRoute object. The API lets its spec be omitted (an empty route).
 */
export const GRPCRouteSchema = kobject({
  apiVersion: z.enum(GRPC_ROUTE_API_VERSIONS),
  kind: z.literal("GRPCRoute"),
  metadata: ObjectMetaSchema,
  spec: GRPCRouteSpecSchema.optional(),
  status: RouteStatusSchema.optional(),
});
/** What {@link GRPCRouteSchema} parses to, inferred from it so the shape is written once. */
export type GRPCRoute = z.infer<typeof GRPCRouteSchema>;
