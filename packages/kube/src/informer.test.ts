import { describe, expect, it } from "vitest";
import type { Event } from "@weft/krt";
import { clientNodeApi } from "./client-node-api.js";
import { informer, type Informer } from "./informer.js";
import type { RawObject } from "./reflector.js";
import { resourceOf } from "./resources.js";
import { FakeApiServer } from "./testing/fake-api-server.js";
import { errorRecorder, eventually, FAST, service, serviceInformerHarness } from "./test-support.js";

const SERVICES = resourceOf("Service");
type Svc = RawObject & { metadata: { labels?: Record<string, string> } };

const harness = serviceInformerHarness<Svc>();
const start = harness.start;

const names = (inf: Informer<Svc>) => inf.collection.list().map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
const watchRequests = () => harness.server.requestsTo("GET", "/api/v1/services", { watch: true });
const listRequests = () => harness.server.requestsTo("GET", "/api/v1/services", { watch: false });

describe("informer: list then watch", () => {
  it("has synced only after the initial list, then follows every change from the watch", async () => {
    harness.server.apply(service("a", "one"));
    harness.server.apply(service("b", "two"));
    const inf = informer<Svc>(clientNodeApi(harness.server.kubeConfig()), SERVICES, FAST);
    harness.track(inf);
    expect(inf.hasSynced()).toBe(false);
    inf.start();
    await inf.waitUntilSynced();
    expect(names(inf)).toEqual(["a/one", "b/two"]);
    // Core-group list items come without apiVersion/kind; the informer restores them.
    expect(inf.collection.get("a/one")).toMatchObject({ apiVersion: "v1", kind: "Service" });

    await eventually(() => expect(harness.server.openWatches).toBe(1));
    harness.server.apply(service("a", "three"));
    harness.server.remove(service("b", "two"));
    await eventually(() => expect(names(inf)).toEqual(["a/one", "a/three"]));
    expect(listRequests()).toHaveLength(1);
    // The watch started from the list's version, not from scratch.
    expect(watchRequests()[0]!.query.get("resourceVersion")).not.toBe("");
    expect(watchRequests()[0]!.query.get("allowWatchBookmarks")).toBe("true");
  });

  it("lists in pages and still sees one consistent snapshot", async () => {
    for (let i = 0; i < 7; i++) harness.server.apply(service("p", `s${i}`));
    const inf = start({ pageSize: 3 });
    await inf.waitUntilSynced();
    expect(inf.collection.list()).toHaveLength(7);
    expect(listRequests().map((r) => r.query.get("continue") ?? "")).toHaveLength(3);
  });

  it("applies the events of one network read as one krt batch", async () => {
    const inf = start();
    await inf.waitUntilSynced();
    await eventually(() => expect(harness.server.openWatches).toBe(1));
    const rounds: Event<Svc>[][] = [];
    inf.collection.registerBatch((events) => rounds.push(events), { replay: false });
    // While disconnected, 40 changes pile up; the resumed watch sends them in one write.
    harness.server.dropWatches();
    for (let i = 0; i < 40; i++) harness.server.apply(service("burst", `s${i}`));
    await eventually(() => expect(inf.collection.list()).toHaveLength(40));
    expect(rounds.flat()).toHaveLength(40);
    expect(rounds.length).toBeLessThan(40);
    expect(rounds.length).toBeLessThanOrEqual(3);
  });
});

