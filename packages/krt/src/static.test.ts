import { describe, expect, it } from "vitest";
import { KrtError } from "./errors.js";
import { staticCollection } from "./static.js";
import { obj, recorder } from "./test-support.js";

describe("staticCollection", () => {
  it("keys items by namespace/name, or by name when there is no namespace", () => {
    const c = staticCollection([obj("a", "ns"), obj("cluster-wide", undefined)]);
    expect(c.get("ns/a")?.metadata.name).toBe("a");
    expect(c.get("cluster-wide")?.metadata.name).toBe("cluster-wide");
    expect(c.keyOf(obj("x", "y"))).toBe("y/x");
  });

  it("uses the key option for items without metadata", () => {
    const c = staticCollection([{ id: 2 }, { id: 1 }], { key: (i) => String(i.id) });
    expect(c.list()).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it("lists items ordered by key whatever the order of writes", () => {
    const c = staticCollection([obj("c", "ns"), obj("a", "ns")]);
    c.set(obj("b", "ns"));
    c.delete("ns/a");
    c.set(obj("a", "ns"));
    expect(c.list().map((o) => o.metadata.name)).toEqual(["a", "b", "c"]);
  });

  it("rejects an item without a derivable key, naming the collection and hinting at the key option", () => {
    const c = staticCollection<unknown>([], { name: "Things" });
    expect(() => c.set({ spec: {} })).toThrow(KrtError);
    expect(() => c.set({ spec: {} })).toThrow(/"Things".*metadata\.name.*`key`/);
    expect(() => c.set(42)).toThrow(/"Things".*must be objects/);
    expect(() => staticCollection<unknown>([{}], { name: "Init" })).toThrow(/"Init"/);
  });

  it("set adds then replaces by key, delete removes, and each emits one event", () => {
    const c = staticCollection<ReturnType<typeof obj>>([]);
    const r = recorder(c);
    c.set(obj("a", "ns", { spec: { value: 1 } }));
    c.set(obj("a", "ns", { spec: { value: 2 } }));
    c.delete("ns/a");
    c.delete("ns/a");
    expect(r.events.map((e) => e.type)).toEqual(["add", "update", "delete"]);
    expect(r.events[1]).toMatchObject({ old: { spec: { value: 1 } }, new: { spec: { value: 2 } } });
  });

  it("ignores a set of an item equal to the stored one (rule 4)", () => {
    const c = staticCollection([obj("a", "ns", { spec: { value: 1 } })]);
    const stored = c.get("ns/a");
    const r = recorder(c);
    r.take();
    c.set(obj("a", "ns", { spec: { value: 1 } }));
    expect(r.events).toEqual([]);
    expect(c.get("ns/a")).toBe(stored);
  });

  it("reset emits only the differences", () => {
    const c = staticCollection([obj("keep", "ns", { spec: { value: 1 } }), obj("change", "ns", { spec: { value: 1 } }), obj("drop", "ns")]);
    const r = recorder(c);
    r.take();
    c.reset([obj("keep", "ns", { spec: { value: 1 } }), obj("change", "ns", { spec: { value: 2 } }), obj("new", "ns")]);
    expect(r.events.map((e) => `${e.type}:${c.keyOf(e.type === "delete" ? e.old : e.new)}`).sort()).toEqual(["add:ns/new", "delete:ns/drop", "update:ns/change"]);
  });

  it("reset rejects the whole batch when one item has no key, changing nothing", () => {
    const c = staticCollection<unknown>([obj("a", "ns")]);
    expect(() => c.reset([obj("b", "ns"), { nope: true }])).toThrow(KrtError);
    expect(c.list()).toEqual([obj("a", "ns")]);
  });

  it("replays existing items as add events before register returns (rule 5)", () => {
    const c = staticCollection([obj("b", "ns"), obj("a", "ns")]);
    const seen: string[] = [];
    c.register((e) => seen.push(`${e.type}:${e.type === "delete" ? "" : e.new.metadata.name}`));
    expect(seen).toEqual(["add:a", "add:b"]);
  });

  it("registerBatch replays in one batch, or not at all with replay: false", () => {
    const c = staticCollection([obj("a", "ns"), obj("b", "ns")]);
    const batches: number[] = [];
    c.registerBatch((events) => batches.push(events.length));
    const quiet: number[] = [];
    c.registerBatch((events) => quiet.push(events.length), { replay: false });
    c.set(obj("c", "ns"));
    expect(batches).toEqual([2, 1]);
    expect(quiet).toEqual([1]);
  });

  it("stops delivery at once on unregister, even within a round", () => {
    const c = staticCollection<ReturnType<typeof obj>>([]);
    const seen: string[] = [];
    const reg = c.register((e) => {
      seen.push(e.type);
      reg.unregister();
    });
    c.reset([obj("a", "ns"), obj("b", "ns")]);
    expect(seen).toEqual(["add"]);
    reg.unregister();
  });

  it("is synced by default and waits for markSynced when created with synced: false", async () => {
    expect(staticCollection([]).hasSynced()).toBe(true);
    const c = staticCollection([], { synced: false });
    expect(c.hasSynced()).toBe(false);
    const waiting = c.waitUntilSynced();
    c.markSynced();
    await expect(waiting).resolves.toBeUndefined();
    expect(c.hasSynced()).toBe(true);
  });

  it("freeze: true deep-freezes stored items so mutation fails loudly", () => {
    const c = staticCollection([obj("a", "ns", { labels: { x: "1" } })], { freeze: true });
    const item = c.get("ns/a")!;
    expect(() => {
      item.metadata.labels!.x = "2";
    }).toThrow(TypeError);
  });

  it("treats hostile keys such as __proto__ and toString as plain data", () => {
    const c = staticCollection<Record<string, unknown>>([], { key: (i) => String(i.name) });
    const hostile = JSON.parse('{"name":"h","__proto__":{"polluted":true},"toString":"x","constructor":"y"}') as Record<string, unknown>;
    const r = recorder(c);
    c.set(hostile);
    c.set(JSON.parse('{"name":"h","__proto__":{"polluted":true},"toString":"x","constructor":"y"}') as Record<string, unknown>);
    c.set(JSON.parse('{"name":"h","__proto__":{"polluted":false},"toString":"x","constructor":"y"}') as Record<string, unknown>);
    expect(r.events.map((e) => e.type)).toEqual(["add", "update"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
