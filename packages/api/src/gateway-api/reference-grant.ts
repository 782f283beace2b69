/**
 * ReferenceGrant: the namespace owner's consent to references from other namespaces
 * (routes to Services, Gateways to Secrets). Served as v1, v1beta1 and v1alpha2.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { kobject } from "../schema-kit.js";

/** The apiVersions a ReferenceGrant is accepted under. */
export const REFERENCE_GRANT_API_VERSIONS = [
  "gateway.networking.k8s.io/v1",
  "gateway.networking.k8s.io/v1beta1",
  "gateway.networking.k8s.io/v1alpha2",
] as const;

/**
 * Who may refer: a kind in a group, from one namespace.
 */
export const ReferenceGrantFromSchema = kobject({
  group: z.string(),
  kind: z.string(),
  namespace: z.string(),
});
/** What {@link ReferenceGrantFromSchema} parses to, inferred from it so the shape is written once. */
export type ReferenceGrantFrom = z.infer<typeof ReferenceGrantFromSchema>;

/**
 * What may be referred to in the grant's namespace: a kind in a group, optionally one
 * object by name.
 */
export const ReferenceGrantToSchema = kobject({
  group: z.string(),
  kind: z.string(),
  name: z.string().optional(),
});
/** What {@link ReferenceGrantToSchema} parses to, inferred from it so the shape is written once. */
export type ReferenceGrantTo = z.infer<typeof ReferenceGrantToSchema>;

/**
 * The spec of a ReferenceGrant; both lists are required by the API.
 */
export const ReferenceGrantSpecSchema = kobject({
  from: z.array(ReferenceGrantFromSchema),
  to: z.array(ReferenceGrantToSchema),
});
/** What {@link ReferenceGrantSpecSchema} parses to, inferred from it so the shape is written once. */
export type ReferenceGrantSpec = z.infer<typeof ReferenceGrantSpecSchema>;

/**
 * A ReferenceGrant object. It has no status.
 */
export const ReferenceGrantSchema = kobject({
  apiVersion: z.enum(REFERENCE_GRANT_API_VERSIONS),
  kind: z.literal("ReferenceGrant"),
  metadata: ObjectMetaSchema,
  spec: ReferenceGrantSpecSchema,
});
/** What {@link ReferenceGrantSchema} parses to, inferred from it so the shape is written once. */
export type ReferenceGrant = z.infer<typeof ReferenceGrantSchema>;
