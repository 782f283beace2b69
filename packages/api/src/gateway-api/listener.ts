/**
 * The listener shapes shared by Gateway and ListenerSet: a listener's port, protocol,
 * TLS and route admission, and the status written for it.
 */
import { z } from "zod";
import { ConditionSchema, LabelSelectorSchema } from "../meta.js";
import { int, kobject, stringMap } from "../schema-kit.js";
import { RouteGroupKindSchema, SecretObjectReferenceSchema } from "./shared.js";

/**
 * TLS settings of a listener: Terminate or Passthrough, the certificates to serve, and
 * implementation-specific options.
 */
export const ListenerTLSConfigSchema = kobject({
  mode: z.string().optional(),
  certificateRefs: z.array(SecretObjectReferenceSchema).optional(),
  options: stringMap.optional(),
});
/** What {@link ListenerTLSConfigSchema} parses to, inferred from it so the shape is written once. */
export type ListenerTLSConfig = z.infer<typeof ListenerTLSConfigSchema>;

/**
 * Which namespaces may attach routes to a listener: Same (default), All or Selector.
 */
export const RouteNamespacesSchema = kobject({
  from: z.string().optional(),
  selector: LabelSelectorSchema.optional(),
});
/** What {@link RouteNamespacesSchema} parses to, inferred from it so the shape is written once. */
export type RouteNamespaces = z.infer<typeof RouteNamespacesSchema>;

/**
 * The routes a listener admits, by namespace and by kind.
 */
export const AllowedRoutesSchema = kobject({
  namespaces: RouteNamespacesSchema.optional(),
  kinds: z.array(RouteGroupKindSchema).optional(),
});
/** What {@link AllowedRoutesSchema} parses to, inferred from it so the shape is written once. */
export type AllowedRoutes = z.infer<typeof AllowedRoutesSchema>;

/**
 * A Gateway listener. Name, port and protocol are required by the API; the protocol is a
 * free string because implementations may define their own (`istio.io/PROXY`), and an
 * unsupported one is a status condition, not a parse error.
 */
export const ListenerSchema = kobject({
  name: z.string(),
  hostname: z.string().optional(),
  port: int,
  protocol: z.string(),
  tls: ListenerTLSConfigSchema.optional(),
  allowedRoutes: AllowedRoutesSchema.optional(),
});
/** What {@link ListenerSchema} parses to, inferred from it so the shape is written once. */
export type Listener = z.infer<typeof ListenerSchema>;

/**
 * A listener of a ListenerSet (ListenerEntry): the fields of a Gateway listener, but the
 * API lets `port` be absent (translators default it from the protocol: 80 for HTTP, 443
 * for HTTPS, none for the others).
 */
export const ListenerEntrySchema = kobject({
  name: z.string(),
  hostname: z.string().optional(),
  port: int.optional(),
  protocol: z.string(),
  tls: ListenerTLSConfigSchema.optional(),
  allowedRoutes: AllowedRoutesSchema.optional(),
});
/** What {@link ListenerEntrySchema} parses to, inferred from it so the shape is written once. */
export type ListenerEntry = z.infer<typeof ListenerEntrySchema>;

/**
 * The status of one listener of a Gateway: its conditions, the route kinds it supports
 * and how many routes attached to it. The API requires the conditions list here.
 */
export const ListenerStatusSchema = kobject({
  name: z.string(),
  supportedKinds: z.array(RouteGroupKindSchema).optional(),
  attachedRoutes: int,
  conditions: z.array(ConditionSchema),
});
/** What {@link ListenerStatusSchema} parses to, inferred from it so the shape is written once. */
export type ListenerStatus = z.infer<typeof ListenerStatusSchema>;

/**
 * The status of one listener of a ListenerSet (ListenerEntryStatus): like a Gateway
 * listener's, but the API leaves its conditions optional.
 */
export const ListenerEntryStatusSchema = kobject({
  name: z.string(),
  supportedKinds: z.array(RouteGroupKindSchema).optional(),
  attachedRoutes: int,
  conditions: z.array(ConditionSchema).optional(),
});
/** What {@link ListenerEntryStatusSchema} parses to, inferred from it so the shape is written once. */
export type ListenerEntryStatus = z.infer<typeof ListenerEntryStatusSchema>;
