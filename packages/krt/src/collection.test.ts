import { describe, expect, it } from "vitest";
import { collection, manyCollection } from "./collection.js";
import { filter } from "./filter.js";
import { index } from "./key-index.js";
import { staticCollection } from "./static.js";
import { contents, obj, recorder, type Obj } from "./test-support.js";

describe("collection", () => {
  it("derives one output per input and computes eagerly at creation (rule 2, 5)", () => {
    const inputs = staticCollection([obj("a", "ns", { spec: { value: 1 } }), obj("b", "ns", { spec: { value: 2 } })]);
    const doubled = collection(inputs, (_ctx, o) => ({ ...o, spec: { value: o.spec!.value! * 2 } }));
    expect(doubled.get("ns/a")?.spec?.value).toBe(2);
    expect(doubled.get("ns/b")?.spec?.value).toBe(4);
  });

  it("keeps no output where the transform returns undefined, and deleting an input deletes its output", () => {
    const inputs = staticCollection([obj("a", "ns", { spec: { value: 1 } }), obj("b", "ns", { spec: { value: -1 } })]);
    const positive = collection(inputs, (_ctx, o) => (o.spec!.value! > 0 ? o : undefined));
    expect(Object.keys(contents(positive))).toEqual(["ns/a"]);
    inputs.delete("ns/a");
    expect(positive.list()).toEqual([]);
  });

  it("an output equal to the previous one produces no event and re-runs nothing downstream (rule 4)", () => {
    const inputs = staticCollection([obj("a", "ns", { labels: { tier: "web" }, spec: { value: 1 } })]);
    const tiers = collection(inputs, (_ctx, o) => ({ metadata: { name: o.metadata.name, namespace: o.metadata.namespace }, tier: o.metadata.labels?.tier }));
    let downstreamRuns = 0;
    collection(tiers, (_ctx, t) => {
      downstreamRuns++;
      return t;
    });
    const r = recorder(tiers);
    r.take();
    downstreamRuns = 0;
    inputs.set(obj("a", "ns", { labels: { tier: "web" }, spec: { value: 2 } }));
    expect(r.events).toEqual([]);
    expect(downstreamRuns).toBe(0);
  });

  it("outputs may be re-keyed; two inputs producing one key resolve to the smallest input key", () => {
    const inputs = staticCollection([obj("b", "ns", { spec: { ref: "shared" } }), obj("a", "ns", { spec: { ref: "shared" } })]);
    const byRef = collection(inputs, (_ctx, o) => ({ key: o.spec!.ref!, from: o.metadata.name }), { key: (x) => x.key });
    expect(byRef.get("shared")?.from).toBe("a");
    const r = recorder(byRef);
    r.take();
    inputs.delete("ns/a");
    expect(r.events).toEqual([{ type: "update", old: { key: "shared", from: "a" }, new: { key: "shared", from: "b" } }]);
    inputs.set(obj("a", "ns", { spec: { ref: "other" } }));
    expect(contents(byRef)).toEqual({ shared: { key: "shared", from: "b" }, other: { key: "other", from: "a" } });
    inputs.delete("ns/b");
    expect(Object.keys(contents(byRef))).toEqual(["other"]);
  });

  it("reports a transform returning a non-object where a key must be derived, naming the collection", () => {
    const errors: unknown[] = [];
    const inputs = staticCollection([obj("a", "ns")]);
    const bad = collection(inputs, () => "just a string" as unknown as Obj, { name: "BadOutputs", onError: (e) => errors.push(e) });
    expect(bad.list()).toEqual([]);
    expect(String(errors[0])).toMatch(/"BadOutputs".*must be objects.*`key`/);
  });
});

describe("manyCollection", () => {
  it("keeps every output of every input by its own key, and drops them with the input", () => {
    const inputs = staticCollection([obj("a", "ns", { spec: { value: 2 } }), obj("b", "ns", { spec: { value: 1 } })]);
    const parts = manyCollection(inputs, (_ctx, o) => Array.from({ length: o.spec!.value! }, (_, i) => ({ id: `${o.metadata.name}-${i}` })), { key: (p) => p.id });
    expect(parts.list().map((p) => p.id)).toEqual(["a-0", "a-1", "b-0"]);
    inputs.set(obj("a", "ns", { spec: { value: 1 } }));
    expect(parts.list().map((p) => p.id)).toEqual(["a-0", "b-0"]);
    inputs.delete("ns/b");
    expect(parts.list().map((p) => p.id)).toEqual(["a-0"]);
  });

  it("reports a transform that does not return an array", () => {
    const errors: unknown[] = [];
    const inputs = staticCollection([obj("a", "ns")]);
    manyCollection(inputs, () => ({}) as unknown as Obj[], { name: "NotArrays", onError: (e) => errors.push(e) });
    expect(String(errors[0])).toMatch(/"NotArrays".*must return an array/);
  });
});

