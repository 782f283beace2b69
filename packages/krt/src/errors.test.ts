import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collection } from "./collection.js";
import { KrtError, reportError, reportTo } from "./errors.js";
import { filter } from "./filter.js";
import { singleton } from "./singleton.js";
import { staticCollection } from "./static.js";
import { captureErrors, obj, recorder } from "./test-support.js";
import type { HandlerContext } from "./types.js";

type Num = { id: string; n: number };
const numKey = { key: (x: Num) => x.id };

describe("errors (rule 7)", () => {
  let capture: ReturnType<typeof captureErrors>;
  beforeEach(() => {
    capture = captureErrors();
  });
  afterEach(() => capture.restore());

  it("a throwing transform never breaks the writer nor the other keys", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }, { id: "b", n: 1 }], numKey);
    const out = collection(
      src,
      (_c, x) => {
        if (x.n < 0) throw new Error(`negative ${x.id}`);
        return x;
      },
      numKey,
    );
    expect(() => src.set({ id: "a", n: -1 })).not.toThrow();
    src.set({ id: "b", n: 2 });
    expect(out.get("b")?.n).toBe(2);
  });

  it("the failing key keeps its last good output, onError gets the input key, and the next change retries", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    const seen: [string, string][] = [];
    const out = collection(
      src,
      (_c, x) => {
        if (x.n < 0) throw new Error("boom");
        return x;
      },
      { ...numKey, onError: (e, key) => seen.push([String(e), key]) },
    );
    const r = recorder(out);
    r.take();
    src.set({ id: "a", n: -1 });
    expect(out.get("a")?.n).toBe(1);
    expect(r.events).toEqual([]);
    expect(seen).toEqual([["Error: boom", "a"]]);
    src.set({ id: "a", n: 5 });
    expect(out.get("a")?.n).toBe(5);
  });

  it("a key that never succeeded has no output, and retries when something it fetched changes", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    const config = staticCollection<Num>([], numKey);
    const out = collection(
      src,
      (ctx, x) => {
        const cfg = ctx.fetchOne(config, filter.key("cfg"));
        if (cfg === undefined) throw new Error("no config yet");
        return { id: x.id, n: x.n * cfg.n };
      },
      numKey,
    );
    expect(out.list()).toEqual([]);
    expect(capture.errors[0]?.context).toMatchObject({ key: "a", phase: "transform" });
    config.set({ id: "cfg", n: 7 });
    expect(out.get("a")?.n).toBe(7);
  });

  it("without onError, errors go to the error sink with the collection and key", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    collection(
      src,
      () => {
        throw new Error("nope");
      },
      { ...numKey, name: "Failing" },
    );
    expect(capture.errors[0]?.context).toEqual({ source: "Failing", key: "a", phase: "transform" });
  });

  it("using ctx after the transform returned is a clear error naming the collection", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    let leaked: HandlerContext | undefined;
    collection(
      src,
      (ctx, x) => {
        leaked = ctx;
        return x;
      },
      { ...numKey, name: "Leaky" },
    );
    expect(() => leaked!.fetch(src)).toThrow(KrtError);
    expect(() => leaked!.fetch(src)).toThrow(/"Leaky".*after its transform returned/);
  });

  it("writing to a collection from inside a transform is refused", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    const other = staticCollection<Num>([], numKey);
    const seen: unknown[] = [];
    collection(
      src,
      (_c, x) => {
        other.set(x);
        return x;
      },
      { ...numKey, name: "Impure", onError: (e) => seen.push(e) },
    );
    expect(String(seen[0])).toMatch(/written from inside the transform of "Impure"/);
    expect(other.list()).toEqual([]);
  });

  it("a dependency cycle is reported, not followed", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    const holder: { b?: ReturnType<typeof collection<Num, Num>> } = {};
    const seen: string[] = [];
    const a = collection(
      src,
      (ctx, x) => {
        if (holder.b) ctx.fetch(holder.b);
        return x;
      },
      { ...numKey, name: "A", onError: (e) => seen.push(String(e)) },
    );
    holder.b = collection(a, (_c, x) => x, { ...numKey, name: "B" });
    src.set({ id: "a", n: 2 });
    expect(seen[0]).toMatch(/"A".*dependency cycle.*"B"/);
    // A failed, so it keeps its last good output, and B (derived from A) follows it.
    expect(a.get("a")?.n).toBe(1);
    expect(holder.b.get("a")?.n).toBe(1);
  });

  it("a throwing handler is reported and the other handlers still run", () => {
    const src = staticCollection<Num>([], numKey);
    const seen: string[] = [];
    src.register(() => {
      throw new Error("bad handler");
    });
    src.register((e) => seen.push(e.type));
    src.set({ id: "a", n: 1 });
    expect(seen).toEqual(["add"]);
    expect(capture.errors.map((e) => e.context.phase)).toEqual(["handler"]);
  });

  it("a singleton whose transform throws keeps its last value", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    const s = singleton((ctx) => {
      const a = ctx.fetchOne(src, filter.key("a"))!;
      if (a.n < 0) throw new Error("negative");
      return { id: "s", n: a.n };
    });
    src.set({ id: "a", n: -1 });
    expect(s.value()?.n).toBe(1);
  });

  it("a throwing index extractor or generic filter does not stop the engine", () => {
    const src = staticCollection([obj("a", "ns"), obj("b", "ns")]);
    const out = collection(src, (ctx, o) => ({ ...o, spec: { value: ctx.fetch(src, filter.generic(() => { throw new Error("pred"); })).length } }), { onError: () => {} });
    src.set(obj("c", "ns"));
    expect(out.list()).toEqual([]);
    expect(src.list().length).toBe(3);
  });

  it("hitting the restart limit of a first computation is reported, never silent", () => {
    // A chain of collections of rising heights, and an (impure) transform that fetches
    // a higher one on every run, so every run must restart above what it just read.
    const base = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    const chain: ReturnType<typeof collection<Num, Num>>[] = [base as never];
    for (let i = 1; i < 80; i++) chain.push(collection(chain[i - 1]!, (_c, x) => x, numKey));
    let runs = 0;
    const seen: [string, string][] = [];
    const restless = collection(
      base,
      (ctx, x) => {
        ctx.fetch(chain[Math.min(++runs, chain.length - 1)]!);
        return x;
      },
      { ...numKey, name: "Restless", onError: (e, key) => seen.push([String(e), key]) },
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]![0]).toMatch(/"Restless".*gave up the first computation after 64 restarts/);
    expect(seen[0]![1]).toBe("a");
    expect(restless.list()).toEqual([]);
  });
});

