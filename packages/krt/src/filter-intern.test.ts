import { describe, expect, it } from "vitest";
import { filter, sameFilter, type FilterImpl } from "./filter.js";
import { TABLE_LIMIT, sharedFilter, sharedFilters } from "./filter-intern.js";
import { staticCollection, collection } from "./index.js";

const impl = (f: unknown) => f as FilterImpl;

describe("shared filters of dependency records", () => {
  it("equal filters share one copy, and equal lists one array", () => {
    const a = impl(filter.selectsNonEmpty({ app: "web" }));
    const b = impl(filter.selectsNonEmpty({ app: "web" }));
    expect(a).not.toBe(b);
    expect(sharedFilter(a)).toBe(sharedFilter(b));
    expect(sameFilter(sharedFilter(a), a)).toBe(true);
    const ns = (n: string) => impl(filter.namespace(n));
    const list = sharedFilters([ns("default"), a]);
    expect(sharedFilters([ns("default"), b])).toBe(list);
    // Plain, not frozen: the engine's loops read it, and V8 reads frozen arrays slowly (empty.ts).
    expect(Object.isFrozen(list)).toBe(false);
    expect(sharedFilters([ns("other"), b])).not.toBe(list);
  });

  it("keep a frozen copy of labels: the caller's object is neither kept nor followed", () => {
    const labels: Record<string, string> = { app: "db", tier: "x" };
    const shared = sharedFilter(impl(filter.labels(labels)));
    labels.app = "changed";
    expect(shared.kind === "labels" && shared.labels).toEqual({ app: "db", tier: "x" });
    expect(Object.isFrozen(shared.kind === "labels" ? shared.labels : undefined)).toBe(true);
  });

  it("a __proto__ label stays a label, and pollutes nothing", () => {
    const labels = JSON.parse('{"__proto__": "x", "app": "a"}') as Record<string, string>;
    const shared = sharedFilter(impl(filter.selects(labels)));
    expect(shared.kind === "selects" && Object.keys(shared.labels)).toEqual(["__proto__", "app"]);
    expect(sameFilter(shared, impl(filter.selects(labels)))).toBe(true);
    expect(({} as Record<string, unknown>).app).toBeUndefined();
  });

  it("a shared label filter is found by exactly its own labels, even from a map whose getter answers differently each time", () => {
    let reads = 0;
    const shifting = {
      get app() {
        return `v${reads++}`;
      },
    } as Record<string, string>;
    const shared = sharedFilter(impl(filter.selects(shifting)));
    const own = shared.kind === "selects" ? shared.labels : undefined;
    expect(own).toBeDefined();
    expect(sharedFilter(impl(filter.selects({ ...own! })))).toBe(shared);
  });

  it("leaves what cannot be shared as it is: predicates, key lists, labels that are not strings", () => {
    const generic = impl(filter.generic(() => true));
    expect(sharedFilter(generic)).toBe(generic);
    const keys = impl(filter.keys(["a", "b"]));
    expect(sharedFilter(keys)).toBe(keys);
    const odd = impl(filter.labels({ app: 1 } as unknown as Record<string, string>));
    expect(sharedFilter(odd)).toBe(odd);
  });

  it("a table starts over past its limit, so distinct keys per record cannot grow it without bound", () => {
    const first = sharedFilter(impl(filter.key("k-0")));
    expect(sharedFilter(impl(filter.key("k-0")))).toBe(first);
    for (let i = 1; i <= TABLE_LIMIT; i++) sharedFilter(impl(filter.key(`k-${i}`)));
    // The table was emptied once it held TABLE_LIMIT entries: k-0 gets a new copy.
    const again = sharedFilter(impl(filter.key("k-0")));
    expect(again).not.toBe(first);
    expect(sameFilter(again, first)).toBe(true);
  });

  it("records holding shared filters still re-run exactly when their own filters match", () => {
    type Svc = { metadata: { name: string; namespace: string }; spec: { selector: Record<string, string> } };
    type Pod = { metadata: { name: string; namespace: string; labels: Record<string, string> } };
    const services = staticCollection<Svc>([]);
    const pods = staticCollection<Pod>([]);
    let runs = 0;
    const selected = collection(pods, (ctx, pod) => {
      runs++;
      return { name: pod.metadata.name, services: ctx.fetch(services, filter.namespace(pod.metadata.namespace), filter.selectsNonEmpty(pod.metadata.labels)).map((s) => s.metadata.name) };
    }, { key: (o) => o.name });
    for (let i = 0; i < 4; i++) pods.set({ metadata: { name: `p${i}`, namespace: "ns", labels: { app: i % 2 === 0 ? "even" : "odd" } } });
    runs = 0;
    services.set({ metadata: { name: "s-even", namespace: "ns" }, spec: { selector: { app: "even" } } });
    expect(runs).toBe(2);
    expect(selected.get("p0")?.services).toEqual(["s-even"]);
    expect(selected.get("p1")?.services).toEqual([]);
    // A pod whose labels change is refiled under its new labels.
    pods.set({ metadata: { name: "p1", namespace: "ns", labels: { app: "even" } } });
    runs = 0;
    services.set({ metadata: { name: "s-odd", namespace: "ns" }, spec: { selector: { app: "odd" } } });
    expect(runs).toBe(1);
    expect(selected.get("p1")?.services).toEqual(["s-even"]);
    expect(selected.get("p3")?.services).toEqual(["s-odd"]);
  });
});
