/**
 * How an informer recovers from what a server (or the network) does wrong: expired list
 * snapshots, malformed watch events, watches that never answer. Each test is named after
 * the rule it checks.
 */
import { describe, expect, it } from "vitest";
import type { Informer } from "./informer.js";
import type { RawObject } from "./reflector.js";
import type { Malformation } from "./testing/fake-api-server.js";
import { errorRecorder, eventually, service, serviceInformerHarness } from "./test-support.js";


const harness = serviceInformerHarness<RawObject>();
const start = harness.start;

const names = (inf: Informer<RawObject>) => inf.collection.list().map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
const listRequests = () => harness.server.requestsTo("GET", "/api/v1/services", { watch: false });

describe("relisting", () => {
  it("a relist after an expired continue token replaces nothing until it completes", async () => {
    for (let i = 0; i < 7; i++) harness.server.apply(service("p", `s${i}`));
    const all = Array.from({ length: 7 }, (_, i) => `p/s${i}`);
    // The first list's second page finds its snapshot expired.
    harness.server.inject({ method: "GET", path: "/api/v1/services", continued: true, status: 410, reason: "Expired" });
    const { told: problems, onError } = errorRecorder();
    const inf = start({ pageSize: 3, onError });
    await inf.waitUntilSynced();
    expect(names(inf)).toEqual(all);
    expect(problems).toContainEqual(expect.objectContaining({ type: "request", phase: "list", error: expect.objectContaining({ code: 410 }) }));
    // It started over (in one request, which cannot expire): page 1, the expired page 2, the full list.
    expect(listRequests().map((r) => [r.query.get("limit"), r.query.has("continue")])).toEqual([
      ["3", false],
      ["3", true],
      [null, false],
    ]);

    // A relist (after compaction) whose continue token expires too: nothing is deleted meanwhile.
    await eventually(() => expect(harness.server.openWatches).toBe(1));
    const deletions: string[] = [];
    inf.collection.register((e) => {
      if (e.type === "delete") deletions.push(e.old.metadata.name);
    });
    harness.server.inject({ method: "GET", path: "/api/v1/services", continued: true, status: 410, reason: "Expired" });
    harness.server.dropWatches();
    harness.server.apply(service("p", "s7"));
    harness.server.compact();
    await eventually(() => expect(names(inf)).toEqual([...all, "p/s7"]));
    expect(inf.stats()[0]!.relists).toBe(1);
    expect(deletions).toEqual([]);
  });
});

describe("malformed watch events", () => {
  it.each<Malformation>(["garbage", "no-name", "unknown-type"])(
    "one malformed watch event (%s) is reported and relisted at once, so no object goes missing",
    async (how) => {
      const { told: problems, onError } = errorRecorder();
      const inf = start({ onError });
      await inf.waitUntilSynced();
      await eventually(() => expect(harness.server.openWatches).toBe(1));
      harness.server.malformNextEvents(how);
      harness.server.apply(service("a", "sent-malformed"));
      harness.server.apply(service("a", "sent-fine"));
      await eventually(() => expect(names(inf)).toEqual(["a/sent-fine", "a/sent-malformed"]));
      expect(inf.stats()[0]!.relists).toBe(1);
      expect(listRequests()).toHaveLength(2);
      const reported = problems.filter((p) => p.type === "request" && p.error.malformed);
      expect(reported).toHaveLength(1);
      expect(reported[0]).toMatchObject({ phase: "watch", retryInMs: 0 });
    },
  );

  it("a server that keeps sending malformed events is relisted with growing delays, not in a tight loop", async () => {
    const { told: problems, onError } = errorRecorder();
    const inf = start({ backoff: { initialMs: 20, maxMs: 80, jitter: 0 }, onError });
    await inf.waitUntilSynced();
    for (let round = 0; round < 3; round++) {
      // This round's watch is the one open (the last round's has closed).
      await eventually(() => expect([harness.server.watchStreamsOpened, harness.server.openWatches]).toEqual([round + 1, 1]));
      harness.server.malformNextEvents("garbage");
      harness.server.apply(service("a", `s${round}`));
      await eventually(() => expect(inf.stats()[0]!.relists).toBe(round + 1));
    }
    await eventually(() => expect(names(inf)).toEqual(["a/s0", "a/s1", "a/s2"]));
    const delays = problems.flatMap((p) => (p.type === "request" && p.error.malformed ? [p.retryInMs] : []));
    expect(delays).toEqual([0, 20, 40]);
  });
});

describe("watch connections", () => {
  it("an abandoned watch closes its request: watches that never answer leave no open connection, and stop() closes everything", async () => {
    // Every watch request waits (far longer than the test) before its server answers.
    harness.server.inject({ method: "GET", path: "/api/v1/services", watch: true, delayMs: 600_000, times: 1_000_000 });
    const inf = start({ watchStallMs: 50 });
    await inf.waitUntilSynced();
    await eventually(() => expect(inf.stats()[0]!.watches).toBeGreaterThanOrEqual(6));
    // Each stalled watch was cancelled before the next opened: at most the current one is open.
    await eventually(() => expect(harness.server.openWatchRequests).toBeLessThanOrEqual(1));
    await inf.stop();
    await eventually(() => expect(harness.server.openWatchRequests).toBe(0));
  });
});