describe("informer: resuming", () => {
  it("resumes a dropped watch from the last resourceVersion seen, without listing again", async () => {
    harness.server.apply(service("a", "one"));
    const inf = start();
    await inf.waitUntilSynced();
    await eventually(() => expect(harness.server.openWatches).toBe(1));
    harness.server.apply(service("a", "two"));
    await eventually(() => expect(names(inf)).toContain("a/two"));
    const seen = harness.server.resourceVersion;

    harness.server.dropWatches();
    harness.server.apply(service("a", "three")); // while disconnected
    await eventually(() => expect(names(inf)).toEqual(["a/one", "a/three", "a/two"]));
    expect(listRequests()).toHaveLength(1);
    expect(watchRequests().at(-1)!.query.get("resourceVersion")).toBe(seen);
  });

  it("resumes from a bookmark's version, which moves forward without changing the collection", async () => {
    const inf = start();
    await inf.waitUntilSynced();
    await eventually(() => expect(harness.server.openWatches).toBe(1));
    harness.server.apply(service("other", "x")); // moves the store's version...
    harness.server.remove(service("other", "x"));
    await eventually(() => expect(inf.stats()[0]!.events).toBe(2));
    harness.server.apply({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "r", namespace: "a" }, spec: {} });
    const before = inf.stats()[0]!.resourceVersion;
    harness.server.bookmark(); // ...and a bookmark tells the watcher, which saw no Service change
    await eventually(() => expect(inf.stats()[0]!.bookmarks).toBe(1));
    expect(inf.stats()[0]!.resourceVersion).toBe(harness.server.resourceVersion);
    expect(inf.stats()[0]!.resourceVersion).not.toBe(before);
    harness.server.dropWatches();
    await eventually(() => expect(watchRequests()).toHaveLength(2));
    expect(watchRequests()[1]!.query.get("resourceVersion")).toBe(harness.server.resourceVersion);
    expect(inf.collection.list()).toEqual([]);
  });

  it("relists on 410 Gone, dropping what was deleted and adding what appeared meanwhile", async () => {
    harness.server.apply(service("a", "keep"));
    harness.server.apply(service("a", "deleted-while-away"));
    const inf = start();
    await inf.waitUntilSynced();
    await eventually(() => expect(harness.server.openWatches).toBe(1));
    const changes: string[] = [];
    inf.collection.register((e) => changes.push(`${e.type} ${e.type === "delete" ? e.old.metadata.name : e.new.metadata.name}`));
    changes.length = 0;

    harness.server.dropWatches();
    harness.server.remove(service("a", "deleted-while-away"));
    harness.server.apply(service("a", "added-while-away"));
    harness.server.compact(); // the history the watcher needs is gone: its resume gets 410
    await eventually(() => expect(names(inf)).toEqual(["a/added-while-away", "a/keep"]));
    expect(listRequests()).toHaveLength(2);
    expect(inf.stats()[0]!.relists).toBe(1);
    // The unchanged object produced no event: a relist emits only differences.
    expect(changes.sort()).toEqual(["add added-while-away", "delete deleted-while-away"]);
  });

  it("relists when the watch request itself is answered 410", async () => {
    const inf = start();
    await inf.waitUntilSynced();
    await eventually(() => expect(harness.server.openWatches).toBe(1));
    harness.server.inject({ method: "GET", path: "/api/v1/services", watch: true, status: 410, reason: "Expired" });
    harness.server.dropWatches();
    harness.server.apply(service("a", "late"));
    await eventually(() => expect(names(inf)).toEqual(["a/late"]));
    expect(listRequests()).toHaveLength(2);
  });

  it("reconnects with growing delays while the server fails, then syncs", async () => {
    const { told: problems, onError } = errorRecorder();
    harness.server.inject({ method: "GET", path: "/api/v1/services", watch: false, status: 503, reason: "ServiceUnavailable", times: 4 });
    harness.server.apply(service("a", "one"));
    const inf = start({ backoff: { initialMs: 5, maxMs: 40, factor: 2, jitter: 0 }, onError });
    await inf.waitUntilSynced();
    expect(names(inf)).toEqual(["a/one"]);
    const delays = problems.flatMap((p) => (p.type === "request" ? [p.retryInMs] : []));
    expect(delays).toEqual([5, 10, 20, 40]);
    expect(problems.every((p) => p.type === "request" && p.error.code === 503 && p.phase === "list")).toBe(true);
  });

  it("survives a connection cut in the middle of a list", async () => {
    harness.server.inject({ method: "GET", path: "/api/v1/services", watch: false, destroy: true });
    harness.server.apply(service("a", "one"));
    const inf = start();
    await inf.waitUntilSynced();
    expect(names(inf)).toEqual(["a/one"]);
    expect(listRequests()).toHaveLength(2);
  });

  it("re-watches after a watch that the server ends cleanly, without listing again", async () => {
    const inf = start();
    await inf.waitUntilSynced();
    await eventually(() => expect(harness.server.openWatches).toBe(1));
    harness.server.endWatches();
    await eventually(() => expect(watchRequests()).toHaveLength(2));
    harness.server.apply(service("a", "after"));
    await eventually(() => expect(names(inf)).toEqual(["a/after"]));
    expect(listRequests()).toHaveLength(1);
  });

  it("abandons a watch that goes silent and opens a new one", async () => {
    harness.server.inject({ method: "GET", path: "/api/v1/services", watch: true, delayMs: 60_000 });
    const inf = start({ watchStallMs: 100 });
    await inf.waitUntilSynced();
    await eventually(() => expect(watchRequests().length).toBeGreaterThanOrEqual(2));
    harness.server.apply(service("a", "seen"));
    await eventually(() => expect(names(inf)).toEqual(["a/seen"]));
  });
});

