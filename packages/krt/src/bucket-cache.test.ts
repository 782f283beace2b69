/**
 * The two caches of fetch results (fetch-results.ts): a fetch narrowed by an index
 * or namespace bucket keeps its cached result while the collection changes
 * elsewhere, and records with the same filters share one evaluation. Counting
 * predicates and selector extractors show when a fetch is evaluated; the property
 * test checks every result against a plain recomputation, in assert mode, which also
 * compares each cached or shared result with a fresh evaluation (an engine error
 * fails the test).
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setAssertions } from "./assert.js";
import { collection } from "./collection.js";
import { filter } from "./filter.js";
import { index } from "./key-index.js";
import { captureErrors, obj, type Obj } from "./test-support.js";
import { SHARED_LIMIT, type Node } from "./node.js";
import { staticCollection } from "./static.js";

type Narrowing = "index" | "namespace";

/** Pods read the policies of their namespace, through an index or the namespace filter. */
function graph(narrowing: Narrowing) {
  let evaluations = 0;
  const counting = filter.generic<Obj>(() => (evaluations++, true));
  const pods = staticCollection<Obj>([obj("p", "a", { spec: { value: 0 } })], { name: "Pods" });
  const policies = staticCollection<Obj>([obj("pa", "a", { spec: { value: 1 } }), obj("pb", "b", { spec: { value: 2 } })], {
    name: "Policies",
    key: (p) => p.metadata.name,
  });
  const byNamespace = index(policies, (p) => [p.metadata.namespace ?? ""]);
  const seen = collection(
    pods,
    (ctx, pod) => {
      const ns = pod.metadata.namespace ?? "";
      const narrow = narrowing === "index" ? filter.index(byNamespace, ns) : filter.namespace(ns);
      const found = ctx.fetch(policies, narrow as never, counting);
      return { name: pod.metadata.name, saw: found.map((p) => `${p.metadata.name}=${p.spec?.value}`), input: pod.spec?.value };
    },
    { name: "Seen", key: (x) => x.name },
  );
  const touchPod = (value: number) => pods.set(obj("p", "a", { spec: { value } }));
  return { pods, policies, seen, touchPod, evaluations: () => evaluations };
}

describe.each<Narrowing>(["index", "namespace"])("a fetch narrowed by %s bucket", (narrowing) => {
  let captured: ReturnType<typeof captureErrors>;
  beforeEach(() => {
    captured = captureErrors();
  });
  afterEach(() => {
    setAssertions(false);
    captured.restore();
    expect(captured.errors.map((e) => String(e.error))).toEqual([]);
  });

  it("is not evaluated again while only other buckets change", () => {
    setAssertions(false);
    const g = graph(narrowing);
    g.touchPod(1); // a re-run at an unchanged version caches the result
    const cached = g.evaluations();
    g.policies.set(obj("pb", "b", { spec: { value: 3 } }));
    g.policies.set(obj("pc", "c", { spec: { value: 4 } }));
    g.touchPod(2);
    expect(g.evaluations()).toBe(cached);
    expect(g.seen.get("p")).toEqual({ name: "p", saw: ["pa=1"], input: 2 });
  });

  it("is evaluated again when its own bucket changes, empties, or comes back", () => {
    setAssertions(true);
    const g = graph(narrowing);
    g.touchPod(1);
    const before = g.evaluations();
    g.policies.set(obj("pa", "a", { spec: { value: 5 } }));
    expect(g.evaluations()).toBeGreaterThan(before);
    expect(g.seen.get("p")?.saw).toEqual(["pa=5"]);
    g.policies.delete("pa");
    expect(g.seen.get("p")?.saw).toEqual([]);
    g.policies.set(obj("pb", "b", { spec: { value: 6 } }));
    g.touchPod(2);
    expect(g.seen.get("p")?.saw).toEqual([]);
    g.policies.set(obj("pa2", "a", { spec: { value: 7 } }));
    expect(g.seen.get("p")?.saw).toEqual(["pa2=7"]);
    // An item moving into the bucket from another one changes it too.
    g.policies.set(obj("pb", "a", { spec: { value: 8 } }));
    expect(g.seen.get("p")?.saw).toEqual(["pa2=7", "pb=8"]);
  });
});

describe("records with equal filters", () => {
  it("share one evaluation per version, and each still gets its own array", () => {
    const captured = captureErrors();
    let selectorReads = 0;
    const policies = staticCollection<Obj>(
      Array.from({ length: 8 }, (_, i) => obj(`p${i}`, "a", { spec: { selector: { app: i % 2 === 0 ? "web" : "db" } } })),
      { name: "Policies", selector: (p) => (selectorReads++, p.spec?.selector as Record<string, string>) },
    );
    const byNamespace = index(policies, (p) => [p.metadata.namespace ?? ""]);
    const pods = staticCollection<Obj>(Array.from({ length: 50 }, (_, i) => obj(`pod${i}`, "a", { labels: { app: "web" } })));
    const arrays: unknown[][] = [];
    const seen = collection(pods, (ctx, pod) => {
      const found = ctx.fetch(policies, filter.index(byNamespace, "a"), filter.selects(pod.metadata.labels ?? {}));
      arrays.push(found);
      return { metadata: { name: pod.metadata.name, namespace: "a" }, saw: found.map((p) => p.metadata.name) };
    });
    // The selector index reads the 8 selectors once; then 50 pods, one evaluation of
    // the 4 candidates it names (unshared: 50 x 4 reads).
    expect(selectorReads).toBeLessThanOrEqual(8 + 8);
    expect(new Set(arrays).size).toBe(50);
    arrays[0]!.push("not shared");
    const before = selectorReads;
    policies.set(obj("p0", "a", { spec: { selector: { app: "web" } }, labels: { touched: "yes" } }));
    // Finding the dependents tests each of the 50 records against the changed policy;
    // every pod re-runs, and the new evaluation is again shared (unshared: 50 x 4 more).
    expect(selectorReads - before).toBeLessThanOrEqual(50 + 16);
    expect(seen.get("a/pod7")).toEqual({ metadata: { name: "pod7", namespace: "a" }, saw: ["p0", "p2", "p4", "p6"] });
    captured.restore();
    expect(captured.errors).toEqual([]);
  });
});

