/**
 * Istio HTTP retries as an Envoy RetryPolicy. A route without retries gets the mesh
 * default; `attempts: 0` turns retrying off.
 */
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import type { RetryPolicySchema } from "../gen/envoy/config/route/v3/route_components_pb.js";
import { PreviousHostsPredicateSchema } from "../gen/envoy/extensions/retry/host/previous_hosts/v3/previous_hosts_pb.js";
import { PreviousPrioritiesConfigSchema } from "../gen/envoy/extensions/retry/priority/previous_priorities/v3/previous_priorities_config_pb.js";
import { parseDuration } from "../duration.js";
import type { HTTPRetryInput } from "../model.js";

type RetryPolicyInit = MessageInitShape<typeof RetryPolicySchema>;

const DEFAULT_RETRY_ON = "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes";

// Built once: every route with a default retry policy carries this same (empty) config.
const PREVIOUS_HOSTS = anyPack(PreviousHostsPredicateSchema, create(PreviousHostsPredicateSchema));
const previousHosts = () => [{ name: "envoy.retry_host_predicates.previous_hosts", configType: { case: "typedConfig" as const, value: PREVIOUS_HOSTS } }];

/** Envoy keeps retry conditions and status codes apart; Istio writes both in one list. */
function splitRetryOn(retryOn: string): { retryOn: string; codes: number[] } {
  const conditions: string[] = [];
  const codes: number[] = [];
  for (const part of retryOn.split(",").map((p) => p.trim()).filter((p) => p !== "")) {
    if (/^\d+$/.test(part)) codes.push(Number(part));
    else conditions.push(part);
  }
  if (codes.length > 0 && !conditions.includes("retriable-status-codes")) conditions.push("retriable-status-codes");
  return { retryOn: conditions.join(","), codes };
}

/**
 * @param consistentHash a hash-based route must retry on the same host, so the
 *   "previous hosts" predicate (pick another host) is left out.
 */
export function retryPolicy(retries: HTTPRetryInput | undefined, defaults: { attempts: number; retryOn?: string } | null, consistentHash: boolean): RetryPolicyInit | undefined {
  const policy = retries ?? defaults;
  if (policy === null || (policy.attempts ?? 0) <= 0) return undefined;
  const out: RetryPolicyInit = {
    numRetries: policy.attempts ?? 0,
    retryOn: DEFAULT_RETRY_ON,
    hostSelectionRetryMaxAttempts: 5n,
    ...(consistentHash ? {} : { retryHostPredicate: previousHosts() }),
  };
  if (policy.retryOn !== undefined && policy.retryOn !== "") {
    const { retryOn, codes } = splitRetryOn(policy.retryOn);
    out.retryOn = retryOn;
    if (codes.length > 0) out.retriableStatusCodes = codes;
  }
  if (retries === undefined) return out;
  const perTry = parseDuration(retries.perTryTimeout);
  if (perTry !== undefined) out.perTryTimeout = perTry;
  if (retries.retryIgnorePreviousHosts !== undefined) out.retryHostPredicate = retries.retryIgnorePreviousHosts ? previousHosts() : [];
  if (retries.retryRemoteLocalities === true) {
    out.retryPriority = {
      name: "envoy.retry_priorities.previous_priorities",
      configType: { case: "typedConfig", value: anyPack(PreviousPrioritiesConfigSchema, create(PreviousPrioritiesConfigSchema, { updateFrequency: 2 })) },
    };
  }
  const backoff = parseDuration(retries.backoff);
  if (backoff !== undefined) out.retryBackOff = { baseInterval: backoff };
  return out;
}
