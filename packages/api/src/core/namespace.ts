/**
 * The core v1 Namespace. Controllers read its labels (route admission by namespace
 * selector, ambient enrollment).
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { kobject, timestamp } from "../schema-kit.js";

/** The apiVersions a Namespace is accepted under. */
export const NAMESPACE_API_VERSIONS = ["v1"] as const;

/**
 * A Namespace object: finalizers in the spec, phase and conditions in the status.
 */
export const NamespaceSchema = kobject({
  apiVersion: z.enum(NAMESPACE_API_VERSIONS),
  kind: z.literal("Namespace"),
  metadata: ObjectMetaSchema,
  spec: kobject({ finalizers: z.array(z.string()).optional() }).optional(),
  status: kobject({
    phase: z.string().optional(),
    conditions: z
      .array(
        kobject({
          type: z.string(),
          status: z.string(),
          lastTransitionTime: timestamp.optional(),
          reason: z.string().optional(),
          message: z.string().optional(),
        }),
      )
      .optional(),
  }).optional(),
});
/** What {@link NamespaceSchema} parses to, inferred from it so the shape is written once. */
export type Namespace = z.infer<typeof NamespaceSchema>;
