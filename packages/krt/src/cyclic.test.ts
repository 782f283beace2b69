/**
 * Values the engine cannot compare: objects that contain themselves, or nest deeper
 * than the stack allows. Deep equality recurses, so comparing two of them overflows;
 * that must never escape to the writer.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collection, manyCollection } from "./collection.js";
import { KrtError } from "./errors.js";
import { join } from "./join.js";
import { batch } from "./scheduler.js";
import { staticCollection } from "./static.js";
import { statusCollection } from "./status.js";
import { captureErrors, recorder } from "./test-support.js";

type Num = { id: string; n: number };
const numKey = { key: (x: Num) => x.id };

/**
 * An object that contains itself at its first and its last key: fast-deep-equal walks
 * keys last to first and the engine's structural fallback first to last, so both
 * follow the cycle before reaching the field that differs.
 */
interface Looped {
  head: Looped | undefined;
  id: string;
  n: number;
  tail: Looped | undefined;
}
const loopedKey = { key: (x: Looped) => x.id };

function looped(id: string, n: number): Looped {
  const o: Looped = { head: undefined, id, n, tail: undefined };
  o.head = o.tail = o;
  return o;
}

/** Acyclic, but deeper than recursion can follow; `leaf` sits at the bottom. */
function nested(depth: number, leaf: unknown): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = { v };
  return v;
}

describe("outputs that cannot be compared", () => {
  let capture: ReturnType<typeof captureErrors>;
  beforeEach(() => {
    capture = captureErrors();
  });
  afterEach(() => capture.restore());

  it("a transform returning a cyclic object is an error for its key, naming the collection: the writer does not throw, the key keeps its previous output, and the other keys and collections of the same write still update", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }, { id: "b", n: 1 }], numKey);
    const other = staticCollection<Num>([{ id: "o", n: 1 }], numKey);
    const seen: [unknown, string][] = [];
    // Cyclic from the start: a first output is stored as is (nothing compares it).
    const out = collection(src, (_c, x) => (x.id === "a" ? looped(x.id, x.n) : { head: undefined, id: x.id, n: x.n, tail: undefined }), {
      ...loopedKey,
      name: "Looped",
      onError: (e, key) => seen.push([e, key]),
    });
    const otherOut = collection(other, (_c, x) => ({ id: x.id, n: x.n * 10 }), numKey);
    const before = out.get("a");
    const log = recorder(out);
    log.take();

    expect(() =>
      batch(() => {
        src.set({ id: "a", n: 2 });
        src.set({ id: "b", n: 2 });
        other.set({ id: "o", n: 2 });
      }),
    ).not.toThrow();

    expect(seen).toHaveLength(1);
    const [error, key] = seen[0]!;
    expect(key).toBe("a");
    expect(error).toBeInstanceOf(KrtError);
    expect(String(error)).toMatch(/"Looped".*cannot be compared.*cycle at \.head/);
    expect(out.get("a")).toBe(before);
    expect(out.get("b")?.n).toBe(2);
    expect(otherOut.get("o")?.n).toBe(20);
    expect(log.events.map((e) => e.type)).toEqual(["update"]);
    expect(capture.errors).toEqual([]);

    // The next change tries again; an acyclic output replaces the kept one.
    const fixed = collection(src, (_c, x) => ({ id: x.id, n: x.n }), numKey);
    src.set({ id: "a", n: 3 });
    expect(fixed.get("a")?.n).toBe(3);
    expect(seen).toHaveLength(2);
  });

  it("without onError, an output that cannot be compared goes to the error sink with the collection and key", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    const out = collection(src, (_c, x) => looped(x.id, x.n), { ...loopedKey, name: "Looped" });
    expect(() => src.set({ id: "a", n: 2 })).not.toThrow();
    expect(capture.errors.map((e) => e.context)).toEqual([{ source: "Looped", key: "a", phase: "transform" }]);
    expect(out.get("a")?.n).toBe(1);
  });

  it("once the collection has learnt where its outputs differ, a cyclic output that differs there is still refused", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }, { id: "b", n: 1 }], numKey);
    const out = collection(src, (_c, x) => (x.id === "a" && x.n >= 10 ? looped(x.id, x.n) : { head: undefined, id: x.id, n: x.n, tail: undefined }), {
      ...loopedKey,
      name: "Looped",
      onError: () => {},
    });
    // Plain updates of "b" teach the shortcut that outputs differ at `n`.
    for (let n = 2; n < 6; n++) src.set({ id: "b", n });
    src.set({ id: "a", n: 10 }); // the first cyclic output replaces a plain one: compared, no overflow
    const kept = out.get("a");
    src.set({ id: "a", n: 11 }); // differs at `n`, but both contain a cycle
    expect(out.get("a")).toBe(kept);
    expect(out.get("b")?.n).toBe(5);
  });

  it("a status transform whose output is refused keeps its last good status too", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    const { outputs, statuses } = statusCollection(src, (_c, x) => ({ output: looped(x.id, 0), status: { seen: x.n } }), {
      ...loopedKey,
      name: "WithStatus",
      onError: () => {},
    });
    src.set({ id: "a", n: 2 });
    expect(outputs.get("a")?.n).toBe(0);
    expect(statuses.get("a")?.status).toEqual({ seen: 1 });
  });

  it("an output nested too deeply to compare, but acyclic, counts as changed", () => {
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    const out = manyCollection(src, (_c, x) => [{ id: `${x.id}-deep`, deep: nested(50_000, x.n) }, { id: `${x.id}-flat`, deep: x.n }], {
      key: (o) => o.id,
      name: "Deep",
    });
    const log = recorder(out);
    log.take();
    expect(() => src.set({ id: "a", n: 2 })).not.toThrow();
    expect(out.get("a-flat")?.deep).toBe(2);
    expect(log.events.map((e) => e.type)).toEqual(["update", "update"]);
    expect(capture.errors).toEqual([]);
  });

  it("an input item that cannot be compared counts as changed: set() stores it and propagates, and joins follow their inputs", () => {
    const src = staticCollection<Looped>([looped("a", 1)], loopedKey);
    const joined = join([src]);
    const log = recorder(joined);
    log.take();
    const next = looped("a", 2);
    expect(() => src.set(next)).not.toThrow();
    expect(src.get("a")).toBe(next);
    expect(joined.get("a")).toBe(next);
    // Within one batch the two changes are one event; comparing them cannot fail either.
    expect(() =>
      batch(() => {
        src.set(looped("a", 3));
        src.set(looped("a", 4));
      }),
    ).not.toThrow();
    expect(log.events.map((e) => e.type)).toEqual(["update", "update"]);
    expect(joined.get("a")?.n).toBe(4);
    expect(capture.errors).toEqual([]);
  });
});
