/**
 * @weft/krt/conformance: what every kind of collection must do, as a test suite any
 * package can run on its own collections (an informer, a collection built on krt...).
 *
 * - `list()` is ordered by key, and `get`/`keyOf` agree with it;
 * - after every write the content is what the writes so far call for;
 * - `register` replays then reports events that add up to the content, and so do the
 *   batches of `registerBatch`, wherever in the writes the handler was registered;
 * - `unregister` stops delivery at once;
 * - the collection, and a registration made before, sync once the input syncs.
 *
 * The suite drives a subject through writes of small items (`{ id, n }`) to its input;
 * the subject says how it stores them and what its collection must then hold. It takes
 * vitest's `describe`, `it` and `expect` as arguments, so it imports no test framework
 * at run time; the write sequences are pseudo-random from a seed (reported when a check
 * fails), so a failure replays exactly.
 *
 *   collectionConformance("my informer", (opts) => mySubject(opts), { describe, it, expect });
 */
import equal from "fast-deep-equal";
import { setErrorSink, type ErrorContext } from "./errors.js";
import type { Collection, Event } from "./types.js";

/** One item written to a subject's input. */
export interface ConformanceItem {
  /** One of `k0`..`k3`, so writes collide. */
  id: string;
  /** 0 to 5. */
  n: number;
}

/** A write to a subject's input: set an item, delete one by id, or several in one batch. */
export type ConformanceWrite = { set: ConformanceItem } | { delete: string } | { batch: ConformanceWrite[] };

/** A collection under test, with the input that drives it. */
export interface ConformanceSubject<T> {
  readonly collection: Collection<T>;
  /** Applies one write to the input (a batch as one round where the input can). */
  write(write: ConformanceWrite): void | Promise<void>;
  /**
   * What the collection must hold after the writes so far, in key order, compared with
   * `view` of each item (deeply).
   */
  expected(): unknown[];
  /** What of an item is compared with `expected` (server-set fields left out...). Default: the item. */
  view?(item: T): unknown;
  /** For a subject made with `synced: false`: makes its input synced. */
  markSynced(): void | Promise<void>;
  /** Frees what the subject holds (stops an informer...), after each test. */
  dispose?(): void | Promise<void>;
}

/** Makes a fresh subject for each test; `synced: false` asks for one whose input has not synced yet. */
export type ConformanceFactory<T> = (opts: { synced: boolean }) => ConformanceSubject<T> | Promise<ConformanceSubject<T>>;

/** What the suite needs of an assertion (vitest's `expect(...)` has it). */
export interface ConformanceAssertion {
  toEqual(expected: unknown): void;
  toBe(expected: unknown): void;
}

/** The test functions of the framework running the suite: pass vitest's. */
export interface ConformanceTestFunctions {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>, timeoutMs?: number): void;
  expect(actual: unknown, message?: string): ConformanceAssertion;
}

export interface ConformanceOptions {
  /** Write sequences per property test. Default 50. */
  runs?: number;
  /** Writes per sequence, at most. Default 20. */
  writes?: number;
  /** The first seed; run `i` uses `seed + i`. Default 1. */
  seed?: number;
  /**
   * Set for a collection that follows its input asynchronously (an informer): after each
   * write the suite waits, up to `settleMs`, until the content is what it must be.
   */
  asynchronous?: boolean;
  /** How long an asynchronous subject may take to settle. Default 10 s. */
  settleMs?: number;
  /** The timeout of each test. Default: 30 s, more when `runs` asks for more. */
  timeoutMs?: number;
}

/** What the shared error sink was told, as {@link captureErrors} records it. */
export interface CapturedError {
  error: unknown;
  context: ErrorContext;
}

/**
 * Replaces the shared error sink (every Weft package's default for errors no `onError`
 * took) with a recorder until `restore()`; for tests that check what was reported.
 */
export function captureErrors(): { errors: CapturedError[]; restore: () => void } {
  const errors: CapturedError[] = [];
  const previous = setErrorSink((error, context) => errors.push({ error, context }));
  return { errors, restore: () => void setErrorSink(previous) };
}

const IDS = ["k0", "k1", "k2", "k3"] as const;

/**
 * A small seeded generator (mulberry32) giving numbers in [0, 1), so the suite needs no
 * dependency and replays exactly; exported for other seeded tests (kube's chaos test).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random write: mostly sets, some deletes, and (at the top level) batches of both. */
function randomWrite(next: () => number, nested = false): ConformanceWrite {
  const pick = next();
  if (!nested && pick >= 0.8) return { batch: Array.from({ length: Math.floor(next() * 5) }, () => randomWrite(next, true)) };
  const id = IDS[Math.floor(next() * IDS.length)]!;
  return pick < 0.6 ? { set: { id, n: Math.floor(next() * 6) } } : { delete: id };
}

/** `count` pseudo-random writes from `seed`. */
export function conformanceWrites(seed: number, count: number): ConformanceWrite[] {
  const next = seededRandom(seed);
  return Array.from({ length: Math.floor(next() * (count + 1)) }, () => randomWrite(next));
}

