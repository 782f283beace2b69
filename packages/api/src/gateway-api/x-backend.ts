/**
 * XBackend (gateway.networking.x-k8s.io/v1alpha1): an experimental backend kind that
 * stands for a destination outside the cluster (an external hostname and port), with
 * the protocol and TLS to reach it. Routes refer to it from backendRefs.
 */
import { z } from "zod";
import { ConditionSchema, ObjectMetaSchema } from "../meta.js";
import { int, kobject } from "../schema-kit.js";
import { BackendTLSPolicyValidationSchema } from "./backend-tls-policy.js";
import { ParentReferenceSchema, SecretObjectReferenceSchema } from "./shared.js";

/** The apiVersions an XBackend is accepted under. */
export const X_BACKEND_API_VERSIONS = ["gateway.networking.x-k8s.io/v1alpha1"] as const;

/**
 * TLS towards an XBackend: the mode (ServerOnly or ClientAndServer), a client
 * certificate, and validation. Unlike a BackendTLSPolicy, validation is optional.
 */
export const XBackendTLSSchema = kobject({
  mode: z.string(),
  clientCertificateRef: SecretObjectReferenceSchema.optional(),
  validation: BackendTLSPolicyValidationSchema.optional(),
});
/** What {@link XBackendTLSSchema} parses to, inferred from it so the shape is written once. */
export type XBackendTLS = z.infer<typeof XBackendTLSSchema>;

/**
 * The spec of an XBackend: its type (ExternalHostname), port, destination, protocol and
 * TLS. Type and port are required by the API.
 */
export const XBackendSpecSchema = kobject({
  type: z.string(),
  port: kobject({
    name: z.string().optional(),
    port: int.optional(),
  }),
  externalHostname: kobject({ hostname: z.string().optional() }).optional(),
  protocol: z.string().optional(),
  tls: XBackendTLSSchema.optional(),
});
/** What {@link XBackendSpecSchema} parses to, inferred from it so the shape is written once. */
export type XBackendSpec = z.infer<typeof XBackendSpecSchema>;

/**
 * The status of an XBackend. The Go field is `Ancestors` but its JSON name is `parents`,
 * and each entry's reference is `parentRef`; the JSON names are what is modelled.
 */
export const XBackendStatusSchema = kobject({
  parents: z
    .array(
      kobject({
        controllerName: z.string(),
        parentRef: ParentReferenceSchema,
        conditions: z.array(ConditionSchema).optional(),
      }),
    )
    .optional(),
});
/** What {@link XBackendStatusSchema} parses to, inferred from it so the shape is written once. */
export type XBackendStatus = z.infer<typeof XBackendStatusSchema>;

/**
 * An XBackend object.
 */
export const XBackendSchema = kobject({
  apiVersion: z.enum(X_BACKEND_API_VERSIONS),
  kind: z.literal("XBackend"),
  metadata: ObjectMetaSchema,
  spec: XBackendSpecSchema,
  status: XBackendStatusSchema.optional(),
});
/** What {@link XBackendSchema} parses to, inferred from it so the shape is written once. */
export type XBackend = z.infer<typeof XBackendSchema>;