describe("the error policy every package shares (reportTo)", () => {
  let capture: ReturnType<typeof captureErrors>;
  beforeEach(() => {
    capture = captureErrors();
  });
  afterEach(() => capture.restore());

  it("an error goes to the nearest onError with its detail, not to the sink", () => {
    const told: [unknown, string][] = [];
    reportTo((error, detail: string) => told.push([error, detail]), "boom", "the detail", { source: "Component", phase: "handler" });
    expect(told).toEqual([["boom", "the detail"]]);
    expect(capture.errors).toEqual([]);
  });

  it("without an onError, the error goes to the sink with its context", () => {
    reportTo(undefined, "boom", "ignored", { source: "Component", key: "k", phase: "request" });
    expect(capture.errors).toEqual([{ error: "boom", context: { source: "Component", key: "k", phase: "request" } }]);
  });

  it("an onError that throws is reported to the sink as a handler error, and the caller carries on", () => {
    expect(() =>
      reportTo(
        () => {
          throw new Error("reporter broke");
        },
        "boom",
        undefined,
        { source: "Component", key: "k", phase: "input" },
      ),
    ).not.toThrow();
    expect(capture.errors).toHaveLength(1);
    expect(String(capture.errors[0]?.error)).toBe("Error: reporter broke");
    expect(capture.errors[0]?.context).toEqual({ source: "Component", key: "k", phase: "handler" });
  });

  it("a collection's onError that throws is reported to the sink and the collection keeps working", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    const out = collection(
      src,
      (_c, x) => {
        if (x.n < 0) throw new Error("negative");
        return x;
      },
      {
        ...numKey,
        name: "Guarded",
        onError: () => {
          throw new Error("onError broke");
        },
      },
    );
    src.set({ id: "a", n: -1 });
    expect(capture.errors.map((e) => [String(e.error), e.context])).toEqual([["Error: onError broke", { source: "Guarded", key: "a", phase: "handler" }]]);
    src.set({ id: "a", n: 3 });
    expect(out.get("a")?.n).toBe(3);
  });

  it("the default sink is console.error, one line naming the source, key and phase", () => {
    capture.restore();
    const lines: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void lines.push(args);
    try {
      reportError("boom", { source: "informer Pod", key: "ns/a", phase: "input" });
    } finally {
      console.error = original;
      capture = captureErrors();
    }
    expect(lines).toEqual([["weft: input error in informer Pod [ns/a]:", "boom"]]);
  });
});
