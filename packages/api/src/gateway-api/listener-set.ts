/**
 * ListenerSet: listeners that attach to a parent Gateway from outside it. It is standard
 * as `ListenerSet` in gateway.networking.k8s.io/v1 (Gateway API v1.5 and later) and was
 * experimental as `XListenerSet` in gateway.networking.x-k8s.io/v1alpha1 before that; the
 * two kinds share one spec and status.
 */
import { z } from "zod";
import { ConditionSchema, ObjectMetaSchema } from "../meta.js";
import { kobject } from "../schema-kit.js";
import { ListenerEntrySchema, ListenerEntryStatusSchema } from "./listener.js";
import { ParentGatewayReferenceSchema } from "./shared.js";

/** The apiVersions of the standard `ListenerSet` kind. */
export const LISTENER_SET_API_VERSIONS = ["gateway.networking.k8s.io/v1"] as const;
/** The apiVersions of the experimental `XListenerSet` kind. */
export const X_LISTENER_SET_API_VERSIONS = ["gateway.networking.x-k8s.io/v1alpha1"] as const;

/**
 * The spec of a ListenerSet: the Gateway it extends and its listeners (ListenerEntry,
 * a Gateway listener whose port may be left to the protocol's default). Both are
 * required by the API.
 */
export const ListenerSetSpecSchema = kobject({
  parentRef: ParentGatewayReferenceSchema,
  listeners: z.array(ListenerEntrySchema),
});
/** What {@link ListenerSetSpecSchema} parses to, inferred from it so the shape is written once. */
export type ListenerSetSpec = z.infer<typeof ListenerSetSpecSchema>;

/**
 * The status of a ListenerSet: its conditions and each listener's status.
 */
export const ListenerSetStatusSchema = kobject({
  conditions: z.array(ConditionSchema).optional(),
  listeners: z.array(ListenerEntryStatusSchema).optional(),
});
/** What {@link ListenerSetStatusSchema} parses to, inferred from it so the shape is written once. */
export type ListenerSetStatus = z.infer<typeof ListenerSetStatusSchema>;

/**
 * A standard ListenerSet object.
 */
export const ListenerSetSchema = kobject({
  apiVersion: z.enum(LISTENER_SET_API_VERSIONS),
  kind: z.literal("ListenerSet"),
  metadata: ObjectMetaSchema,
  spec: ListenerSetSpecSchema,
  status: ListenerSetStatusSchema.optional(),
});
/** What {@link ListenerSetSchema} parses to, inferred from it so the shape is written once. */
export type ListenerSet = z.infer<typeof ListenerSetSchema>;

/**
 * An experimental XListenerSet object (the same content under the experimental group).
 */
export const XListenerSetSchema = kobject({
  apiVersion: z.enum(X_LISTENER_SET_API_VERSIONS),
  kind: z.literal("XListenerSet"),
  metadata: ObjectMetaSchema,
  spec: ListenerSetSpecSchema,
  status: ListenerSetStatusSchema.optional(),
});
/** What {@link XListenerSetSchema} parses to, inferred from it so the shape is written once. */
export type XListenerSet = z.infer<typeof XListenerSetSchema>;
