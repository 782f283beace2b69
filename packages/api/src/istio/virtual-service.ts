/**
 * Istio's VirtualService (networking.istio.io): HTTP, TLS and TCP routing rules for a
 * set of hosts, bound to gateways and/or the mesh. This is what the Gateway API routes
 * translate into.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { int, kobject, record, stringMap } from "../schema-kit.js";
import {
  DestinationSchema,
  ISTIO_NETWORKING_API_VERSIONS,
  IstioStatusSchema,
  PercentSchema,
  StringMatchSchema,
} from "./common.js";

/**
 * Header operations on a request or a response: headers to set, to append and to remove.
 */
export const HeaderOperationsSchema = kobject({
  set: stringMap.optional(),
  add: stringMap.optional(),
  remove: z.array(z.string()).optional(),
});
/** What {@link HeaderOperationsSchema} parses to, inferred from it so the shape is written once. */
export type HeaderOperations = z.infer<typeof HeaderOperationsSchema>;

/**
 * Header manipulation of a route or a destination.
 */
export const IstioHeadersSchema = kobject({
  request: HeaderOperationsSchema.optional(),
  response: HeaderOperationsSchema.optional(),
});
/** What {@link IstioHeadersSchema} parses to, inferred from it so the shape is written once. */
export type IstioHeaders = z.infer<typeof IstioHeadersSchema>;

/**
 * The conditions an HTTP request must meet for a route to apply; all given must hold.
 */
export const HTTPMatchRequestSchema = kobject({
  name: z.string().optional(),
  uri: StringMatchSchema.optional(),
  scheme: StringMatchSchema.optional(),
  method: StringMatchSchema.optional(),
  authority: StringMatchSchema.optional(),
  headers: record(StringMatchSchema).optional(),
  port: int.optional(),
  sourceLabels: stringMap.optional(),
  gateways: z.array(z.string()).optional(),
  queryParams: record(StringMatchSchema).optional(),
  ignoreUriCase: z.boolean().optional(),
  withoutHeaders: record(StringMatchSchema).optional(),
  sourceNamespace: z.string().optional(),
  statPrefix: z.string().optional(),
});
/** What {@link HTTPMatchRequestSchema} parses to, inferred from it so the shape is written once. */
export type HTTPMatchRequest = z.infer<typeof HTTPMatchRequestSchema>;

/**
 * A weighted HTTP destination with its own header manipulation.
 */
export const HTTPRouteDestinationSchema = kobject({
  destination: DestinationSchema.optional(),
  weight: int.optional(),
  headers: IstioHeadersSchema.optional(),
});
/** What {@link HTTPRouteDestinationSchema} parses to, inferred from it so the shape is written once. */
export type HTTPRouteDestination = z.infer<typeof HTTPRouteDestinationSchema>;

/**
 * A weighted TCP or TLS destination.
 */
export const RouteDestinationSchema = kobject({
  destination: DestinationSchema.optional(),
  weight: int.optional(),
});
/** What {@link RouteDestinationSchema} parses to, inferred from it so the shape is written once. */
export type RouteDestination = z.infer<typeof RouteDestinationSchema>;

/**
 * A redirect response. `port` and `derivePort` are a protobuf oneof.
 */
export const HTTPRedirectSchema = kobject({
  uri: z.string().optional(),
  authority: z.string().optional(),
  port: int.optional(),
  derivePort: z.string().optional(),
  scheme: z.string().optional(),
  redirectCode: int.optional(),
  prefixRewrite: z.string().optional(),
});
/** What {@link HTTPRedirectSchema} parses to, inferred from it so the shape is written once. */
export type HTTPRedirect = z.infer<typeof HTTPRedirectSchema>;

/**
 * A fixed response. The body is a string or base64 `bytes` (a protobuf oneof).
 */
