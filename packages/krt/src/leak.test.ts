/**
 * Rule 9: deleting an input drops every record kept for it, and disposing a derived
 * collection leaves nothing reachable from its inputs. Needs node --expose-gc, which
 * the vitest config passes to its workers.
 */
import { describe, expect, it } from "vitest";
import { collection, manyCollection } from "./collection.js";
import { filter } from "./filter.js";
import { dispose, inspect } from "./inspect.js";
import { join } from "./join.js";
import { index } from "./key-index.js";
import { singleton } from "./singleton.js";
import { staticCollection } from "./static.js";
import { obj } from "./test-support.js";

const gc = (globalThis as { gc?: () => void }).gc;

/** WeakRef targets stay alive until the current job ends: yield first, then collect. */
async function collectAfterJob(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  collect();
}

function collect(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

describe("no leaks (rule 9)", () => {
  it("runs with a collectable heap", () => {
    expect(gc, "vitest must run with --expose-gc (see vitest.config.ts)").toBeTypeOf("function");
  });

  it("10^5 add/delete cycles through a derived graph leave the heap within 10% of its baseline", () => {
    const pods = staticCollection([obj("base", "ns", { labels: { app: "a" } })]);
    const services = staticCollection([obj("svc", "ns", { spec: { selector: { app: "a" } } })]);
    const byNs = index(services, (s) => [s.metadata.namespace!]);
    const workloads = collection(pods, (ctx, p) => ({ ...p, spec: { value: ctx.fetch(services, filter.index(byNs, p.metadata.namespace!), filter.selectsNonEmpty(p.metadata.labels!)).length } }));
    const ports = manyCollection(workloads, (_c, w) => [1, 2].map((n) => ({ id: `${w.metadata.name}:${n}` })), { key: (x) => x.id });
    const count = singleton((ctx) => ({ n: ctx.fetch(ports).length }));
    let events = 0;
    workloads.register(() => events++);
    count.register(() => events++);
    const cycle = (i: number) => {
      pods.set(obj(`p${i}`, "ns", { labels: { app: i % 2 ? "a" : "b" } }));
      pods.delete(`ns/p${i}`);
    };
    for (let i = 0; i < 1000; i++) cycle(i);
    const baseline = collect();
    const statsBefore = [inspect(services), inspect(workloads), inspect(ports)];
    for (let i = 0; i < 100_000; i++) cycle(i);
    const after = collect();
    expect(events).toBeGreaterThan(400_000);
    expect([inspect(services), inspect(workloads), inspect(ports)]).toEqual(statsBefore);
    expect(after, `heap grew from ${baseline} to ${after} bytes`).toBeLessThanOrEqual(baseline * 1.1);
  });

  it("unregistering a handler leaves nothing of it reachable", async () => {
    const src = staticCollection([obj("a", "ns")]);
    let ref: WeakRef<object>;
    (() => {
      const handlerState = { seen: 0 };
      ref = new WeakRef(handlerState);
      const reg = src.register(() => handlerState.seen++);
      reg.unregister();
    })();
    await collectAfterJob();
    expect(ref!.deref()).toBeUndefined();
    src.set(obj("b", "ns"));
  });

  it("a disposed derived graph is unlinked from its inputs and can be collected", async () => {
    const pods = staticCollection([obj("a", "ns")]);
    const services = staticCollection([obj("s", "ns")]);
    let refs: WeakRef<object>[] = [];
    (() => {
      const derived = collection(pods, (ctx, p) => ({ ...p, spec: { value: ctx.fetch(services, filter.namespace("ns")).length } }));
      const downstream = join([derived]);
      const s = singleton((ctx) => ({ n: ctx.fetch(downstream).length }));
      downstream.register(() => {});
      refs = [derived, downstream, s].map((x) => new WeakRef(x as object));
      dispose(derived);
      expect(() => derived.register(() => {})).toThrow(/disposed/);
    })();
    expect(inspect(services).dependentRecords).toBe(0);
    await collectAfterJob();
    expect(refs.map((r) => r.deref() === undefined)).toEqual([true, true, true]);
    pods.set(obj("b", "ns"));
    services.set(obj("t", "ns"));
  });

  it("dispose is idempotent: a collection already disposed, directly or with its input, is disposed again without error", () => {
    const pods = staticCollection([obj("a", "ns")]);
    const derived = collection(pods, (_ctx, p) => p);
    const downstream = join([derived]);
    dispose(pods); // takes derived and downstream along
    expect(() => dispose(downstream)).not.toThrow();
    expect(() => dispose(derived)).not.toThrow();
    expect(() => dispose(pods)).not.toThrow();
    expect(() => downstream.register(() => {})).toThrow(/disposed/); // other uses still say so
  });
});
