import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { staticCollection, type StaticCollection } from "@weft/krt";
import type { RevisionState } from "@weft/mesh";
import { clientNodeApi } from "./client-node-api.js";
import { informer, type Informer } from "./informer.js";
import type { Leadership } from "./leader-election.js";
import type { RawObject } from "./reflector.js";
import { resourceOf } from "./resources.js";
import { StatusWriter, type StatusDocumentLike, type StatusWriterOptions, type WriteReport } from "./status-writer.js";
import { FakeApiServer, type StoredObject } from "./testing/fake-api-server.js";
import { eventually, FAST, pause } from "./test-support.js";

const ME = "istio.io/gateway-controller";
const OTHER = "example.com/other-controller";
const HTTP_ROUTE = "gateway.networking.k8s.io/v1";

const route = (name: string, labels?: Record<string, string>): StoredObject => ({
  apiVersion: HTTP_ROUTE,
  kind: "HTTPRoute",
  metadata: { name, namespace: "apps", ...(labels === undefined ? {} : { labels }) },
  spec: { parentRefs: [{ name: "gw" }] },
});
const accepted = (status: "True" | "False", controllerName = ME, gateway = "gw") => ({
  parentRef: { name: gateway },
  controllerName,
  conditions: [{ type: "Accepted", status, reason: status === "True" ? "Accepted" : "NotAllowedByListeners", message: "", lastTransitionTime: "1970-01-01T00:00:00Z" }],
});
const doc = (name: string, parents: unknown[]): StatusDocumentLike => ({ apiVersion: HTTP_ROUTE, kind: "HTTPRoute", metadata: { name, namespace: "apps" }, status: { parents } });
const docKey = (d: StatusDocumentLike) => `${d.kind}/${d.metadata.namespace}/${d.metadata.name}`;

