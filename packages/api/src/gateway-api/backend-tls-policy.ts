/**
 * BackendTLSPolicy: how a gateway originates TLS to a backend (which CA to trust, which
 * hostname to verify). Standard in gateway.networking.k8s.io/v1 from Gateway API v1.4,
 * experimental as v1alpha3 before.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { kobject, stringMap } from "../schema-kit.js";
import {
  LocalObjectReferenceSchema,
  LocalPolicyTargetReferenceWithSectionNameSchema,
  PolicyStatusSchema,
} from "./shared.js";

/** The apiVersions a BackendTLSPolicy is accepted under. */
export const BACKEND_TLS_POLICY_API_VERSIONS = [
  "gateway.networking.k8s.io/v1",
  "gateway.networking.k8s.io/v1alpha3",
] as const;

/**
 * A subject alternative name to verify on the backend's certificate: a Hostname or a
 * URI, as `type` says.
 */
export const SubjectAltNameSchema = kobject({
  type: z.string(),
  hostname: z.string().optional(),
  uri: z.string().optional(),
});
/** What {@link SubjectAltNameSchema} parses to, inferred from it so the shape is written once. */
export type SubjectAltName = z.infer<typeof SubjectAltNameSchema>;

/**
 * How the backend's certificate is validated: CA certificates (or the well-known system
 * set), the SNI hostname, and optional subject alternative names. Also used by XBackend.
 */
export const BackendTLSPolicyValidationSchema = kobject({
  caCertificateRefs: z.array(LocalObjectReferenceSchema).optional(),
  wellKnownCACertificates: z.string().optional(),
  hostname: z.string(),
  subjectAltNames: z.array(SubjectAltNameSchema).optional(),
});
/** What {@link BackendTLSPolicyValidationSchema} parses to, inferred from it so the shape is written once. */
export type BackendTLSPolicyValidation = z.infer<typeof BackendTLSPolicyValidationSchema>;

/**
 * The spec of a BackendTLSPolicy: the Services (or other backends) it applies to, the
 * validation, and implementation-specific options.
 */
export const BackendTLSPolicySpecSchema = kobject({
  targetRefs: z.array(LocalPolicyTargetReferenceWithSectionNameSchema),
  validation: BackendTLSPolicyValidationSchema,
  options: stringMap.optional(),
});
/** What {@link BackendTLSPolicySpecSchema} parses to, inferred from it so the shape is written once. */
export type BackendTLSPolicySpec = z.infer<typeof BackendTLSPolicySpecSchema>;

/**
 * A BackendTLSPolicy object; its status is the shared policy (ancestor) status.
 */
export const BackendTLSPolicySchema = kobject({
  apiVersion: z.enum(BACKEND_TLS_POLICY_API_VERSIONS),
  kind: z.literal("BackendTLSPolicy"),
  metadata: ObjectMetaSchema,
  spec: BackendTLSPolicySpecSchema,
  status: PolicyStatusSchema.optional(),
});
/** What {@link BackendTLSPolicySchema} parses to, inferred from it so the shape is written once. */
export type BackendTLSPolicy = z.infer<typeof BackendTLSPolicySchema>;