describe("informer: scoping", () => {
  it("watches only the namespaces asked for, and one namespace's relist keeps the other's objects", async () => {
    harness.server.apply(service("a", "in-a"));
    harness.server.apply(service("b", "in-b"));
    harness.server.apply(service("c", "in-c"));
    const inf = start({ namespaces: ["a", "b"] });
    await inf.waitUntilSynced();
    expect(names(inf)).toEqual(["a/in-a", "b/in-b"]);
    expect(harness.server.requestsTo("GET", "/api/v1/namespaces/a/services")).not.toHaveLength(0);
    expect(harness.server.requestsTo("GET", "/api/v1/services")).toHaveLength(0);

    await eventually(() => expect(harness.server.openWatches).toBe(2));
    harness.server.inject({ method: "GET", path: "/namespaces/a/services", watch: true, status: 410, reason: "Expired" });
    harness.server.dropWatches();
    harness.server.apply(service("c", "still-not-seen"));
    await eventually(() => expect(inf.stats().map((s) => s.relists)).toEqual([1, 0]));
    await eventually(() => expect(harness.server.openWatches).toBe(2));
    expect(names(inf)).toEqual(["a/in-a", "b/in-b"]);
  });

  it("only has synced once every namespace has listed", async () => {
    harness.server.inject({ method: "GET", path: "/namespaces/b/services", watch: false, status: 500, times: 3 });
    const inf = start({ namespaces: ["a", "b"] });
    await eventually(() => expect(inf.stats()[0]!.lists).toBe(1));
    expect(inf.hasSynced()).toBe(false);
    await inf.waitUntilSynced();
    expect(inf.stats()[1]!.lists).toBe(1);
  });

  it("follows the label selector: relabelling out deletes, relabelling in adds", async () => {
    harness.server.apply(service("a", "web", { app: "web" }));
    harness.server.apply(service("a", "db", { app: "db" }));
    const inf = start({ labelSelector: { app: "web" } });
    await inf.waitUntilSynced();
    expect(names(inf)).toEqual(["a/web"]);
    expect(listRequests()[0]!.query.get("labelSelector")).toBe("app=web");
    await eventually(() => expect(harness.server.openWatches).toBe(1));
    harness.server.apply(service("a", "web", { app: "other" }));
    harness.server.apply(service("a", "db", { app: "web" }));
    await eventually(() => expect(names(inf)).toEqual(["a/db"]));
  });
});