/** Leadership a test turns on and off. */
class ManualLeadership implements Leadership {
  private listeners = new Set<(leading: boolean) => void>();
  constructor(private leading: boolean) {}
  isLeader = () => this.leading;
  subscribe(listener: (leading: boolean) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(leading: boolean) {
    this.leading = leading;
    for (const l of this.listeners) l(leading);
  }
}

let server: FakeApiServer;
let routes: Informer<RawObject>;
let statuses: StaticCollection<StatusDocumentLike>;
let reports: WriteReport[];
const writers: StatusWriter<StatusDocumentLike>[] = [];

beforeEach(async () => {
  server = await FakeApiServer.start();
  statuses = staticCollection<StatusDocumentLike>([], { key: docKey });
  reports = [];
});
afterEach(async () => {
  await Promise.all(writers.splice(0).map((w) => w.stop()));
  await routes?.stop();
  await server.close();
});

async function startRoutes(): Promise<void> {
  routes = informer<RawObject>(clientNodeApi(server.kubeConfig("informer")), resourceOf("HTTPRoute.gateway.networking.k8s.io"), FAST).start();
  await routes.waitUntilSynced();
}

function writer(opts: Partial<StatusWriterOptions<StatusDocumentLike>> = {}): StatusWriter<StatusDocumentLike> {
  const w = new StatusWriter<StatusDocumentLike>({
    api: clientNodeApi(server.kubeConfig("writer")),
    statuses,
    controllerName: ME,
    current: (d) => routes.collection.get(`${d.metadata.namespace}/${d.metadata.name}`) as never,
    backoff: { initialMs: 5, maxMs: 20, jitter: 0 },
    now: () => "2030-01-01T00:00:00Z",
    onWrite: (r) => reports.push(r),
    ...opts,
  });
  writers.push(w);
  return w.start();
}

const puts = () => server.requestsTo("PUT", "/httproutes/", { user: "writer" });
const serverParents = (name: string) => (server.read(route(name))?.status as { parents?: unknown[] } | undefined)?.parents;

describe("status writer", () => {
  it("writes through the status subresource, keeping other controllers' parent entries", async () => {
    server.apply({ ...route("r"), status: { parents: [accepted("True", OTHER, "their-gw")] } });
    await startRoutes();
    writer();
    statuses.set(doc("r", [accepted("True")]));
    await eventually(() => expect(reports).toContainEqual({ key: "HTTPRoute/apps/r", outcome: "written", attempts: 1 }));
    expect(puts().map((r) => r.path)).toEqual(["/apis/gateway.networking.k8s.io/v1/namespaces/apps/httproutes/r/status"]);
    expect(serverParents("r")).toEqual([accepted("True", OTHER, "their-gw"), { ...accepted("True"), conditions: [{ ...accepted("True").conditions[0], lastTransitionTime: "2030-01-01T00:00:00Z" }] }]);
    // Using the informer's copy, the write needed no read.
    expect(server.requestsTo("GET", "/httproutes/r", { user: "writer" })).toHaveLength(0);
  });

  it("does not write a status the object already has", async () => {
    server.apply({ ...route("r"), status: { parents: [{ ...accepted("True"), conditions: [{ ...accepted("True").conditions[0], lastTransitionTime: "t0" }] }] } });
    await startRoutes();
    writer();
    statuses.set(doc("r", [accepted("True")]));
    await eventually(() => expect(reports.map((r) => r.outcome)).toEqual(["unchanged"]));
    expect(puts()).toHaveLength(0);
  });

  it("coalesces a burst of changes to one object into one more write, of the latest status", async () => {
    server.apply(route("r"));
    await startRoutes();
    server.inject({ method: "PUT", path: "/httproutes/r/status", delayMs: 300 });
    writer();
    statuses.set(doc("r", [accepted("True")]));
    await eventually(() => expect(puts()).toHaveLength(1)); // the slow first write is in flight
    for (let i = 0; i < 10; i++) statuses.set(doc("r", [accepted(i % 2 === 0 ? "False" : "True", ME, `gw-${i}`)]));
    await eventually(() => expect(reports.filter((r) => r.outcome === "written")).toHaveLength(2));
    await writers[0]!.idle();
    expect(puts()).toHaveLength(2);
    expect((serverParents("r") as { parentRef: { name: string } }[]).map((p) => p.parentRef.name)).toEqual(["gw-9"]);
  });

  it("on a conflict, merges into the server's newer copy, keeping what another controller wrote meanwhile", async () => {
    server.apply(route("r"));
    await startRoutes();
    await routes.stop(); // the informer's copy goes stale
    server.apply({ ...server.read(route("r"))!, status: { parents: [accepted("True", OTHER, "their-gw")] } });
    writer();
    statuses.set(doc("r", [accepted("True")]));
    await eventually(() => expect(reports).toContainEqual({ key: "HTTPRoute/apps/r", outcome: "written", attempts: 2 }));
    expect(writers[0]!.stats.conflicts).toBe(1);
    expect((serverParents("r") as { controllerName: string }[]).map((p) => p.controllerName)).toEqual([OTHER, ME]);
  });

  it("retries transient failures with backoff; a write failing for longer is reported, stays queued, and lands once the server recovers", async () => {
    server.apply(route("ok"));
    server.apply(route("broken"));
    await startRoutes();
    server.inject({ method: "PUT", path: "/httproutes/ok/status", status: 500, times: 2 });
    // Four rounds of four attempts fail: far longer than one round's retry window.
    server.inject({ method: "PUT", path: "/httproutes/broken/status", status: 503, times: 16 });
    const w = writer({ maxAttempts: 4 });
    statuses.set(doc("ok", [accepted("True")]));
    statuses.set(doc("broken", [accepted("True")]));
    await eventually(() => expect(reports.find((r) => r.key === "HTTPRoute/apps/ok")).toMatchObject({ outcome: "written", attempts: 3 }));
    await w.idle();
    const broken = reports.filter((r) => r.key === "HTTPRoute/apps/broken");
    expect(broken.map((r) => r.outcome)).toEqual(["failed", "failed", "failed", "failed", "written"]);
    expect(broken.slice(0, 4).every((r) => r.attempts === 4 && r.error?.code === 503)).toBe(true);
    // The rounds wait longer and longer, up to the backoff's maximum (20 ms here).
    expect(broken.slice(0, 4).map((r) => r.retryInMs)).toEqual([5, 10, 20, 20]);
    expect(serverParents("broken")).toHaveLength(1);
    expect(puts().filter((r) => r.path.includes("/broken/"))).toHaveLength(17);
    expect(w.stats).toMatchObject({ workers: 0, retrying: 0 });
  });

  it("a status that fails for longer than the retry window stays queued until it lands, superseded by newer statuses", async () => {
    server.apply(route("r"));
    await startRoutes();
    server.inject({ method: "PUT", path: "/httproutes/r/status", status: 503, times: 1_000_000 });
    const w = writer({ maxAttempts: 2, backoff: { initialMs: 5, maxMs: 20, jitter: 0 } });
    statuses.set(doc("r", [accepted("True", ME, "first")]));
    await eventually(() => expect(reports.filter((r) => r.outcome === "failed").length).toBeGreaterThanOrEqual(3));
    expect(w.stats.retrying).toBe(1);
    // A newer status replaces the queued one; the server recovers; only the newer lands.
    statuses.set(doc("r", [accepted("True", ME, "second")]));
    server.clearFaults();
    await w.idle();
    expect(reports.at(-1)).toMatchObject({ outcome: "written" });
    expect((serverParents("r") as { parentRef: { name: string } }[]).map((p) => p.parentRef.name)).toEqual(["second"]);
    const written = server.requestsTo("PUT", "/httproutes/r/status", { user: "writer" }).length;
    await pause(100);
    expect(server.requestsTo("PUT", "/httproutes/r/status", { user: "writer" })).toHaveLength(written);
  });

  it("does not retry what retrying cannot fix (an invalid status)", async () => {
    server.apply(route("r"));
    await startRoutes();
    server.inject({ method: "PUT", path: "/httproutes/r/status", status: 422, reason: "Invalid", times: 10 });
    writer();
    statuses.set(doc("r", [accepted("True")]));
    await eventually(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toMatchObject({ outcome: "failed", attempts: 1, error: { code: 422 } });
    expect(puts()).toHaveLength(1);
  });

  it("fails a status of a kind it cannot address at once, without retrying", async () => {
    await startRoutes();
    writer({ resources: [] });
    statuses.set(doc("r", [accepted("True")]));
    await eventually(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toMatchObject({ outcome: "failed", attempts: 1, error: { code: 400 } });
  });

  it("reports an object that no longer exists as gone, without writing", async () => {
    await startRoutes();
    writer();
    statuses.set(doc("missing", [accepted("True")]));
    await eventually(() => expect(reports.map((r) => r.outcome)).toEqual(["gone"]));
    expect(puts()).toHaveLength(0);
  });

  it("skips objects another revision owns", async () => {
    server.apply(route("canary-route", { "istio.io/rev": "canary" }));
    server.apply(route("mine"));
    await startRoutes();
    const state: RevisionState = { revision: "default", tags: {} };
    writer({ revision: () => state });
    statuses.set(doc("canary-route", [accepted("True")]));
    statuses.set(doc("mine", [accepted("True")]));
    await eventually(() => expect(reports).toHaveLength(2));
    expect(reports.find((r) => r.key.endsWith("canary-route"))?.outcome).toBe("not-ours");
    expect(puts().map((r) => r.path.split("/").at(-2))).toEqual(["mine"]);
  });

  it("is idle when there is nothing to write: no worker, no request", async () => {
    server.apply(route("r"));
    await startRoutes();
    const w = writer();
    statuses.set(doc("r", [accepted("True")]));
    await eventually(() => expect(reports).toHaveLength(1));
    await w.idle();
    const before = server.requests.filter((r) => r.user === "writer").length;
    const polls = w.stats.polls;
    await pause(300);
    expect(server.requests.filter((r) => r.user === "writer")).toHaveLength(before);
    expect(w.stats).toMatchObject({ workers: 0, inFlight: 0, queued: 0, polls });
  });
});

describe("status writer and leadership", () => {
  it("a follower writes nothing; a new leader writes only the statuses that differ", async () => {
    server.apply({ ...route("same"), status: { parents: [{ ...accepted("True"), conditions: [{ ...accepted("True").conditions[0], lastTransitionTime: "t0" }] }] } });
    server.apply(route("changed"));
    await startRoutes();
    const leadership = new ManualLeadership(false);
    writer({ leadership });
    statuses.set(doc("same", [accepted("True")]));
    statuses.set(doc("changed", [accepted("True")]));
    await pause(200);
    expect(puts()).toHaveLength(0);
    leadership.set(true);
    await eventually(() => expect(reports.filter((r) => r.outcome !== "not-leader")).toHaveLength(2));
    expect(puts().map((r) => r.path.split("/").at(-2))).toEqual(["changed"]);
  });

  it("losing leadership stops writing at once: a pending retry never happens", async () => {
    server.apply(route("r"));
    await startRoutes();
    server.inject({ method: "PUT", path: "/httproutes/r/status", status: 500, times: 1_000_000 });
    const leadership = new ManualLeadership(true);
    const w = writer({ leadership, backoff: { initialMs: 60_000, maxMs: 60_000 } });
    statuses.set(doc("r", [accepted("True")]));
    await eventually(() => expect(puts()).toHaveLength(1));
    const started = Date.now();
    leadership.set(false);
    await w.idle();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(reports).toMatchObject([{ outcome: "not-leader" }]);
    statuses.set(doc("r", [accepted("False")]));
    await pause(100);
    expect(puts()).toHaveLength(1);
  });

  it("losing leadership drops a write waiting to be tried again", async () => {
    server.apply(route("r"));
    await startRoutes();
    server.inject({ method: "PUT", path: "/httproutes/r/status", status: 500, times: 1_000_000 });
    const leadership = new ManualLeadership(true);
    const w = writer({ leadership, maxAttempts: 1, backoff: { initialMs: 60_000, maxMs: 60_000 } });
    statuses.set(doc("r", [accepted("True")]));
    await eventually(() => expect(w.stats.retrying).toBe(1));
    expect(reports).toMatchObject([{ outcome: "failed", retryInMs: expect.any(Number) }]);
    leadership.set(false);
    await w.idle();
    expect(w.stats.retrying).toBe(0);
    expect(puts()).toHaveLength(1);
  });
});
