/**
 * The core v1 ConfigMap, read for CA bundles referenced by BackendTLSPolicy and for
 * mesh configuration.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { kobject, stringMap } from "../schema-kit.js";

/** The apiVersions a ConfigMap is accepted under. */
export const CONFIG_MAP_API_VERSIONS = ["v1"] as const;

/**
 * A ConfigMap object: text `data` and base64 `binaryData`.
 */
export const ConfigMapSchema = kobject({
  apiVersion: z.enum(CONFIG_MAP_API_VERSIONS),
  kind: z.literal("ConfigMap"),
  metadata: ObjectMetaSchema,
  immutable: z.boolean().optional(),
  data: stringMap.optional(),
  binaryData: stringMap.optional(),
});
/** What {@link ConfigMapSchema} parses to, inferred from it so the shape is written once. */
export type ConfigMap = z.infer<typeof ConfigMapSchema>;