describe("the shared results of an unchanging collection", () => {
  it("stay bounded while readers with ever new filters come and go", () => {
    const policies = staticCollection<Obj>([obj("p", "a", { spec: { selector: { app: "web" } } })]);
    const byNamespace = index(policies, (p) => [p.metadata.namespace ?? ""]);
    const count = SHARED_LIMIT + 500;
    const pods = staticCollection<Obj>(Array.from({ length: count }, (_, i) => obj(`pod${i}`, "a", { labels: { app: "web", id: String(i) } })));
    const seen = collection(pods, (ctx, pod) => ({
      metadata: { name: pod.metadata.name, namespace: "a" },
      n: ctx.fetch(policies, filter.index(byNamespace, "a"), filter.selects(pod.metadata.labels ?? {})).length,
    }));
    expect(seen.get(`a/pod${count - 1}`)?.n).toBe(1);
    expect((policies as unknown as Node<Obj>).sharedResults().size).toBeLessThanOrEqual(SHARED_LIMIT);
  });
});

const NAMESPACES = ["a", "b", "c"];
const PODS = NAMESPACES.flatMap((n) => [`${n}-1`, `${n}-2`]);
const APPS = ["web", "db"];
type Op =
  | { kind: "policy"; name: string; ns: string; app: string | undefined; value: number }
  | { kind: "drop"; name: string }
  | { kind: "pod"; name: string; app: string; value: number };
const policyName = fc.constantFrom("x", "y", "z", "w");
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("policy" as const),
    name: policyName,
    ns: fc.constantFrom(...NAMESPACES),
    app: fc.option(fc.constantFrom(...APPS), { nil: undefined }),
    value: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({ kind: fc.constant("drop" as const), name: policyName }),
  fc.record({ kind: fc.constant("pod" as const), name: fc.constantFrom(...PODS), app: fc.constantFrom(...APPS), value: fc.integer({ min: 0, max: 3 }) }),
);

const makePod = (name: string, app: string, value: number) => obj(name, name.slice(0, 1), { labels: { app }, spec: { value } });
const makePolicy = (name: string, ns: string, app: string | undefined, value: number) =>
  obj(name, ns, { spec: { value, ...(app === undefined ? {} : { selector: { app } }) } });

describe("cached and shared fetch results (property)", () => {
  afterEach(() => {
    setAssertions(false);
  });

  it("every output equals a recomputation from the current policies, whichever bucket changed", () => {
    fc.assert(
      fc.property(fc.constantFrom<Narrowing>("index", "namespace"), fc.boolean(), fc.array(op, { maxLength: 40 }), (narrowing, bySelector, ops) => {
        setAssertions(true);
        const captured = captureErrors();
        // Two pods per namespace, often with the same labels: their fetches share.
        const pods = staticCollection<Obj>(PODS.map((n) => makePod(n, "web", 0)), { key: (p) => p.metadata.name });
        const policies = staticCollection<Obj>([], { key: (p) => p.metadata.name });
        const byNamespace = index(policies, (p) => [p.metadata.namespace ?? ""]);
        const seen = collection(
          pods,
          (ctx, pod) => {
            const ns = pod.metadata.namespace ?? "";
            const narrow = (narrowing === "index" ? filter.index(byNamespace, ns) : filter.namespace(ns)) as never;
            const found = bySelector ? ctx.fetch(policies, narrow, filter.selects(pod.metadata.labels ?? {})) : ctx.fetch(policies, narrow);
            return { name: pod.metadata.name, saw: found.map((p) => `${p.metadata.name}=${p.spec?.value}`), input: pod.spec?.value };
          },
          { key: (x) => x.name },
        );
        const model = new Map<string, Obj>();
        for (const o of ops) {
          if (o.kind === "policy") {
            const p = makePolicy(o.name, o.ns, o.app, o.value);
            model.set(o.name, p);
            policies.set(p);
          } else if (o.kind === "drop") {
            model.delete(o.name);
            policies.delete(o.name);
          } else pods.set(makePod(o.name, o.app, o.value));
          for (const pod of pods.list()) {
            const app = pod.metadata.labels?.app;
            const selected = (p: Obj) => !bySelector || p.spec?.selector === undefined || (p.spec.selector as Record<string, string>).app === app;
            const expected = [...model.values()]
              .filter((p) => p.metadata.namespace === pod.metadata.namespace && selected(p))
              .sort((l, r) => (l.metadata.name < r.metadata.name ? -1 : 1))
              .map((p) => `${p.metadata.name}=${p.spec?.value}`);
            expect(seen.get(pod.metadata.name)).toEqual({ name: pod.metadata.name, saw: expected, input: pod.spec?.value });
          }
        }
        captured.restore();
        expect(captured.errors.map((e) => String(e.error))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
