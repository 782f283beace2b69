/**
 * The shadow Service of an InferencePool: a Service Istio creates so the pool can
 * be routed to like any backend. Its name is `<pool>-ip-<first 8 hex digits of
 * sha256(pool name)>`, the pool part cut so the whole stays within the 63
 * characters of a DNS label.
 */
import { createHash } from "node:crypto";

const MAX_NAME = 63;

export function shadowServiceName(pool: string): string {
  const hash = createHash("sha256").update(pool).digest("hex").slice(0, 8);
  const suffix = `-ip-${hash}`;
  return `${pool.slice(0, MAX_NAME - suffix.length)}${suffix}`;
}
