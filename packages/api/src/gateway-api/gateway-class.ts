/**
 * GatewayClass (gateway.networking.k8s.io): the cluster-scoped kind that names the
 * controller responsible for a set of Gateways.
 */
import { z } from "zod";
import { ConditionSchema, ObjectMetaSchema } from "../meta.js";
import { kobject } from "../schema-kit.js";

/** The apiVersions a GatewayClass is accepted under (v1beta1 is still served). */
export const GATEWAY_CLASS_API_VERSIONS = ["gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1beta1"] as const;

/**
 * A reference to a controller-specific parameters object of a GatewayClass.
 */
export const ParametersReferenceSchema = kobject({
  group: z.string(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
});
/** What {@link ParametersReferenceSchema} parses to, inferred from it so the shape is written once. */
export type ParametersReference = z.infer<typeof ParametersReferenceSchema>;

/**
 * The spec of a GatewayClass: the controller name is what a controller matches on to
 * decide whether the class, and so its Gateways, are its own.
 */
export const GatewayClassSpecSchema = kobject({
  controllerName: z.string(),
  parametersRef: ParametersReferenceSchema.optional(),
  description: z.string().optional(),
});
/** What {@link GatewayClassSpecSchema} parses to, inferred from it so the shape is written once. */
export type GatewayClassSpec = z.infer<typeof GatewayClassSpecSchema>;

/**
 * The status of a GatewayClass, written by its controller (Accepted, SupportedVersion,
 * and the features it supports). Supported features are `{name}` objects since Gateway
 * API v1.2 and were plain strings in v1.1; both are accepted so that a class read from
 * a cluster with older CRDs still parses.
 */
export const GatewayClassStatusSchema = kobject({
  conditions: z.array(ConditionSchema).optional(),
  supportedFeatures: z
    .array(z.union([kobject({ name: z.string() }), z.string()], { error: "expected a mapping with a name, or a string" }))
    .optional(),
});
/** What {@link GatewayClassStatusSchema} parses to, inferred from it so the shape is written once. */
export type GatewayClassStatus = z.infer<typeof GatewayClassStatusSchema>;

/**
 * A GatewayClass object.
 */
export const GatewayClassSchema = kobject({
  apiVersion: z.enum(GATEWAY_CLASS_API_VERSIONS),
  kind: z.literal("GatewayClass"),
  metadata: ObjectMetaSchema,
  spec: GatewayClassSpecSchema,
  status: GatewayClassStatusSchema.optional(),
});
/** What {@link GatewayClassSchema} parses to, inferred from it so the shape is written once. */
export type GatewayClass = z.infer<typeof GatewayClassSchema>;