/** Folds events into the content they describe, by key; a wrong event is an error. */
export function replayEvents<T>(events: readonly Event<T>[], keyOf: (item: T) => string): Map<string, T> {
  const state = new Map<string, T>();
  for (const e of events) {
    if (e.type === "add") {
      if (state.has(keyOf(e.new))) throw new Error(`add of a key already present: ${keyOf(e.new)}`);
      state.set(keyOf(e.new), e.new);
    } else if (e.type === "update") {
      if (!state.has(keyOf(e.new))) throw new Error(`update of a missing key: ${keyOf(e.new)}`);
      state.set(keyOf(e.new), e.new);
    } else {
      if (!state.delete(keyOf(e.old))) throw new Error(`delete of a missing key: ${keyOf(e.old)}`);
    }
  }
  return state;
}

async function settle(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
}

/**
 * Checks one write sequence against a fresh subject: content, order and keys after every
 * write, and that the events (and the batches) of a handler registered before write
 * `registerAt` add up to the final content. Throws (through `expect`) on a violation.
 */
export async function checkWriteSequence<T>(
  subject: ConformanceSubject<T>,
  writes: readonly ConformanceWrite[],
  registerAt: number,
  expect: ConformanceTestFunctions["expect"],
  opts: Pick<ConformanceOptions, "asynchronous" | "settleMs"> = {},
): Promise<void> {
  const c = subject.collection;
  const view = (item: T) => (subject.view === undefined ? item : subject.view(item));
  const content = () => c.list().map(view);
  const events: Event<T>[] = [];
  const batches: Event<T>[] = [];
  const registrations: { unregister(): void }[] = [];
  const register = () => {
    registrations.push(c.register((e) => events.push(e)));
    registrations.push(c.registerBatch((es) => batches.push(...es)));
  };
  try {
    for (const [i, write] of writes.entries()) {
      if (i === registerAt) register();
      await subject.write(write);
      if (opts.asynchronous) await settle(() => equal(content(), subject.expected()), opts.settleMs ?? 10_000);
      expect(content(), `content after write ${i} (${JSON.stringify(write)})`).toEqual(subject.expected());
      const list = c.list();
      const keys = list.map((x) => c.keyOf(x));
      expect(keys, "list() is ordered by key").toEqual([...keys].sort());
      for (const [j, k] of keys.entries()) expect(c.get(k), `get(${k}) is the listed item`).toBe(list[j]);
    }
    if (registerAt >= writes.length) register();
    const now = new Map(c.list().map((x) => [c.keyOf(x), view(x)]));
    const viewed = (state: Map<string, T>) => new Map([...state].map(([k, x]) => [k, view(x)]));
    expect(viewed(replayEvents(events, (x) => c.keyOf(x))), "register's events add up to the content").toEqual(now);
    expect(viewed(replayEvents(batches, (x) => c.keyOf(x))), "registerBatch's events add up to the content").toEqual(now);
  } finally {
    for (const r of registrations) r.unregister();
  }
}

/** Registers the conformance tests of one kind of collection, made by `factory`. */
export function collectionConformance<T>(name: string, factory: ConformanceFactory<T>, t: ConformanceTestFunctions, opts: ConformanceOptions = {}): void {
  const runs = opts.runs ?? 50;
  const writes = opts.writes ?? 20;
  const seed = opts.seed ?? 1;
  const timeoutMs = opts.timeoutMs ?? Math.max(30_000, runs * writes * (opts.asynchronous ? 200 : 5));
  const withSubject = async (synced: boolean, body: (s: ConformanceSubject<T>) => Promise<void>) => {
    const subject = await factory({ synced });
    try {
      await body(subject);
    } finally {
      await subject.dispose?.();
    }
  };

  t.describe(`conformance: ${name}`, () => {
    t.it(
      "content, order, keys, and event logs agree after every write",
      async () => {
        for (let run = 0; run < runs; run++) {
          const sequence = conformanceWrites(seed + run, writes);
          const registerAt = (seed + run) % (sequence.length + 1);
          try {
            await withSubject(true, (s) => checkWriteSequence(s, sequence, registerAt, t.expect, opts));
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            throw new Error(`seed ${seed + run} (writes ${JSON.stringify(sequence)}, registered before write ${registerAt}): ${message}`, { cause: error });
          }
        }
      },
      timeoutMs,
    );

    t.it(
      "unregister stops delivery at once",
      () =>
        withSubject(true, async (s) => {
          const seen: Event<T>[] = [];
          const reg = s.collection.register((e) => seen.push(e));
          seen.length = 0; // the replay
          reg.unregister();
          await s.write({ set: { id: "k2", n: 2 } });
          await s.write({ set: { id: "k1", n: 4 } });
          if (opts.asynchronous) await settle(() => equal(s.collection.list().map((x) => (s.view === undefined ? x : s.view(x))), s.expected()), opts.settleMs ?? 10_000);
          t.expect(seen, "events after unregister").toEqual([]);
        }),
      timeoutMs,
    );

    t.it(
      "syncs when its input syncs, and its registrations with it",
      () =>
        withSubject(false, async (s) => {
          const reg = s.collection.register(() => {});
          t.expect(s.collection.hasSynced(), "collection synced before its input").toBe(false);
          t.expect(reg.hasSynced(), "registration synced before its input").toBe(false);
          const waiting = s.collection.waitUntilSynced();
          await s.markSynced();
          await waiting;
          t.expect(s.collection.hasSynced(), "collection synced").toBe(true);
          t.expect(reg.hasSynced(), "registration synced").toBe(true);
          reg.unregister();
        }),
      timeoutMs,
    );
  });
}
