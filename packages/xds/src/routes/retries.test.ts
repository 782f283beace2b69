import { describe, expect, test } from "vitest";
import { retryPolicy } from "./retries.js";

describe("retries", () => {
  test("a route without retries gets the mesh default, with the previous-hosts predicate", () => {
    const p = retryPolicy(undefined, { attempts: 2 }, false);
    expect(p).toMatchObject({ numRetries: 2, retryOn: "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes", hostSelectionRetryMaxAttempts: 5n });
    expect(p?.retryHostPredicate).toHaveLength(1);
  });

  test("hash-based routes retry on the same host", () => {
    expect(retryPolicy(undefined, { attempts: 2 }, true)?.retryHostPredicate).toBeUndefined();
  });

  test("zero attempts turn retrying off; so does a null default", () => {
    expect(retryPolicy({ attempts: 0 }, { attempts: 2 }, false)).toBeUndefined();
    expect(retryPolicy(undefined, null, false)).toBeUndefined();
  });

  test("status codes in retryOn become retriable status codes", () => {
    expect(retryPolicy({ attempts: 3, retryOn: "5xx,503,gateway-error" }, null, false)).toMatchObject({ numRetries: 3, retryOn: "5xx,gateway-error,retriable-status-codes", retriableStatusCodes: [503] });
  });

  test("per-try timeout and backoff are durations", () => {
    const p = retryPolicy({ attempts: 1, perTryTimeout: "250ms", backoff: "1s" }, null, false);
    expect(p?.perTryTimeout).toMatchObject({ seconds: 0n, nanos: 250_000_000 });
    expect(p?.retryBackOff).toMatchObject({ baseInterval: { seconds: 1n, nanos: 0 } });
  });
});