export const HTTPDirectResponseSchema = kobject({
  status: int.optional(),
  body: kobject({ string: z.string().optional(), bytes: z.string().optional() }).optional(),
});
/** What {@link HTTPDirectResponseSchema} parses to, inferred from it so the shape is written once. */
export type HTTPDirectResponse = z.infer<typeof HTTPDirectResponseSchema>;

/**
 * A rewrite of the URI and authority before forwarding, by prefix or by regex.
 */
export const HTTPRewriteSchema = kobject({
  uri: z.string().optional(),
  authority: z.string().optional(),
  uriRegexRewrite: kobject({ match: z.string().optional(), rewrite: z.string().optional() }).optional(),
});
/** What {@link HTTPRewriteSchema} parses to, inferred from it so the shape is written once. */
export type HTTPRewrite = z.infer<typeof HTTPRewriteSchema>;

/**
 * Retries: attempts, per-try timeout, the conditions to retry on, and host selection.
 */
export const HTTPRetrySchema = kobject({
  attempts: int.optional(),
  perTryTimeout: z.string().optional(),
  retryOn: z.string().optional(),
  retryRemoteLocalities: z.boolean().optional(),
  retryIgnorePreviousHosts: z.boolean().optional(),
  backoff: z.string().optional(),
});
/** What {@link HTTPRetrySchema} parses to, inferred from it so the shape is written once. */
export type HTTPRetry = z.infer<typeof HTTPRetrySchema>;

/**
 * Fault injection: delays and aborts for a percentage of requests.
 */
export const HTTPFaultInjectionSchema = kobject({
  delay: kobject({
    percent: int.optional(),
    fixedDelay: z.string().optional(),
    exponentialDelay: z.string().optional(),
    percentage: PercentSchema.optional(),
  }).optional(),
  abort: kobject({
    httpStatus: int.optional(),
    grpcStatus: z.string().optional(),
    http2Error: z.string().optional(),
    percentage: PercentSchema.optional(),
  }).optional(),
});
/** What {@link HTTPFaultInjectionSchema} parses to, inferred from it so the shape is written once. */
export type HTTPFaultInjection = z.infer<typeof HTTPFaultInjectionSchema>;

/**
 * One mirror target of a route, with the share of traffic mirrored.
 */
export const HTTPMirrorPolicySchema = kobject({
  destination: DestinationSchema.optional(),
  percentage: PercentSchema.optional(),
});
/** What {@link HTTPMirrorPolicySchema} parses to, inferred from it so the shape is written once. */
export type HTTPMirrorPolicy = z.infer<typeof HTTPMirrorPolicySchema>;

/**
 * A CORS policy. `allowOrigin` (plain strings) is deprecated in favour of
 * `allowOrigins` (string matches); both are accepted.
 */
export const CorsPolicySchema = kobject({
  allowOrigin: z.array(z.string()).optional(),
  allowOrigins: z.array(StringMatchSchema).optional(),
  allowMethods: z.array(z.string()).optional(),
  allowHeaders: z.array(z.string()).optional(),
  exposeHeaders: z.array(z.string()).optional(),
  maxAge: z.string().optional(),
  allowCredentials: z.boolean().optional(),
  unmatchedPreflights: z.string().optional(),
});
/** What {@link CorsPolicySchema} parses to, inferred from it so the shape is written once. */
export type CorsPolicy = z.infer<typeof CorsPolicySchema>;

/**
 * One HTTP route of a VirtualService: matches, then what to do (route, redirect, direct
 * response or delegate) and how (rewrite, timeout, retries, fault, mirrors, CORS,
 * headers).
 */
