import { collection, setErrorSink, type ErrorContext } from "@weft/krt";
import { describe, expect, it, onTestFinished } from "vitest";
import { ClusterStore, type ClusterHealth } from "./cluster-store.js";

/** A fake informer set per cluster, driven by the test. */
function harness() {
  const runtimes: { id: string; config: string; report: (h: ClusterHealth, e?: unknown) => void; stopped: boolean }[] = [];
  const errors: string[] = [];
  const store = new ClusterStore<string>(
    (raw) => {
      if (!raw.startsWith("kubeconfig:")) throw new Error("not a kubeconfig");
      return raw.slice("kubeconfig:".length);
    },
    (id, config, report) => {
      const runtime = { id, config, report, stopped: false };
      runtimes.push(runtime);
      return { stop: () => (runtime.stopped = true) };
    },
    (_error, id) => errors.push(id),
  );
  const latest = (id: string) => runtimes.filter((r) => r.id === id).at(-1)!;
  return { store, runtimes, errors, latest };
}

describe("multicluster cluster store", () => {
  it("a remote cluster is registered before it runs, and is not ready until its informers sync", () => {
    const { store, latest } = harness();
    store.upsertSecret("istio-system/remote", { east: "kubeconfig:east" });
    expect(store.clusters().map((c) => [c.clusterId, c.state])).toEqual([["east", "syncing"]]);
    expect(store.allReady()).toEqual([]);
    latest("east").report("synced");
    expect(store.allReady()).toEqual(["east"]);
  });

  it("a later update of its secret stops and restarts the cluster, even one that started out malformed", () => {
    const { store, runtimes, latest } = harness();
    store.upsertSecret("istio-system/remote", { east: "garbage" });
    expect(store.clusters()[0]).toMatchObject({ clusterId: "east", state: "invalid", error: "not a kubeconfig" });
    expect(runtimes).toHaveLength(0);

    store.upsertSecret("istio-system/remote", { east: "kubeconfig:v1" });
    latest("east").report("synced");
    expect(store.allReady()).toEqual(["east"]);

    store.upsertSecret("istio-system/remote", { east: "kubeconfig:v2" });
    expect(runtimes.map((r) => [r.config, r.stopped])).toEqual([["v1", true], ["v2", false]]);
    expect(store.allReady()).toEqual([]);
    latest("east").report("synced");
    expect(store.allReady()).toEqual(["east"]);
    expect(store.clusters()[0]!.starts).toBe(2);
  });

  it("restarting one cluster does not block or restart the others; a stopped runtime's late reports are ignored", () => {
    const { store, runtimes, latest } = harness();
    store.upsertSecret("s/a", { east: "kubeconfig:e" });
    store.upsertSecret("s/b", { west: "kubeconfig:w1" });
    latest("east").report("synced");
    const oldWest = latest("west");
    store.upsertSecret("s/b", { west: "kubeconfig:w2" });
    oldWest.report("synced"); // stale: that runtime was stopped
    expect(store.allReady()).toEqual(["east"]);
    expect(runtimes.filter((r) => r.id === "east")).toHaveLength(1);
    // An unchanged secret restarts nothing.
    store.upsertSecret("s/a", { east: "kubeconfig:e" });
    expect(runtimes.filter((r) => r.id === "east")).toHaveLength(1);
  });

  it("allReady and every computation over clusters leave out clusters that have not synced or have failed", () => {
    const { store, latest } = harness();
    const seen = collection(store.ready, (_ctx, c) => ({ metadata: { name: c.clusterId }, computedFor: c.clusterId }));
    store.upsertSecret("s/r", { east: "kubeconfig:e", west: "kubeconfig:w", north: "kubeconfig:n" });
    latest("east").report("synced");
    latest("west").report("failed", new Error("forbidden"));
    expect(store.allReady()).toEqual(["east"]);
    expect(seen.list().map((c) => c.computedFor)).toEqual(["east"]);
    expect(store.clusters().find((c) => c.clusterId === "west")).toMatchObject({ state: "failed", error: "forbidden" });
  });

  it("a failing remote informer recovers without restarting anything else", () => {
    const { store, runtimes, latest } = harness();
    store.upsertSecret("s/r", { east: "kubeconfig:e", west: "kubeconfig:w" });
    latest("east").report("synced");
    latest("west").report("synced");
    latest("west").report("failed", new Error("watch closed"));
    expect(store.allReady()).toEqual(["east"]);
    latest("west").report("synced");
    expect(store.allReady()).toEqual(["east", "west"]);
    expect(runtimes.map((r) => r.stopped)).toEqual([false, false]);
    expect(runtimes).toHaveLength(2);
  });

  it("a cluster whose start throws is failed, not fatal; a cluster ID claimed by two secrets stays with the first", () => {
    const errors: string[] = [];
    const store = new ClusterStore<string>(
      (raw) => raw,
      (id) => {
        if (id === "bad") throw new Error("cannot dial");
        return { stop: () => {} };
      },
      (_error, id) => errors.push(id),
    );
    store.upsertSecret("s/one", { bad: "x", good: "y" });
    store.upsertSecret("s/two", { good: "z" });
    expect(store.clusters().map((c) => [c.clusterId, c.secret, c.state])).toEqual([
      ["bad", "s/one", "failed"],
      ["good", "s/one", "syncing"],
    ]);
    expect(errors).toEqual(["bad", "good"]);
  });

  it("removing a cluster from its secret, or deleting the secret, stops it and drops it from ready", () => {
    const { store, latest } = harness();
    store.upsertSecret("s/r", { east: "kubeconfig:e", west: "kubeconfig:w" });
    latest("east").report("synced");
    latest("west").report("synced");
    store.upsertSecret("s/r", { east: "kubeconfig:e" });
    expect(latest("west").stopped).toBe(true);
    expect(store.allReady()).toEqual(["east"]);
    store.deleteSecret("s/r");
    expect(latest("east").stopped).toBe(true);
    expect(store.clusters()).toEqual([]);
    expect(store.ready.list()).toEqual([]);
  });

  describe("error policy: failures go to onError, or the shared error sink; the store keeps working", () => {
    function sinkCapture() {
      const sunk: { error: unknown; context: ErrorContext }[] = [];
      const previous = setErrorSink((error, context) => sunk.push({ error, context }));
      onTestFinished(() => void setErrorSink(previous));
      return sunk;
    }
    const parse = (raw: string) => {
      if (!raw.startsWith("kubeconfig:")) throw new Error("not a kubeconfig");
      return raw;
    };

    it("without onError, a malformed config is reported to the sink with the cluster ID, not swallowed", () => {
      const sunk = sinkCapture();
      const store = new ClusterStore<string>(parse, () => ({ stop: () => {} }));
      store.upsertSecret("s/one", { east: "garbage" });
      expect(sunk.map((s) => [String(s.error), s.context])).toEqual([["Error: not a kubeconfig", { source: "cluster-store", key: "east", phase: "input" }]]);
    });

    it("an onError that throws reaches neither the secret's writer nor the runtime's report, and the store carries on", () => {
      const sunk = sinkCapture();
      const reports: ((h: ClusterHealth, e?: unknown) => void)[] = [];
      const store = new ClusterStore<string>(
        parse,
        (_id, _config, report) => {
          reports.push(report);
          return { stop: () => {} };
        },
        () => {
          throw new Error("reporter broke");
        },
      );
      expect(() => store.upsertSecret("s/one", { east: "garbage", west: "kubeconfig:w" })).not.toThrow();
      expect(() => reports[0]!("failed", new Error("informers died"))).not.toThrow();
      reports[0]!("synced");
      expect(store.allReady()).toEqual(["west"]);
      expect(sunk.map((s) => [String(s.error), s.context])).toEqual([
        ["Error: reporter broke", { source: "cluster-store", key: "east", phase: "handler" }],
        ["Error: reporter broke", { source: "cluster-store", key: "west", phase: "handler" }],
      ]);
    });
  });
});
