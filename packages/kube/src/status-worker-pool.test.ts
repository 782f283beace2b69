import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StatusWorkerPool } from "./status-worker-pool.js";
import { recordErrorSink } from "./test-support.js";

/** A write that fails for the key "bad" and records every other key it wrote. */
function failsOnBad(written: string[]) {
  return async (key: string) => {
    if (key === "bad") throw new Error("conflict");
    written.push(key);
  };
}

/** A write that finishes when the test says so. */
function controlledWrites() {
  const started: { key: string; status: number; finish: () => void }[] = [];
  const write = (key: string, status: number) => new Promise<void>((resolve) => started.push({ key, status, finish: resolve }));
  return { started, write };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("StatusWorkerPool", () => {
  it("coalesces: only the latest status of a resource is written after the one in flight", async () => {
    const { started, write } = controlledWrites();
    const pool = new StatusWorkerPool(write, { concurrency: 4 });
    pool.enqueue("a", 1);
    await tick();
    for (let s = 2; s <= 10; s++) pool.enqueue("a", s);
    started[0]!.finish();
    await tick();
    expect(started.map((w) => w.status)).toEqual([1, 10]);
    started[1]!.finish();
    await pool.idle();
    expect(pool.stats.writes).toBe(2);
  });

  it("runs at most N writes at once, and never two for one resource", async () => {
    const { started, write } = controlledWrites();
    const pool = new StatusWorkerPool(write, { concurrency: 2 });
    for (const key of ["a", "b", "c", "d"]) pool.enqueue(key, 1);
    await tick();
    expect(started.map((w) => w.key)).toEqual(["a", "b"]);
    expect(pool.stats.inFlight).toBe(2);
    started[0]!.finish();
    await tick();
    expect(started.map((w) => w.key)).toEqual(["a", "b", "c"]);
    for (const w of started.slice(1)) w.finish();
    await tick();
    started[3]!.finish();
    await pool.idle();
    expect(started.map((w) => w.key)).toEqual(["a", "b", "c", "d"]);
  });

  it("an idle pool does no work: workers exit, and nothing polls while waiting", async () => {
    const pool = new StatusWorkerPool(async () => {}, { concurrency: 3 });
    for (let i = 0; i < 20; i++) pool.enqueue(`r${i}`, i);
    await pool.idle();
    const before = pool.stats;
    expect(before.workers).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pool.stats).toEqual(before);
    pool.enqueue("later", 1);
    await pool.idle();
    expect(pool.stats.writes).toBe(before.writes + 1);
  });

  it("a failing write is reported and the others still happen", async () => {
    const failed: string[] = [];
    const written: string[] = [];
    const pool = new StatusWorkerPool(
      failsOnBad(written),
      { concurrency: 1, onError: (_error, key) => failed.push(key) },
    );
    pool.enqueue("bad", 1);
    pool.enqueue("good", 1);
    await pool.idle();
    expect(failed).toEqual(["bad"]);
    expect(written).toEqual(["good"]);
  });

  it("a throwing error handler is reported to the sink and does not strand the queue", async () => {
    const sunk = recordErrorSink();
    const written: string[] = [];
    const pool = new StatusWorkerPool(
      failsOnBad(written),
      {
        concurrency: 1,
        onError: () => {
          throw new Error("handler broke");
        },
      },
    );
    pool.enqueue("bad", 1);
    pool.enqueue("good", 1);
    await pool.idle();
    expect(written).toEqual(["good"]);
    expect(pool.stats.workers).toBe(0);
    expect(sunk.map((s) => [String(s.error), s.context])).toEqual([["Error: handler broke", { source: "status-worker-pool", key: "bad", phase: "handler" }]]);
  });

  it("without onError, a failing write goes to the error sink and the pool carries on", async () => {
    const sunk = recordErrorSink();
    const written: string[] = [];
    const pool = new StatusWorkerPool(
      failsOnBad(written),
      { concurrency: 1 },
    );
    pool.enqueue("bad", 1);
    pool.enqueue("good", 1);
    await pool.idle();
    expect(written).toEqual(["good"]);
    expect(sunk.map((s) => [String(s.error), s.context])).toEqual([["Error: conflict", { source: "status-worker-pool", key: "bad", phase: "handler" }]]);
  });

  it("property: every resource ends with its last status written, never two writes of one at once", async () => {
    const op = fc.record({ key: fc.constantFrom("a", "b", "c", "d"), status: fc.nat(1000), yieldAfter: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), fc.integer({ min: 1, max: 4 }), async (ops, concurrency) => {
        const lastWritten = new Map<string, number>();
        const active = new Set<string>();
        let maxActive = 0;
        let overlap = false;
        const pool = new StatusWorkerPool(
          async (key: string, status: number) => {
            if (active.has(key)) overlap = true;
            active.add(key);
            maxActive = Math.max(maxActive, active.size);
            await Promise.resolve();
            lastWritten.set(key, status);
            active.delete(key);
          },
          { concurrency },
        );
        const lastEnqueued = new Map<string, number>();
        for (const { key, status, yieldAfter } of ops) {
          pool.enqueue(key, status);
          lastEnqueued.set(key, status);
          if (yieldAfter) await Promise.resolve();
        }
        await pool.idle();
        expect(overlap).toBe(false);
        expect(maxActive).toBeLessThanOrEqual(concurrency);
        expect(lastWritten).toEqual(lastEnqueued);
        expect(pool.stats.workers).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