export const IstioHTTPRouteSchema = kobject({
  name: z.string().optional(),
  match: z.array(HTTPMatchRequestSchema).optional(),
  route: z.array(HTTPRouteDestinationSchema).optional(),
  redirect: HTTPRedirectSchema.optional(),
  directResponse: HTTPDirectResponseSchema.optional(),
  delegate: kobject({ name: z.string().optional(), namespace: z.string().optional() }).optional(),
  rewrite: HTTPRewriteSchema.optional(),
  timeout: z.string().optional(),
  retries: HTTPRetrySchema.optional(),
  fault: HTTPFaultInjectionSchema.optional(),
  mirror: DestinationSchema.optional(),
  mirrors: z.array(HTTPMirrorPolicySchema).optional(),
  mirrorPercent: int.optional(),
  mirrorPercentage: PercentSchema.optional(),
  corsPolicy: CorsPolicySchema.optional(),
  headers: IstioHeadersSchema.optional(),
});
/** What {@link IstioHTTPRouteSchema} parses to, inferred from it so the shape is written once. */
export type IstioHTTPRoute = z.infer<typeof IstioHTTPRouteSchema>;

/** The match fields TLS and TCP routes have in common. */
const l4MatchShape = {
  destinationSubnets: z.array(z.string()).optional(),
  port: int.optional(),
  sourceLabels: stringMap.optional(),
  gateways: z.array(z.string()).optional(),
  sourceNamespace: z.string().optional(),
};

/**
 * The conditions a TLS connection must meet: SNI hosts and L4 attributes.
 */
export const TLSMatchAttributesSchema = kobject({
  sniHosts: z.array(z.string()).optional(),
  ...l4MatchShape,
});
/** What {@link TLSMatchAttributesSchema} parses to, inferred from it so the shape is written once. */
export type TLSMatchAttributes = z.infer<typeof TLSMatchAttributesSchema>;

/**
 * The conditions a TCP connection must meet.
 */
export const L4MatchAttributesSchema = kobject({
  ...l4MatchShape,
  sourceSubnet: z.string().optional(),
});
/** What {@link L4MatchAttributesSchema} parses to, inferred from it so the shape is written once. */
export type L4MatchAttributes = z.infer<typeof L4MatchAttributesSchema>;

/**
 * A TLS (passthrough) route of a VirtualService.
 */
export const IstioTLSRouteSchema = kobject({
  match: z.array(TLSMatchAttributesSchema).optional(),
  route: z.array(RouteDestinationSchema).optional(),
});
/** What {@link IstioTLSRouteSchema} parses to, inferred from it so the shape is written once. */
export type IstioTLSRoute = z.infer<typeof IstioTLSRouteSchema>;

/**
 * A TCP route of a VirtualService.
 */
export const IstioTCPRouteSchema = kobject({
  match: z.array(L4MatchAttributesSchema).optional(),
  route: z.array(RouteDestinationSchema).optional(),
});
/** What {@link IstioTCPRouteSchema} parses to, inferred from it so the shape is written once. */
export type IstioTCPRoute = z.infer<typeof IstioTCPRouteSchema>;

/**
 * The spec of a VirtualService.
 */
export const VirtualServiceSpecSchema = kobject({
  hosts: z.array(z.string()).optional(),
  gateways: z.array(z.string()).optional(),
  http: z.array(IstioHTTPRouteSchema).optional(),
  tls: z.array(IstioTLSRouteSchema).optional(),
  tcp: z.array(IstioTCPRouteSchema).optional(),
  exportTo: z.array(z.string()).optional(),
});
/** What {@link VirtualServiceSpecSchema} parses to, inferred from it so the shape is written once. */
export type VirtualServiceSpec = z.infer<typeof VirtualServiceSpecSchema>;

/**
 * A VirtualService object.
 */
export const VirtualServiceSchema = kobject({
  apiVersion: z.enum(ISTIO_NETWORKING_API_VERSIONS),
  kind: z.literal("VirtualService"),
  metadata: ObjectMetaSchema,
  spec: VirtualServiceSpecSchema.optional(),
  status: IstioStatusSchema.optional(),
});
/** What {@link VirtualServiceSchema} parses to, inferred from it so the shape is written once. */
export type VirtualService = z.infer<typeof VirtualServiceSchema>;
