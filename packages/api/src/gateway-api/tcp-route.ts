/**
 * TCPRoute: plain TCP forwarding from a listener to weighted backends. Standard in
 * gateway.networking.k8s.io/v1 from Gateway API v1.5, experimental as v1alpha2 before.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { kobject } from "../schema-kit.js";
import { BackendRefSchema, commonRouteSpecShape, RouteStatusSchema } from "./shared.js";

/** The apiVersions a TCPRoute is accepted under. */
export const TCP_ROUTE_API_VERSIONS = ["gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1alpha2"] as const;

/**
 * One TCPRoute rule: the backends connections are spread over.
 */
export const TCPRouteRuleSchema = kobject({
  name: z.string().optional(),
  backendRefs: z.array(BackendRefSchema).optional(),
});
/** What {@link TCPRouteRuleSchema} parses to, inferred from it so the shape is written once. */
export type TCPRouteRule = z.infer<typeof TCPRouteRuleSchema>;

/**
 * The spec of a TCPRoute. The API requires at least one rule; an empty list is left to
 * the translator to report.
 */
export const TCPRouteSpecSchema = kobject({
  ...commonRouteSpecShape,
  rules: z.array(TCPRouteRuleSchema),
});
/** What {@link TCPRouteSpecSchema} parses to, inferred from it so the shape is written once. */
export type TCPRouteSpec = z.infer<typeof TCPRouteSpecSchema>;

/**
 * A TCPRoute object.
 */
export const TCPRouteSchema = kobject({
  apiVersion: z.enum(TCP_ROUTE_API_VERSIONS),
  kind: z.literal("TCPRoute"),
  metadata: ObjectMetaSchema,
  spec: TCPRouteSpecSchema,
  status: RouteStatusSchema.optional(),
});
/** What {@link TCPRouteSchema} parses to, inferred from it so the shape is written once. */
export type TCPRoute = z.infer<typeof TCPRouteSchema>;
