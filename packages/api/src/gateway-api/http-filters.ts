/**
 * The filters of HTTPRoute rules and backends (header modifiers, mirroring, redirects,
 * rewrites, CORS, external auth, extension references). Header modifiers and mirroring
 * are shared with GRPCRoute.
 */
import { z } from "zod";
import { int, kobject } from "../schema-kit.js";
import { BackendObjectReferenceSchema, FractionSchema, LocalObjectReferenceSchema } from "./shared.js";

/**
 * A header name and value to set or add.
 */
export const HTTPHeaderSchema = kobject({
  name: z.string(),
  value: z.string(),
});
/** What {@link HTTPHeaderSchema} parses to, inferred from it so the shape is written once. */
export type HTTPHeader = z.infer<typeof HTTPHeaderSchema>;

/**
 * Request or response header modification: headers to set, to add and to remove.
 */
export const HTTPHeaderFilterSchema = kobject({
  set: z.array(HTTPHeaderSchema).optional(),
  add: z.array(HTTPHeaderSchema).optional(),
  remove: z.array(z.string()).optional(),
});
/** What {@link HTTPHeaderFilterSchema} parses to, inferred from it so the shape is written once. */
export type HTTPHeaderFilter = z.infer<typeof HTTPHeaderFilterSchema>;

/**
 * Mirroring of requests to another backend, for a percentage or a fraction of them.
 */
export const HTTPRequestMirrorFilterSchema = kobject({
  backendRef: BackendObjectReferenceSchema,
  percent: int.optional(),
  fraction: FractionSchema.optional(),
});
/** What {@link HTTPRequestMirrorFilterSchema} parses to, inferred from it so the shape is written once. */
export type HTTPRequestMirrorFilter = z.infer<typeof HTTPRequestMirrorFilterSchema>;

/**
 * A path rewrite for redirects and URL rewrites: the full path or the matched prefix.
 */
export const HTTPPathModifierSchema = kobject({
  type: z.string(),
  replaceFullPath: z.string().optional(),
  replacePrefixMatch: z.string().optional(),
});
/** What {@link HTTPPathModifierSchema} parses to, inferred from it so the shape is written once. */
export type HTTPPathModifier = z.infer<typeof HTTPPathModifierSchema>;

/**
 * A redirect response: scheme, hostname, path, port and status code to redirect with.
 */
export const HTTPRequestRedirectFilterSchema = kobject({
  scheme: z.string().optional(),
  hostname: z.string().optional(),
  path: HTTPPathModifierSchema.optional(),
  port: int.optional(),
  statusCode: int.optional(),
});
/** What {@link HTTPRequestRedirectFilterSchema} parses to, inferred from it so the shape is written once. */
export type HTTPRequestRedirectFilter = z.infer<typeof HTTPRequestRedirectFilterSchema>;

/**
 * A rewrite of the request's hostname and path before it is forwarded.
 */
export const HTTPURLRewriteFilterSchema = kobject({
  hostname: z.string().optional(),
  path: HTTPPathModifierSchema.optional(),
});
/** What {@link HTTPURLRewriteFilterSchema} parses to, inferred from it so the shape is written once. */
export type HTTPURLRewriteFilter = z.infer<typeof HTTPURLRewriteFilterSchema>;

/**
 * Cross-origin resource sharing settings answered by the gateway.
 */
export const HTTPCORSFilterSchema = kobject({
  allowOrigins: z.array(z.string()).optional(),
  allowCredentials: z.boolean().optional(),
  allowMethods: z.array(z.string()).optional(),
  allowHeaders: z.array(z.string()).optional(),
  exposeHeaders: z.array(z.string()).optional(),
  maxAge: int.optional(),
});
/** What {@link HTTPCORSFilterSchema} parses to, inferred from it so the shape is written once. */
export type HTTPCORSFilter = z.infer<typeof HTTPCORSFilterSchema>;

/**
 * Delegation of the authorization decision to an external service over gRPC or HTTP.
 */
export const HTTPExternalAuthFilterSchema = kobject({
  protocol: z.string().optional(),
  backendRef: BackendObjectReferenceSchema.optional(),
  grpc: kobject({ allowedHeaders: z.array(z.string()).optional() }).optional(),
  http: kobject({
    path: z.string().optional(),
    allowedHeaders: z.array(z.string()).optional(),
    allowedResponseHeaders: z.array(z.string()).optional(),
  }).optional(),
  forwardBody: kobject({ maxSize: int.optional() }).optional(),
});
/** What {@link HTTPExternalAuthFilterSchema} parses to, inferred from it so the shape is written once. */
export type HTTPExternalAuthFilter = z.infer<typeof HTTPExternalAuthFilterSchema>;

/**
 * One HTTPRoute filter: `type` names which of the other fields applies. The schema does
 * not check that the named field is present; a mismatch is a route status.
 */
export const HTTPRouteFilterSchema = kobject({
  type: z.string(),
  requestHeaderModifier: HTTPHeaderFilterSchema.optional(),
  responseHeaderModifier: HTTPHeaderFilterSchema.optional(),
  requestMirror: HTTPRequestMirrorFilterSchema.optional(),
  requestRedirect: HTTPRequestRedirectFilterSchema.optional(),
  urlRewrite: HTTPURLRewriteFilterSchema.optional(),
  cors: HTTPCORSFilterSchema.optional(),
  externalAuth: HTTPExternalAuthFilterSchema.optional(),
  extensionRef: LocalObjectReferenceSchema.optional(),
});
/** What {@link HTTPRouteFilterSchema} parses to, inferred from it so the shape is written once. */
export type HTTPRouteFilter = z.infer<typeof HTTPRouteFilterSchema>;
