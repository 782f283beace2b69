/**
 * Limits the Gateway API CRDs put on string fields (v1 schemas: minLength, maxLength,
 * pattern), for the translators to check what an API server would have refused before
 * it reaches a proxy (see routes/field-limits.ts and the BackendTLSPolicy hostname).
 */

export interface Limit {
  min?: number;
  max: number;
  pattern?: RegExp;
  /** What the pattern asks for, in words. */
  shape?: string;
}

/** HTTPHeaderName: an RFC 7230 token. */
export const HEADER_NAME: Limit = { min: 1, max: 256, pattern: /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/, shape: "an HTTP header name (RFC 7230 token characters)" };
export const HEADER_VALUE: Limit = { min: 1, max: 4096 };
export const QUERY_VALUE: Limit = { min: 1, max: 1024 };
export const PATH_MODIFIER: Limit = { max: 1024 };
export const PRECISE_HOSTNAME: Limit = { min: 1, max: 253, pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, shape: "a lower-case DNS name" };
export const CORS_ORIGIN: Limit = { min: 1, max: 253, pattern: /(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)/, shape: "`*` or an http(s) origin" };
export const GRPC_SERVICE: Limit = { max: 1024, pattern: /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i, shape: "a dotted protobuf service name" };
export const GRPC_METHOD: Limit = { max: 1024, pattern: /^[A-Za-z_][A-Za-z_0-9]*$/, shape: "a protobuf method name" };
export const GRPC_PATTERN_FREE: Limit = { max: 1024 };

/** Why `value` breaks `limit`, or undefined. An absent value is not this check's concern. */
export function limitProblem(value: unknown, limit: Limit): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") return "must be a string";
  if (value.length > limit.max) return `is ${value.length} characters long, more than ${limit.max}`;
  if (limit.min !== undefined && value.length < limit.min) return "must not be empty";
  if (limit.pattern !== undefined && !limit.pattern.test(value)) return `${JSON.stringify(value)} is not ${limit.shape}`;
  return undefined;
}
