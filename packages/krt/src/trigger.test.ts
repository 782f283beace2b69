import { describe, expect, it } from "vitest";
import { collection } from "./collection.js";
import { staticCollection } from "./static.js";
import { recomputeTrigger } from "./trigger.js";

type Num = { id: string; n: number };
const numKey = { key: (x: Num) => x.id };

describe("recomputeTrigger", () => {
  it("re-runs the transforms that marked it, and only those", () => {
    let outside = 1;
    const trigger = recomputeTrigger({ name: "outside" });
    const src = staticCollection<Num>([{ id: "a", n: 1 }], numKey);
    let plainRuns = 0;
    const scaled = collection(
      src,
      (ctx, x) => {
        trigger.mark(ctx);
        return { id: x.id, n: x.n * outside };
      },
      numKey,
    );
    collection(src, (_c, x) => {
      plainRuns++;
      return x;
    }, numKey);
    outside = 4;
    expect(scaled.get("a")?.n).toBe(1);
    trigger.trigger();
    expect(scaled.get("a")?.n).toBe(4);
    expect(plainRuns).toBe(1);
  });
});
