/**
 * What ADS clients may make the server keep. Everything a stream keeps is keyed by
 * what its client sent (type URLs, resource names, versions), so each is bounded here,
 * and a request past a bound ends the stream with a gRPC error instead of being stored.
 * Unknown type URLs keep nothing at all (see `AdsStream`). The number of streams is
 * bounded too, so the bounds per stream add up to a bound for the server.
 */
import { status } from "@grpc/grpc-js";

export interface AdsLimits {
  /**
   * The longest resource name (or `initial_resource_versions` version) a client may send,
   * in UTF-16 code units. Names this package builds are Kubernetes hostnames (at most
   * 253) with a port and a subset name around them, well under 512. Default 1024.
   * Past it: `INVALID_ARGUMENT`.
   */
  maxResourceNameLength: number;
  /**
   * The most names one stream may subscribe to, per type (delta: also the most entries of
   * `initial_resource_versions`). Envoy subscribes by name to endpoints and routes (one
   * per cluster or route configuration); 20,000 is past the largest meshes this serves.
   * With the name length bound, one stream keeps at most ~20 MiB of names per type.
   * Default 20,000. Past it: `RESOURCE_EXHAUSTED`.
   */
  maxNamesPerType: number;
  /**
   * The most ADS streams (state of the world and delta together, over every
   * connection) the server keeps open at once. A proxy holds one; a client opening
   * stream after stream would otherwise make the server keep per-stream state without
   * end. Default 10,000. Past it: a new stream ends at once with `RESOURCE_EXHAUSTED`
   * (Envoy and gRPC clients retry with backoff) and the open ones carry on.
   */
  maxStreams: number;
}

export const DEFAULT_ADS_LIMITS: Readonly<AdsLimits> = Object.freeze({ maxResourceNameLength: 1024, maxNamesPerType: 20_000, maxStreams: 10_000 });

/**
 * A NACK's error_detail message, and a rejected type URL in events, are kept to this
 * many characters: they are for logs, and a client chooses their size.
 */
export const MAX_REPORTED_TEXT = 1024;

/**
 * Delta: responses awaiting an ACK are remembered (to roll back on NACK) up to this many
 * per type; an older one's late ACK or NACK is then ignored. Responses are written one
 * per type at a time, so a client that answers at all stays far below it.
 */
export const MAX_UNACKED_RESPONSES = 16;

export function resolveLimits(limits: Partial<AdsLimits> | undefined): AdsLimits {
  const out = { ...DEFAULT_ADS_LIMITS };
  for (const key of ["maxResourceNameLength", "maxNamesPerType", "maxStreams"] as const) {
    const value = limits?.[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`AdsServer limit ${key} must be a positive integer, got ${String(value)}`);
    out[key] = value;
  }
  return out;
}

/** Why a request is refused: the gRPC status the stream ends with. */
export class LimitExceeded extends Error {
  constructor(
    readonly code: status,
    readonly details: string,
  ) {
    super(details);
  }
}

export function truncate(text: string, max = MAX_REPORTED_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** Throws when a name (or version) is longer than allowed. */
export function checkName(limits: AdsLimits, typeUrl: string, name: string, what = "resource name"): void {
  if (name.length > limits.maxResourceNameLength)
    throw new LimitExceeded(status.INVALID_ARGUMENT, `${what} of ${name.length} characters for ${typeUrl} is longer than the limit of ${limits.maxResourceNameLength}`);
}

/** Throws when a stream would follow more names of a type than allowed. */
export function checkCount(limits: AdsLimits, typeUrl: string, count: number, what = "subscribed names"): void {
  if (count > limits.maxNamesPerType) throw new LimitExceeded(status.RESOURCE_EXHAUSTED, `${count} ${what} for ${typeUrl} exceed the limit of ${limits.maxNamesPerType} per stream`);
}

/**
 * How many names a delta subscription follows after a request: (names ∪ subscribe) ∖
 * unsubscribe, "*" aside, as the stream applies them. Costs the request's size, not the
 * subscription's, so a stream at the limit pays nothing per small request.
 */
export function namesAfter(names: ReadonlySet<string>, subscribe: readonly string[], unsubscribe: readonly string[]): number {
  const subscribed = new Set(subscribe.filter((n) => n !== "*"));
  let count = names.size;
  for (const n of subscribed) if (!names.has(n)) count++;
  for (const n of new Set(unsubscribe)) if (n !== "*" && (names.has(n) || subscribed.has(n))) count--;
  return count;
}
