import { describe, expect, it } from "vitest";
import { collection } from "./collection.js";
import { filter } from "./filter.js";
import { join } from "./join.js";
import { staticCollection } from "./static.js";
import { replay } from "./test-support.js";
import type { Event } from "./types.js";

type Num = { id: string; n: number };
const numKey = { key: (x: Num) => x.id };

describe("sync (rule 8)", () => {
  it("a derived collection has synced once its primary input has", async () => {
    const src = staticCollection<Num>([], { ...numKey, synced: false });
    const out = collection(src, (_c, x) => x, numKey);
    expect(out.hasSynced()).toBe(false);
    const done = out.waitUntilSynced();
    src.markSynced();
    await done;
    expect(out.hasSynced()).toBe(true);
  });

  it("also waits for every fetched collection", async () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    const config = staticCollection<Num>([], { ...numKey, synced: false });
    const out = collection(src, (ctx, x) => ({ ...x, n: ctx.fetch(config).length }), numKey);
    expect(out.hasSynced()).toBe(false);
    config.markSynced();
    expect(out.hasSynced()).toBe(true);
  });

  it("a join has synced once every input has", () => {
    const a = staticCollection<Num>([], numKey);
    const b = staticCollection<Num>([], { ...numKey, synced: false });
    const j = join([a, b]);
    expect(j.hasSynced()).toBe(false);
    b.markSynced();
    expect(j.hasSynced()).toBe(true);
  });

  it("waitUntilSynced rejects when its signal aborts", async () => {
    const src = staticCollection<Num>([], { ...numKey, synced: false });
    const controller = new AbortController();
    const waiting = src.waitUntilSynced(controller.signal);
    controller.abort(new Error("gave up"));
    await expect(waiting).rejects.toThrow("gave up");
    const already = new AbortController();
    already.abort(new Error("too late"));
    await expect(src.waitUntilSynced(already.signal)).rejects.toThrow("too late");
  });

  it("a registration has synced once its collection has, with every existing item delivered", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], { ...numKey, synced: false });
    const out = collection(src, (_c, x) => x, numKey);
    const seen: Event<Num>[] = [];
    const reg = out.register((e) => seen.push(e));
    expect(reg.hasSynced()).toBe(false);
    expect(seen.length).toBe(1);
    src.markSynced();
    expect(reg.hasSynced()).toBe(true);
    reg.unregister();
    expect(reg.hasSynced()).toBe(false);
  });

  it("each item reaches a handler exactly once whatever the order of register, changes and sync", () => {
    for (const order of [
      ["register", "write", "sync"],
      ["write", "register", "sync"],
      ["write", "sync", "register"],
      ["sync", "register", "write"],
    ]) {
      const src = staticCollection<Num>([{ id: "a", n: 1 }], { ...numKey, synced: false });
      const out = collection(src, (ctx, x) => ({ ...x, n: x.n + ctx.fetch(src, filter.key("b")).length }), numKey);
      const events: Event<Num>[] = [];
      for (const step of order) {
        if (step === "register") out.register((e) => events.push(e));
        if (step === "write") {
          src.set({ id: "b", n: 2 });
          src.set({ id: "a", n: 5 });
        }
        if (step === "sync") src.markSynced();
      }
      expect(replay(events, (x) => x.id), order.join(",")).toEqual(new Map(out.list().map((x) => [x.id, x])));
      expect(events.filter((e) => e.type === "add").length, order.join(",")).toBe(2);
    }
  });

  it("a handler registered by another handler mid-round gets a consistent replay and no duplicates", () => {
    const src = staticCollection<Num>([], numKey);
    const doubled = collection(src, (_c, x) => ({ id: x.id, n: x.n * 2 }), numKey);
    const late: Event<Num>[] = [];
    let registered = false;
    src.register(() => {
      if (registered) return;
      registered = true;
      doubled.register((e) => late.push(e));
    });
    src.set({ id: "a", n: 1 });
    src.set({ id: "a", n: 2 });
    expect(replay(late, (x) => x.id)).toEqual(new Map([["a", { id: "a", n: 4 }]]));
    expect(late.map((e) => e.type)).toEqual(["add", "update"]);
  });
});
