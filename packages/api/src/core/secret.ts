/**
 * The core v1 Secret, read for TLS certificates referenced by listeners and policies.
 * `data` holds base64 text; `stringData` holds the decoded text as manifests write it.
 * Decoding and certificate validation belong to the translators.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { kobject, stringMap } from "../schema-kit.js";

/** The apiVersions a Secret is accepted under. */
export const SECRET_API_VERSIONS = ["v1"] as const;

/**
 * A Secret object.
 */
export const SecretSchema = kobject({
  apiVersion: z.enum(SECRET_API_VERSIONS),
  kind: z.literal("Secret"),
  metadata: ObjectMetaSchema,
  immutable: z.boolean().optional(),
  data: stringMap.optional(),
  stringData: stringMap.optional(),
  type: z.string().optional(),
});
/** What {@link SecretSchema} parses to, inferred from it so the shape is written once. */
export type Secret = z.infer<typeof SecretSchema>;
