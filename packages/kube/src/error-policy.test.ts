/**
 * The error policy every Weft package shares, as @weft/kube applies it: a callback that
 * throws, or a failure the component recovers from, is reported to the component's
 * `onError` (or, without one, to the shared error sink of @weft/krt), never swallowed,
 * and the component keeps working.
 */
import { staticCollection } from "@weft/krt";
import { beforeEach, describe, expect, it } from "vitest";
import { clientNodeApi } from "./client-node-api.js";
import type { InformerErrorContext } from "./informer.js";
import { InvalidObjectError } from "./informer.js";
import { LeaderElector, type LeaderElectionErrorContext } from "./leader-election.js";
import { StatusWriter, type StatusDocumentLike, type WriteReport } from "./status-writer.js";
import { eventually, recordErrorSink, service, serviceInformerHarness, type SunkError } from "./test-support.js";

const harness = serviceInformerHarness();

let sunk: SunkError[];
beforeEach(() => {
  sunk = recordErrorSink();
});

describe("informer errors", () => {
  it("a parse that throws is reported to onError as an invalid object, and the informer keeps the others", async () => {
    harness.server.apply(service("apps", "bad"));
    harness.server.apply(service("apps", "good"));
    const told: [unknown, InformerErrorContext][] = [];
    const inf = harness.start({
      parse: (object) => {
        if (object.metadata.name === "bad") throw new Error("parser broke");
        return { ok: true, item: object };
      },
      onError: (error, context) => told.push([error, context]),
    });
    await inf.waitUntilSynced();
    expect(inf.collection.list().map((s) => s.metadata.name)).toEqual(["good"]);
    expect(told).toHaveLength(1);
    expect(told[0]![0]).toBeInstanceOf(InvalidObjectError);
    expect(told[0]![1]).toMatchObject({ type: "invalid", key: "apps/bad", problems: ["parse failed: parser broke"] });
    harness.server.apply(service("apps", "later"));
    await eventually(() => expect(inf.collection.get("apps/later")).toBeDefined());
    expect(sunk).toEqual([]);
  });

  it("an onError that throws is reported to the sink, and the informer keeps following changes", async () => {
    harness.server.apply(service("apps", "bad"));
    const inf = harness.start({
      parse: (object) => (object.metadata.name === "bad" ? { ok: false, problems: ["rejected"] } : { ok: true, item: object }),
      onError: () => {
        throw new Error("reporter broke");
      },
    });
    await inf.waitUntilSynced();
    expect(sunk.map((s) => [String(s.error), s.context])).toEqual([["Error: reporter broke", { source: "informer Service", key: "apps/bad", phase: "handler" }]]);
    harness.server.apply(service("apps", "good"));
    await eventually(() => expect(inf.collection.get("apps/good")).toBeDefined());
  });

  it("without onError, a failing request is reported to the sink (not swallowed) and retried until it succeeds", async () => {
    harness.server.apply(service("apps", "a"));
    const fault = harness.server.inject({ method: "GET", watch: false, status: 500 });
    const inf = harness.start();
    await inf.waitUntilSynced();
    expect(fault.used).toBe(1);
    expect(inf.collection.get("apps/a")).toBeDefined();
    expect(sunk).toHaveLength(1);
    expect(sunk[0]!.context).toEqual({ source: "informer Service", phase: "request" });
  });
});

describe("leader election errors", () => {
  it("a subscriber that throws is reported to onError, the others still hear, and the leader keeps renewing", async () => {
    const told: [unknown, LeaderElectionErrorContext][] = [];
    const heard: boolean[] = [];
    const elector = new LeaderElector(clientNodeApi(harness.server.kubeConfig("a")), {
      namespace: "weft-system",
      name: "weft",
      identity: "a",
      leaseDurationMs: 2000,
      renewDeadlineMs: 1500,
      retryPeriodMs: 50,
      onError: (error, context) => told.push([error, context]),
    });
    elector.subscribe(() => {
      throw new Error("listener broke");
    });
    elector.subscribe((leading) => heard.push(leading));
    elector.start();
    try {
      await eventually(() => expect(elector.stats.renewals).toBeGreaterThan(1));
      expect(elector.isLeader()).toBe(true);
      expect(heard).toEqual([true]);
      expect(told.map(([e, c]) => [String(e), c])).toEqual([["Error: listener broke", { lease: "weft-system/weft", during: "listener" }]]);
    } finally {
      await elector.stop();
    }
  });
});

describe("status writer errors", () => {
  it("an onWrite that throws is reported to the sink without onError, and the writer keeps writing", async () => {
    const route = (name: string) => ({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name, namespace: "apps" }, spec: {} });
    harness.server.apply(route("a"));
    harness.server.apply(route("b"));
    const statuses = staticCollection<StatusDocumentLike>([], { key: (d) => `${d.metadata.namespace}/${d.metadata.name}` });
    const reports: WriteReport[] = [];
    const writer = new StatusWriter<StatusDocumentLike>({
      api: clientNodeApi(harness.server.kubeConfig("writer")),
      statuses,
      controllerName: "example.com/c",
      onWrite: (report) => {
        reports.push(report);
        throw new Error("onWrite broke");
      },
    }).start();
    try {
      const status = { parents: [] as unknown[], note: "x" };
      statuses.set({ ...route("a"), status });
      await eventually(() => expect(reports.map((r) => r.outcome)).toEqual(["written"]));
      statuses.set({ ...route("b"), status });
      await eventually(() => expect(reports.map((r) => r.outcome)).toEqual(["written", "written"]));
      expect(sunk.map((s) => [String(s.error), s.context])).toEqual([
        ["Error: onWrite broke", { source: "status-writer", key: "apps/a", phase: "handler" }],
        ["Error: onWrite broke", { source: "status-writer", key: "apps/b", phase: "handler" }],
      ]);
    } finally {
      await writer.stop();
    }
  });
});
