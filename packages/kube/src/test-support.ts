/**
 * Helpers shared by this package's tests: waiting for a condition without fixed sleeps
 * (the machine may be loaded), small object builders, and a fake server with informers.
 */
import { captureErrors, type CapturedError } from "@weft/krt/conformance";
import { afterEach, beforeEach, onTestFinished } from "vitest";
import { clientNodeApi } from "./client-node-api.js";
import type { KubeApiError } from "./api.js";
import { informer, type Informer, type InformerErrorContext, type InvalidObjectError } from "./informer.js";
import type { RawObject } from "./reflector.js";
import { resourceOf } from "./resources.js";
import { FakeApiServer, type StoredObject } from "./testing/fake-api-server.js";

/**
 * Resolves once `check` passes (returns without throwing and not false); rejects with
 * the last failure after `timeoutMs`. Polls, so it never depends on a lucky schedule.
 */
export async function eventually(check: () => unknown, timeoutMs = 15_000, intervalMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false) return;
      last = new Error("condition is false");
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw last instanceof Error ? last : new Error(String(last));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits `ms` of real time (only to show that something does NOT happen meanwhile). */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function service(namespace: string, name: string, labels?: Record<string, string>): StoredObject {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace, ...(labels === undefined ? {} : { labels }) }, spec: { ports: [{ port: 80 }] } };
}

/** Fast retries, so tests of failure paths finish quickly. */
export const FAST = { backoff: { initialMs: 5, maxMs: 50, jitter: 0 }, watchTimeoutSeconds: 30, notServedRetryMs: 50 } as const;

/**
 * A fake API server started before each test of the calling file and closed after it,
 * with Service informers on it that are stopped after each test too. Call once at the top
 * of a test file; read `harness.server` inside tests (it is a new server for each).
 */
export function serviceInformerHarness<T extends RawObject = RawObject>() {
  const running: Informer<unknown>[] = [];
  const harness = {
    server: undefined as unknown as FakeApiServer,
    /** A started informer of Services on this test's server, with fast retries. */
    start(opts: Parameters<typeof informer<T>>[2] = {}): Informer<T> {
      return harness.track(informer<T>(clientNodeApi(harness.server.kubeConfig()), resourceOf("Service"), { ...FAST, ...opts })).start();
    },
    /** Stops `inf` after the test (for informers built by the test itself). */
    track<I>(inf: Informer<I>): Informer<I> {
      running.push(inf as Informer<unknown>);
      return inf;
    },
    /** Stops every informer started so far (before closing a server of the test's own). */
    stopAll: () => Promise.all(running.splice(0).map((i) => i.stop())),
  };
  beforeEach(async () => {
    harness.server = await FakeApiServer.start();
  });
  afterEach(async () => {
    await harness.stopAll();
    await harness.server.close();
  });
  return harness;
}

/** What an informer's `onError` was told, error and context in one record, for assertions. */
export type ToldError =
  | ({ error: KubeApiError } & Extract<InformerErrorContext, { type: "request" }>)
  | ({ error: InvalidObjectError } & Extract<InformerErrorContext, { type: "invalid" }>);

/** An informer `onError` that records what it is told. */
export function errorRecorder() {
  const told: ToldError[] = [];
  return { told, onError: (error: unknown, context: InformerErrorContext) => void told.push({ error, ...context } as ToldError) };
}

/** What the shared error sink was told. */
export type SunkError = CapturedError;

/**
 * Replaces the shared error sink (krt's, every package's default) with a recorder for the
 * current test, restored when the test finishes; returns what it records.
 */
export function recordErrorSink(): SunkError[] {
  const capture = captureErrors();
  onTestFinished(capture.restore);
  return capture.errors;
}
