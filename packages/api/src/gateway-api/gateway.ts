/**
 * Gateway (gateway.networking.k8s.io): listeners, addresses, infrastructure and
 * gateway-wide TLS, and the status the translator writes back (addresses, conditions,
 * per-listener status).
 */
import { z } from "zod";
import { ConditionSchema, LabelSelectorSchema, ObjectMetaSchema } from "../meta.js";
import { int, kobject, stringMap } from "../schema-kit.js";
import { ListenerSchema, ListenerStatusSchema } from "./listener.js";
import { GatewayObjectReferenceSchema, SecretObjectReferenceSchema } from "./shared.js";

/** The apiVersions a Gateway is accepted under (v1beta1 is still served). */
export const GATEWAY_API_VERSIONS = ["gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1beta1"] as const;

/**
 * An address requested for a Gateway in its spec. `value` may be empty (let the
 * implementation choose one of the given type).
 */
export const GatewaySpecAddressSchema = kobject({
  type: z.string().optional(),
  value: z.string().optional(),
});
/** What {@link GatewaySpecAddressSchema} parses to, inferred from it so the shape is written once. */
export type GatewaySpecAddress = z.infer<typeof GatewaySpecAddressSchema>;

/**
 * An address a Gateway is reachable at, as reported in its status.
 */
export const GatewayStatusAddressSchema = kobject({
  type: z.string().optional(),
  value: z.string(),
});
/** What {@link GatewayStatusAddressSchema} parses to, inferred from it so the shape is written once. */
export type GatewayStatusAddress = z.infer<typeof GatewayStatusAddressSchema>;

/**
 * Labels, annotations and parameters to put on the infrastructure an implementation
 * deploys for a Gateway.
 */
export const GatewayInfrastructureSchema = kobject({
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  parametersRef: kobject({ group: z.string(), kind: z.string(), name: z.string() }).optional(),
});
/** What {@link GatewayInfrastructureSchema} parses to, inferred from it so the shape is written once. */
export type GatewayInfrastructure = z.infer<typeof GatewayInfrastructureSchema>;

/**
 * Which namespaces' ListenerSets may attach to a Gateway (none unless stated).
 */
export const AllowedListenersSchema = kobject({
  namespaces: kobject({
    from: z.string().optional(),
    selector: LabelSelectorSchema.optional(),
  }).optional(),
});
/** What {@link AllowedListenersSchema} parses to, inferred from it so the shape is written once. */
export type AllowedListeners = z.infer<typeof AllowedListenersSchema>;

/**
 * Client certificate validation of frontend TLS: the CA certificates to trust and the
 * validation mode.
 */
export const FrontendTLSValidationSchema = kobject({
  caCertificateRefs: z.array(GatewayObjectReferenceSchema),
  mode: z.string().optional(),
});
/** What {@link FrontendTLSValidationSchema} parses to, inferred from it so the shape is written once. */
export type FrontendTLSValidation = z.infer<typeof FrontendTLSValidationSchema>;

const TLSConfigSchema = kobject({ validation: FrontendTLSValidationSchema.optional() });

/**
 * Gateway-wide TLS: the client certificate presented to backends, and frontend (client)
 * validation by default and per port.
 */
export const GatewayTLSConfigSchema = kobject({
  backend: kobject({ clientCertificateRef: SecretObjectReferenceSchema.optional() }).optional(),
  frontend: kobject({
    default: TLSConfigSchema,
    perPort: z.array(kobject({ port: int, tls: TLSConfigSchema })).optional(),
  }).optional(),
});
/** What {@link GatewayTLSConfigSchema} parses to, inferred from it so the shape is written once. */
export type GatewayTLSConfig = z.infer<typeof GatewayTLSConfigSchema>;

/**
 * The spec of a Gateway. `listeners` is required by the API (it may be empty when
 * ListenerSets supply them).
 */
export const GatewaySpecSchema = kobject({
  gatewayClassName: z.string(),
  listeners: z.array(ListenerSchema),
  addresses: z.array(GatewaySpecAddressSchema).optional(),
  infrastructure: GatewayInfrastructureSchema.optional(),
  allowedListeners: AllowedListenersSchema.optional(),
  tls: GatewayTLSConfigSchema.optional(),
  defaultScope: z.string().optional(),
});
/** What {@link GatewaySpecSchema} parses to, inferred from it so the shape is written once. */
export type GatewaySpec = z.infer<typeof GatewaySpecSchema>;

/**
 * The status of a Gateway: where it is reachable, its conditions, each listener's
 * status and how many ListenerSets attached.
 */
export const GatewayStatusSchema = kobject({
  addresses: z.array(GatewayStatusAddressSchema).optional(),
  conditions: z.array(ConditionSchema).optional(),
  listeners: z.array(ListenerStatusSchema).optional(),
  attachedListenerSets: int.optional(),
});
/** What {@link GatewayStatusSchema} parses to, inferred from it so the shape is written once. */
export type GatewayStatus = z.infer<typeof GatewayStatusSchema>;

/**
 * A Gateway API Gateway object; Istio's own Gateway kind is `IstioGateway` in istio/gateway.ts.
 */
export const GatewaySchema = kobject({
  apiVersion: z.enum(GATEWAY_API_VERSIONS),
  kind: z.literal("Gateway"),
  metadata: ObjectMetaSchema,
  spec: GatewaySpecSchema,
  status: GatewayStatusSchema.optional(),
});
/** What {@link GatewaySchema} parses to, inferred from it so the shape is written once. */
export type Gateway = z.infer<typeof GatewaySchema>;