describe("fetch dependencies (rule 3)", () => {
  function setup() {
    const pods = staticCollection([
      obj("p1", "ns1", { labels: { app: "web" } }),
      obj("p2", "ns1", { labels: { app: "db" } }),
      obj("p3", "ns2", { labels: { app: "web" } }),
    ]);
    const services = staticCollection([
      obj("web", "ns1", { spec: { selector: { app: "web" } } }),
      obj("db", "ns1", { spec: { selector: { app: "db" } } }),
      obj("web", "ns2", { spec: { selector: { app: "web" } } }),
    ]);
    return { pods, services };
  }

  it("re-runs only the transforms whose recorded filters match the old or new item", () => {
    const { pods, services } = setup();
    const runs: string[] = [];
    const byNs = index(services, (s) => [s.metadata.namespace!]);
    const workloads = collection(pods, (ctx, p) => {
      runs.push(p.metadata.name);
      const selecting = ctx.fetch(services, filter.index(byNs, p.metadata.namespace!), filter.selectsNonEmpty(p.metadata.labels!));
      return { ...p, spec: { ref: selecting.map((s) => s.metadata.name).join(",") } };
    });
    expect(workloads.get("ns1/p1")?.spec?.ref).toBe("web");
    runs.length = 0;
    // A new selector for app=db in ns1 matters to p2 only.
    services.set(obj("db2", "ns1", { spec: { selector: { app: "db" } } }));
    expect(runs).toEqual(["p2"]);
    expect(workloads.get("ns1/p2")?.spec?.ref).toBe("db,db2");
    runs.length = 0;
    // Changing a selector re-runs pods matching the old selector and the new one.
    services.set(obj("db2", "ns1", { spec: { selector: { app: "web" } } }));
    expect(runs.sort()).toEqual(["p1", "p2"]);
    runs.length = 0;
    // A service in a namespace nobody fetched re-runs nothing.
    services.set(obj("web", "ns3", { spec: { selector: { app: "web" } } }));
    expect(runs).toEqual([]);
  });

  it("a fetch or fetchOne with more than two filters intersects them all, and a re-run sees a change in any of them", () => {
    const items = staticCollection([
      obj("a", "ns", { labels: { tier: "web", app: "x", zone: "1" } }),
      obj("b", "ns", { labels: { tier: "web", app: "y", zone: "1" } }),
      obj("c", "ns", { labels: { tier: "web", app: "y", zone: "2" } }),
      obj("d", "other", { labels: { tier: "web", app: "y", zone: "2" } }),
    ]);
    // The third and fourth filters come from the reader, so a re-run changes them alone.
    const readers = staticCollection([obj("r", "ns", { labels: { app: "y", zone: "2" } })]);
    const found = collection(readers, (ctx, r) => {
      const labels = r.metadata.labels!;
      const matching = ctx.fetch(items, filter.namespace("ns"), filter.labels({ tier: "web" }), filter.labels({ app: labels.app! }), filter.labels({ zone: labels.zone! }));
      const one = ctx.fetchOne(items, filter.namespace("ns"), filter.labels({ tier: "web" }), filter.labels({ app: labels.app! }), filter.labels({ zone: labels.zone! }));
      return { metadata: r.metadata, spec: { ref: `${matching.map((i) => i.metadata.name).join(",")}|${one?.metadata.name ?? "-"}` } };
    });
    expect(found.get("ns/r")?.spec?.ref).toBe("c|c");
    readers.set(obj("r", "ns", { labels: { app: "y", zone: "1" } }));
    expect(found.get("ns/r")?.spec?.ref).toBe("b|b");
    readers.set(obj("r", "ns", { labels: { app: "x", zone: "1" } }));
    expect(found.get("ns/r")?.spec?.ref).toBe("a|a");
    // The same filters again keep the record, and a change to the items still shows.
    items.set(obj("e", "ns", { labels: { tier: "web", app: "x", zone: "1" } }));
    expect(found.get("ns/r")?.spec?.ref).toBe("a,e|a");
    readers.set(obj("r", "ns", { labels: { app: "x", zone: "3" } }));
    expect(found.get("ns/r")?.spec?.ref).toBe("|-");
  });

  it("key filters re-run only the transform that fetched that key", () => {
    const { pods } = setup();
    const configs = staticCollection([obj("cfg-ns1", undefined), obj("cfg-ns2", undefined)]);
    const runs: string[] = [];
    collection(pods, (ctx, p) => {
      runs.push(p.metadata.name);
      return ctx.fetchOne(configs, filter.key(`cfg-${p.metadata.namespace}`)) ? p : undefined;
    });
    runs.length = 0;
    configs.set(obj("cfg-ns2", undefined, { spec: { value: 1 } }));
    expect(runs).toEqual(["p3"]);
    runs.length = 0;
    configs.set(obj("cfg-other", undefined));
    expect(runs).toEqual([]);
  });

  it("keys, namespace, labels, selects and generic filters narrow what fetch returns", () => {
    const { pods, services } = setup();
    const fetched = collection(
      staticCollection([{ id: "q" }], { key: (q) => q.id }),
      (ctx) => ({
        id: "q",
        keys: ctx.fetch(pods, filter.keys(["ns2/p3", "ns1/p1", "missing"])).map((p) => p.metadata.name),
        namespace: ctx.fetch(pods, filter.namespace("ns1")).map((p) => p.metadata.name),
        labels: ctx.fetch(pods, filter.labels({ app: "web" })).map((p) => p.metadata.name),
        selects: ctx.fetch(services, filter.selects({ app: "web", extra: "x" })).map((s) => s.metadata.namespace),
        generic: ctx.fetch(pods, filter.namespace("ns1"), filter.generic((p: Obj) => p.metadata.name.endsWith("2"))).map((p) => p.metadata.name),
        none: ctx.fetch(pods).length,
      }),
      { key: (q) => q.id },
    );
    expect(fetched.get("q")).toEqual({ id: "q", keys: ["p1", "p3"], namespace: ["p1", "p2"], labels: ["p1", "p3"], selects: ["ns1", "ns2"], generic: ["p2"], none: 3 });
  });

  it("selects counts an empty or absent selector as selecting everything; selectsNonEmpty as nothing", () => {
    const policies = staticCollection([obj("all", "ns", { spec: {} }), obj("empty", "ns", { spec: { selector: {} } }), obj("web", "ns", { spec: { selector: { matchLabels: { app: "web" } } } })]);
    const pods = staticCollection([obj("p", "ns", { labels: { app: "web" } }), obj("q", "ns", { labels: { app: "db" } })]);
    const applied = collection(pods, (ctx, p) => ({
      ...p,
      selects: ctx.fetch(policies, filter.selects(p.metadata.labels!)).map((x) => x.metadata.name),
      nonEmpty: ctx.fetch(policies, filter.selectsNonEmpty(p.metadata.labels!)).map((x) => x.metadata.name),
    }));
    expect(applied.get("ns/p")).toMatchObject({ selects: ["all", "empty", "web"], nonEmpty: ["web"] });
    expect(applied.get("ns/q")).toMatchObject({ selects: ["all", "empty"], nonEmpty: [] });
  });

  it("a fetch with no filter depends on every item: any change re-runs it", () => {
    const { pods, services } = setup();
    let runs = 0;
    const counted = collection(pods, (ctx, p) => {
      runs++;
      return { ...p, spec: { value: ctx.fetch(services).length } };
    });
    runs = 0;
    services.set(obj("anything", "elsewhere"));
    expect(runs).toBe(3);
    expect(counted.get("ns1/p1")?.spec?.value).toBe(4);
  });

  it("drops the records of a deleted input (rule 9)", async () => {
    const { pods, services } = setup();
    const { inspect } = await import("./inspect.js");
    const byNs = index(services, (s) => [s.metadata.namespace!]);
    collection(pods, (ctx, p) => {
      ctx.fetch(services, filter.index(byNs, p.metadata.namespace!));
      return p;
    });
    expect(inspect(services).dependentRecords).toBe(3);
    pods.delete("ns1/p1");
    pods.delete("ns2/p3");
    expect(inspect(services).dependentRecords).toBe(1);
  });

  it("rejects an index of another collection, and things that are not filters", () => {
    const { pods, services } = setup();
    const podIndex = index(pods, (p) => [p.metadata.namespace!]);
    const errors: string[] = [];
    collection(pods, (ctx, p) => ctx.fetch(services, filter.index(podIndex, "ns1") as never) && p, { name: "Mixed", onError: (e) => errors.push(String(e)) });
    collection(pods, (ctx, p) => ctx.fetch(services, { kind: "key" } as never) && p, { name: "Fake", onError: (e) => errors.push(String(e)) });
    expect(errors[0]).toMatch(/"Mixed".*index of/);
    expect(errors[3]).toMatch(/"Fake".*not a filter/);
  });
});

describe("fetch memoisation", () => {
  it("a memoised fetch hands each run a fresh array: a transform that mutates what it fetched changes nothing the next run reads", () => {
    const things = staticCollection([{ metadata: { name: "a" } }, { metadata: { name: "b" } }]);
    const inputs = staticCollection([{ metadata: { name: "x" }, n: 1 }]);
    const seen: number[] = [];
    const out = collection(inputs, (ctx, x) => {
      const all = ctx.fetch(things);
      seen.push(all.length);
      all.length = 0;
      return { metadata: { name: x.metadata.name }, n: x.n };
    });
    inputs.set({ metadata: { name: "x" }, n: 2 });
    inputs.set({ metadata: { name: "x" }, n: 3 });
    expect(seen).toEqual([2, 2, 2]);
    things.delete("a");
    expect(seen).toEqual([2, 2, 2, 1]);
    expect(out.get("x")?.n).toBe(3);
  });
});