describe("informer: objects and kinds", () => {
  it("reports an invalid object and leaves it out (removing its earlier valid version)", async () => {
    const { told: problems, onError } = errorRecorder();
    harness.server.apply(service("a", "fine"));
    const inf = start({ onError });
    await inf.waitUntilSynced();
    await eventually(() => expect(harness.server.openWatches).toBe(1));
    harness.server.apply({ ...service("a", "fine"), spec: { ports: "eighty" } });
    await eventually(() => expect(names(inf)).toEqual([]));
    const invalid = problems.find((p) => p.type === "invalid");
    expect(invalid).toMatchObject({ type: "invalid", key: "a/fine" });
    expect(invalid!.type === "invalid" && invalid!.problems.join()).toContain("spec.ports");
  });

  it("drops managedFields, which no translator reads", async () => {
    harness.server.apply({ ...service("a", "x"), metadata: { name: "x", namespace: "a", managedFields: [{ manager: "kubectl" }] } });
    const inf = start();
    await inf.waitUntilSynced();
    expect(inf.collection.get("a/x")!.metadata).not.toHaveProperty("managedFields");
  });

  it("tries the next version when the preferred one is not served", async () => {
    const tcp = resourceOf("TCPRoute.gateway.networking.k8s.io");
    const v1alpha2Only = await FakeApiServer.start({ resources: [{ ...tcp, versions: ["v1alpha2"] }] });
    try {
      v1alpha2Only.apply({ apiVersion: "gateway.networking.k8s.io/v1alpha2", kind: "TCPRoute", metadata: { name: "t", namespace: "a" }, spec: { parentRefs: [], rules: [] } });
      const inf = informer(clientNodeApi(v1alpha2Only.kubeConfig()), tcp, FAST).start();
      harness.track(inf);
      await inf.waitUntilSynced();
      expect(inf.collection.list().map((r) => r.metadata.name)).toEqual(["t"]);
      expect(inf.stats()[0]!.version).toBe("v1alpha2");
    } finally {
      await harness.stopAll();
      await v1alpha2Only.close();
    }
  });

  it("treats an optional kind that is not installed as empty and synced, and picks it up once it is", async () => {
    const pools = resourceOf("InferencePool.inference.networking.k8s.io");
    let served = false;
    const { told: problems, onError } = errorRecorder();
    harness.server.inject({ path: "/inferencepools", status: 404, reason: "NotFound", times: 1_000_000 });
    const inf = informer(clientNodeApi(harness.server.kubeConfig()), pools, { ...FAST, optional: true, onError }).start();
    harness.track(inf);
    await inf.waitUntilSynced();
    expect(inf.collection.list()).toEqual([]);
    expect(problems[0]).toMatchObject({ type: "request", phase: "list" });
    served = true;
    harness.server.clearFaults();
    harness.server.apply({ apiVersion: "inference.networking.k8s.io/v1", kind: "InferencePool", metadata: { name: "pool", namespace: "a" }, spec: { selector: { matchLabels: { app: "m" } }, targetPorts: [{ number: 8000 }], endpointPickerRef: { name: "epp", port: { number: 9002 } } } });
    await eventually(() => expect(inf.collection.list()).toHaveLength(1));
    expect(served).toBe(true);
  });
});

describe("informer: stopping", () => {
  it("stops at once, closing its watch, and makes no further requests", async () => {
    const inf = start();
    await inf.waitUntilSynced();
    await eventually(() => expect(harness.server.openWatches).toBe(1));
    await inf.stop();
    await eventually(() => expect(harness.server.openWatches).toBe(0));
    const count = harness.server.requests.length;
    harness.server.apply(service("a", "after-stop"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.server.requests).toHaveLength(count);
    expect(inf.collection.list()).toEqual([]);
  });

  it("stops while waiting out a backoff without waiting for it", async () => {
    harness.server.inject({ method: "GET", watch: false, status: 500, times: 1_000_000 });
    const inf = start({ backoff: { initialMs: 60_000, maxMs: 60_000 } });
    await eventually(() => expect(listRequests()).toHaveLength(1));
    const started = Date.now();
    await inf.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
