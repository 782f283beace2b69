/**
 * A handler that writes back into an input can keep the graph changing forever. The
 * scheduler cuts such a loop; these tests pin down what the graph looks like after
 * the cut: consistent, reported, and back to normal on the next write.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collection } from "./collection.js";
import { FeedbackLoopError } from "./errors.js";
import { filter } from "./filter.js";
import { dispose } from "./inspect.js";
import { singleton } from "./singleton.js";
import { staticCollection } from "./static.js";
import { captureErrors, recorder } from "./test-support.js";
import type { Collection, StaticCollection } from "./types.js";

type Num = { id: string; n: number };
const numKey = { key: (x: Num) => x.id };

interface Graph {
  doubled: Collection<Num>;
  otherOut: Collection<Num>;
  sum: Collection<Num>;
}

/** Counter → Doubled, Other → OtherOut, and Sum reading both derived collections. */
function buildGraph(counter: StaticCollection<Num>, other: StaticCollection<Num>, suffix = ""): Graph {
  const doubled = collection(counter, (_c, x) => ({ id: x.id, n: x.n * 2 }), { ...numKey, name: `Doubled${suffix}` });
  const otherOut = collection(other, (_c, x) => ({ id: x.id, n: x.n + 100 }), { ...numKey, name: `OtherOut${suffix}` });
  const sum = singleton(
    (ctx) => {
      const d = ctx.fetchOne(doubled, filter.key("c"))?.n ?? 0;
      const o = ctx.fetch(otherOut).reduce((s, x) => s + x.n, 0);
      return { id: "sum", n: d + o };
    },
    { ...numKey, name: `Sum${suffix}` },
  ).asCollection();
  return { doubled, otherOut, sum };
}

/** The graph rebuilt from scratch over the inputs' current items. */
function freshLists(counter: StaticCollection<Num>, other: StaticCollection<Num>): Record<keyof Graph, Num[]> {
  const c = staticCollection(counter.list(), numKey);
  const o = staticCollection(other.list(), numKey);
  try {
    const g = buildGraph(c, o, "-fresh");
    return { doubled: g.doubled.list(), otherOut: g.otherOut.list(), sum: g.sum.list() };
  } finally {
    dispose(c);
    dispose(o);
  }
}

describe("runaway feedback loops (rule 6)", () => {
  let capture: ReturnType<typeof captureErrors>;
  beforeEach(() => {
    capture = captureErrors();
  });
  afterEach(() => capture.restore());

  it("a runaway feedback loop is cut with an error naming its collections, leaves every collection consistent, and the graph recovers on the next write", () => {
    const counter = staticCollection<Num>([{ id: "c", n: 0 }], { ...numKey, name: "Counter" });
    const other = staticCollection<Num>([{ id: "o", n: 0 }], { ...numKey, name: "Other" });
    const g = buildGraph(counter, other);
    const logs = { doubled: recorder(g.doubled), otherOut: recorder(g.otherOut), sum: recorder(g.sum) };
    // The bug under test: every change of Doubled writes Counter again, so it never settles.
    let looping = true;
    g.doubled.register((e) => {
      if (looping && e.type === "update") counter.set({ id: "c", n: e.new.n / 2 + 1 });
    });

    expect(() => counter.set({ id: "c", n: 1 })).not.toThrow();

    expect(capture.errors).toHaveLength(1);
    const { error, context } = capture.errors[0]!;
    expect(error).toBeInstanceOf(FeedbackLoopError);
    expect(context.phase).toBe("propagation");
    expect((error as FeedbackLoopError).collections).toEqual(expect.arrayContaining(["Counter", "Doubled"]));
    // Other and OtherOut took no part in the loop.
    expect((error as FeedbackLoopError).collections).not.toContain("OtherOut");
    expect(String(error)).toMatch(/Counter/);
    expect(String(error)).toMatch(/Doubled/);
    // Right after the cut, derived state already matches the inputs.
    expect(g.doubled.get("c")!.n).toBe(counter.get("c")!.n * 2);
    expect({ doubled: g.doubled.list(), otherOut: g.otherOut.list(), sum: g.sum.list() }).toEqual(freshLists(counter, other));

    // The user fixes the handler; ordinary writes propagate again.
    looping = false;
    counter.set({ id: "c", n: 5 });
    expect(g.doubled.get("c")).toEqual({ id: "c", n: 10 });
    expect(g.sum.get("singleton")?.n).toBe(10 + 100);
    other.set({ id: "o", n: 3 });
    expect(g.otherOut.get("o")).toEqual({ id: "o", n: 103 });
    expect(g.sum.get("singleton")?.n).toBe(10 + 103);
    other.set({ id: "p", n: 1 });
    counter.delete("c");
    expect({ doubled: g.doubled.list(), otherOut: g.otherOut.list(), sum: g.sum.list() }).toEqual(freshLists(counter, other));
    // Handlers lost nothing: every log replays to its collection's content.
    for (const [name, log] of Object.entries(logs)) {
      const c = g[name as keyof Graph];
      expect(log.state(), name).toEqual(new Map(c.list().map((x) => [c.keyOf(x), x])));
    }
    expect(capture.errors).toHaveLength(1);
  });

  it("a loop that is never fixed is cut again, and reported again, at every write that restarts it", () => {
    const counter = staticCollection<Num>([{ id: "c", n: 0 }], { ...numKey, name: "Counter" });
    const doubled = collection(counter, (_c, x) => ({ id: x.id, n: x.n * 2 }), { ...numKey, name: "Doubled" });
    doubled.register((e) => {
      if (e.type === "update") counter.set({ id: "c", n: e.new.n / 2 + 1 });
    });
    const before = capture.errors.length;
    counter.set({ id: "c", n: 1 });
    counter.set({ id: "c", n: -5 });
    expect(capture.errors.length - before).toBe(2);
    expect(doubled.get("c")!.n).toBe(counter.get("c")!.n * 2);
    dispose(counter);
  });
});
