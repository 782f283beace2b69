import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collection } from "./collection.js";
import { filter } from "./filter.js";
import { index } from "./key-index.js";
import { staticCollection } from "./static.js";
import { obj } from "./test-support.js";

describe("index", () => {
  it("looks items up by extracted keys, ordered by item key, following changes", () => {
    const pods = staticCollection([obj("b", "ns", { labels: { app: "x" } }), obj("a", "ns", { labels: { app: "x" } }), obj("c", "ns", { labels: { app: "y" } })]);
    const byApp = index(pods, (p) => [p.metadata.labels!.app!]);
    expect(byApp.lookup("x").map((p) => p.metadata.name)).toEqual(["a", "b"]);
    pods.set(obj("a", "ns", { labels: { app: "y" } }));
    expect(byApp.lookup("x").map((p) => p.metadata.name)).toEqual(["b"]);
    expect(byApp.lookup("y").map((p) => p.metadata.name)).toEqual(["a", "c"]);
    pods.delete("ns/c");
    expect(byApp.lookup("y").map((p) => p.metadata.name)).toEqual(["a"]);
    expect(byApp.lookup("none")).toEqual([]);
  });

  it("files an item under several keys, once each", () => {
    const things = staticCollection([{ id: "t", tags: ["a", "b", "a"] }], { key: (t) => t.id });
    const byTag = index(things, (t) => t.tags);
    expect(byTag.lookup("a").length).toBe(1);
    expect(byTag.lookup("b").length).toBe(1);
  });

  it("an index filter re-runs only transforms that fetched the changed item's keys", () => {
    const services = staticCollection([obj("s1", "a"), obj("s2", "b")]);
    const byNs = index(services, (s) => [s.metadata.namespace!]);
    const clients = staticCollection([obj("c1", "a"), obj("c2", "b")]);
    const runs: string[] = [];
    collection(clients, (ctx, c) => {
      runs.push(c.metadata.name);
      return { ...c, spec: { value: ctx.fetch(services, filter.index(byNs, c.metadata.namespace!)).length } };
    });
    runs.length = 0;
    services.set(obj("s3", "a"));
    expect(runs).toEqual(["c1"]);
    runs.length = 0;
    // Moving an item between keys re-runs the readers of both.
    services.set({ ...obj("s3", "a"), metadata: { name: "s3", namespace: "a", labels: { moved: "yes" } } });
    expect(runs).toEqual(["c1"]);
  });

  it("property: lookup always equals a scan of the collection", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom("x", "y", "z"), fc.boolean()), { maxLength: 60 }), (ops) => {
        const c = staticCollection<{ id: string; tag: string }>([], { key: (i) => i.id });
        const byTag = index(c, (i) => [i.tag]);
        for (const [id, tag, del] of ops) {
          if (del) c.delete(String(id));
          else c.set({ id: String(id), tag });
          for (const t of ["x", "y", "z"]) expect(byTag.lookup(t)).toEqual(c.list().filter((i) => i.tag === t));
        }
      }),
    );
  });
});

describe("selector lookups", () => {
  it("property: selects and selectsNonEmpty fetches equal a scan with the filter semantics", () => {
    const labelSet = fc.dictionary(fc.constantFrom("app", "tier", "zone"), fc.constantFrom("1", "2"), { maxKeys: 3 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 14 }), fc.option(labelSet, { nil: undefined })), { minLength: 1, maxLength: 40 }), labelSet, (items, podLabels) => {
        const policies = staticCollection(items.map(([id, selector]) => ({ metadata: { name: `p${id}`, namespace: "ns" }, spec: selector === undefined ? {} : { selector } })));
        const q = staticCollection([{ id: "q" }], { key: (x) => x.id });
        const result = collection(q, (ctx) => ({
          id: "q",
          any: ctx.fetch(policies, filter.namespace("ns"), filter.selects(podLabels)).map((p) => p.metadata.name),
          nonEmpty: ctx.fetch(policies, filter.namespace("ns"), filter.selectsNonEmpty(podLabels)).map((p) => p.metadata.name),
        }), { key: (x) => x.id });
        const selects = (sel: Record<string, string> | undefined) => Object.entries(sel ?? {}).every(([k, v]) => podLabels[k] === v);
        const all = policies.list();
        expect(result.get("q")!.any).toEqual(all.filter((p) => selects(p.spec.selector)).map((p) => p.metadata.name));
        expect(result.get("q")!.nonEmpty).toEqual(all.filter((p) => Object.keys(p.spec.selector ?? {}).length > 0 && selects(p.spec.selector)).map((p) => p.metadata.name));
      }),
    );
  });
});
