/**
 * TLSRoute: routing of TLS connections by SNI hostname to weighted backends. Standard in
 * gateway.networking.k8s.io/v1 from Gateway API v1.5, experimental as v1alpha2 and
 * v1alpha3 before.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { kobject } from "../schema-kit.js";
import { BackendRefSchema, commonRouteSpecShape, RouteStatusSchema } from "./shared.js";

/** The apiVersions a TLSRoute is accepted under. */
export const TLS_ROUTE_API_VERSIONS = [
  "gateway.networking.k8s.io/v1",
  "gateway.networking.k8s.io/v1alpha3",
  "gateway.networking.k8s.io/v1alpha2",
] as const;

/**
 * One TLSRoute rule: the backends connections are spread over.
 */
export const TLSRouteRuleSchema = kobject({
  name: z.string().optional(),
  backendRefs: z.array(BackendRefSchema).optional(),
});
/** What {@link TLSRouteRuleSchema} parses to, inferred from it so the shape is written once. */
export type TLSRouteRule = z.infer<typeof TLSRouteRuleSchema>;

/**
 * The spec of a TLSRoute. v1 requires hostnames, v1alpha2 did not, so they are optional
 * here; rules are required by every version.
 */
export const TLSRouteSpecSchema = kobject({
  ...commonRouteSpecShape,
  hostnames: z.array(z.string()).optional(),
  rules: z.array(TLSRouteRuleSchema),
});
/** What {@link TLSRouteSpecSchema} parses to, inferred from it so the shape is written once. */
export type TLSRouteSpec = z.infer<typeof TLSRouteSpecSchema>;

/**
 * A TLSRoute object.
 */
export const TLSRouteSchema = kobject({
  apiVersion: z.enum(TLS_ROUTE_API_VERSIONS),
  kind: z.literal("TLSRoute"),
  metadata: ObjectMetaSchema,
  spec: TLSRouteSpecSchema,
  status: RouteStatusSchema.optional(),
});
/** What {@link TLSRouteSchema} parses to, inferred from it so the shape is written once. */
export type TLSRoute = z.infer<typeof TLSRouteSchema>;
