/**
 * XBackendTrafficPolicy (gateway.networking.x-k8s.io/v1alpha1): experimental traffic
 * settings for a backend, namely a retry budget and session persistence.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { int, kobject } from "../schema-kit.js";
import { LocalPolicyTargetReferenceSchema, PolicyStatusSchema, SessionPersistenceSchema } from "./shared.js";

/** The apiVersions an XBackendTrafficPolicy is accepted under. */
export const X_BACKEND_TRAFFIC_POLICY_API_VERSIONS = ["gateway.networking.x-k8s.io/v1alpha1"] as const;

/**
 * How much retrying a backend tolerates: a budget (a percentage of active requests over
 * an interval) and a minimum retry rate that is always allowed.
 */
export const RetryConstraintSchema = kobject({
  budget: kobject({
    percent: int.optional(),
    interval: z.string().optional(),
  }).optional(),
  minRetryRate: kobject({
    count: int.optional(),
    interval: z.string().optional(),
  }).optional(),
});
/** What {@link RetryConstraintSchema} parses to, inferred from it so the shape is written once. */
export type RetryConstraint = z.infer<typeof RetryConstraintSchema>;

/**
 * The spec of an XBackendTrafficPolicy.
 */
export const XBackendTrafficPolicySpecSchema = kobject({
  targetRefs: z.array(LocalPolicyTargetReferenceSchema),
  retryConstraint: RetryConstraintSchema.optional(),
  sessionPersistence: SessionPersistenceSchema.optional(),
});
/** What {@link XBackendTrafficPolicySpecSchema} parses to, inferred from it so the shape is written once. */
export type XBackendTrafficPolicySpec = z.infer<typeof XBackendTrafficPolicySpecSchema>;

/**
 * An XBackendTrafficPolicy object; its status is the shared policy (ancestor) status.
 */
export const XBackendTrafficPolicySchema = kobject({
  apiVersion: z.enum(X_BACKEND_TRAFFIC_POLICY_API_VERSIONS),
  kind: z.literal("XBackendTrafficPolicy"),
  metadata: ObjectMetaSchema,
  spec: XBackendTrafficPolicySpecSchema,
  status: PolicyStatusSchema.optional(),
});
/** What {@link XBackendTrafficPolicySchema} parses to, inferred from it so the shape is written once. */
export type XBackendTrafficPolicy = z.infer<typeof XBackendTrafficPolicySchema>;
