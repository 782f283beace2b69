import { afterEach, describe, expect, it } from "vitest";
import { setAssertions } from "./assert.js";
import { collection } from "./collection.js";
import { DepRecord } from "./dependencies.js";
import { KrtError } from "./errors.js";
import { filter } from "./filter.js";
import type { Node } from "./node.js";
import { staticCollection } from "./static.js";

type Item = { metadata: { name: string }; n: number };
const item = (name: string, n: number): Item => ({ metadata: { name }, n });

/** Changes a stored item behind the engine's back: no commit, so no version bump. */
function writeBehindTheEnginesBack(c: unknown, key: string, value: Item): void {
  (c as { store: Map<string, Item> }).store.set(key, value);
}

describe("assert mode (KRT_ASSERT=1)", () => {
  afterEach(() => {
    setAssertions(false);
  });

  it("a memoised fetch result that no longer matches its collection is an assert failure naming the reader", () => {
    const things = staticCollection([item("a", 1)]);
    const inputs = staticCollection([item("x", 1)]);
    const errors: unknown[] = [];
    collection(inputs, (ctx, x) => ({ metadata: { name: x.metadata.name }, n: ctx.fetchOne(things, filter.key("a"))!.n }), {
      name: "Reader",
      onError: (e) => errors.push(e),
    });
    // The first re-run caches the fetch (a first run does not); the next would reuse it.
    inputs.set(item("x", 2));
    writeBehindTheEnginesBack(things, "a", item("a", 2));
    setAssertions(true);
    inputs.set(item("x", 3));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(KrtError);
    expect(String(errors[0])).toMatch(/"Reader".*assert: the cached result of a fetch/);
  });

  it("without assert mode the same stale cache goes unchecked (the checks cost nothing when off)", () => {
    const things = staticCollection([item("a", 1)]);
    const inputs = staticCollection([item("x", 1)]);
    const errors: unknown[] = [];
    const out = collection(inputs, (ctx, x) => ({ metadata: { name: x.metadata.name }, n: ctx.fetchOne(things, filter.key("a"))!.n }), {
      onError: (e) => errors.push(e),
    });
    inputs.set(item("x", 2));
    writeBehindTheEnginesBack(things, "a", item("a", 2));
    inputs.set(item("x", 3));
    expect(errors).toEqual([]);
    expect(out.get("x")?.n).toBe(1);
  });

  it("a dependency record filed twice is an assert failure", () => {
    const things = staticCollection([item("a", 1)]) as unknown as Node<unknown>;
    const rec = new DepRecord({ markDirty() {} }, "k", things, [filter.key("a")] as never, undefined);
    setAssertions(true);
    const index = things.dependentsIndex();
    index.add(rec);
    expect(() => index.add(rec)).toThrow(/assert: a dependency record was filed twice/);
    index.remove(rec);
    expect(() => index.remove(rec)).toThrow(/removed without being filed/);
  });
});
