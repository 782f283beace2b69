/**
 * Bad input is data: keys, namespaces, label keys and selector keys named after
 * Object.prototype's members (`__proto__`, `constructor`, `prototype`, `toString`)
 * are ordinary strings to the engine. Objects are built with JSON.parse, as decoded
 * API objects are, so `__proto__` is an own property and not the prototype.
 */
import { afterEach, describe, expect, it } from "vitest";
import { collection } from "./collection.js";
import { filter } from "./filter.js";
import { graph } from "./graph.js";
import { dispose, inspect } from "./inspect.js";
import { index } from "./key-index.js";
import { staticCollection } from "./static.js";
import { recorder } from "./test-support.js";

interface Item {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { selector?: Record<string, string> };
}

const HOSTILE = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];

function item(name: string, namespace: string | undefined, labels?: Record<string, string>, selector?: Record<string, string>): Item {
  // Through JSON, so a "__proto__" key stays an own data property.
  const json = JSON.stringify({ metadata: { name, namespace, labels }, spec: selector === undefined ? undefined : { selector } });
  return JSON.parse(json) as Item;
}

/** A label map with the given pairs as own properties, whatever their keys. */
function labels(pairs: Record<string, string> | [string, string][]): Record<string, string> {
  const entries = Array.isArray(pairs) ? pairs : Object.entries(pairs);
  return JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`) as Record<string, string>;
}

const namesOf = (items: Item[]) => items.map((i) => i.metadata.name);

function prototypeSnapshot(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype].flatMap((p) => Object.getOwnPropertyNames(p).sort());
}

describe("keys named after Object.prototype's members", () => {
  const before = prototypeSnapshot();
  afterEach(() => {
    expect(prototypeSnapshot()).toEqual(before);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("__proto__, constructor and prototype as keys and namespaces are data in static collections, derived collections, indexes and namespace filters", () => {
    const items = HOSTILE.flatMap((name) => [item(name, undefined), ...HOSTILE.map((ns) => item(name, ns))]);
    const src = staticCollection<Item>(items, { name: "__proto__" });
    expect(src.list()).toHaveLength(items.length);
    for (const k of HOSTILE) expect(src.get(k)?.metadata.name).toBe(k);
    expect(src.get("__proto__/constructor")?.metadata.namespace).toBe("__proto__");

    const byName = index(src, (i) => [i.metadata.name]);
    expect(byName.lookup("__proto__")).toHaveLength(HOSTILE.length + 1);
    // Ordered by item key: "__proto__/constructor" sorts before "constructor".
    expect(byName.lookup("constructor").map((i) => i.metadata.namespace ?? "")).toEqual(["__proto__", "", "constructor", "hasOwnProperty", "prototype", "toString"]);
    expect(byName.lookup("valueOf")).toEqual([]);

    const copies = collection(src, (ctx, i) => {
      const sameNs = i.metadata.namespace === undefined ? [] : ctx.fetch(src, filter.namespace(i.metadata.namespace));
      const sameName = ctx.fetch(src, filter.index(byName, i.metadata.name));
      return { ...i, spec: { selector: labels({ ns: String(sameNs.length), name: String(sameName.length) }) } };
    });
    const ns = HOSTILE.length;
    expect(copies.get("__proto__/__proto__")?.spec?.selector).toEqual({ ns: String(ns), name: String(HOSTILE.length + 1) });
    expect(copies.get("constructor")?.spec?.selector).toEqual({ ns: "0", name: String(HOSTILE.length + 1) });

    // Deleting keys named like prototype members deletes exactly those items.
    src.delete("__proto__");
    src.delete("constructor/prototype");
    expect(src.get("__proto__")).toBeUndefined();
    expect(copies.get("__proto__")).toBeUndefined();
    expect(copies.get("constructor/__proto__")?.spec?.selector).toEqual({ ns: String(ns - 1), name: String(HOSTILE.length) });
    expect(byName.lookup("__proto__")).toHaveLength(HOSTILE.length);
    expect(inspect(src).items).toBe(items.length - 2);
    expect(graph({ around: [src] })).toContain("__proto__<br/>static");
    dispose(src);
  });

  it("label filters read only a label map's own pairs: a __proto__ label matches its value and nothing else", () => {
    const pods = staticCollection<Item>([
      item("plain", "ns"),
      item("proto-x", "ns", labels([["__proto__", "x"]])),
      item("proto-y", "ns", labels([["__proto__", "y"], ["constructor", "c"]])),
      item("ctor", "ns", labels({ constructor: "c", toString: "t" })),
    ]);
    const want = (match: Record<string, string>) =>
      collection(staticCollection([item("q", "ns")]), (ctx) => ({ metadata: { name: "q" }, spec: { selector: labels({ hits: namesOf(ctx.fetch(pods, filter.labels(match))).join(",") }) } }));
    const hits = (c: ReturnType<typeof want>) => c.get("q")?.spec?.selector?.hits;

    const protoX = want(labels([["__proto__", "x"]]));
    const ctor = want(labels({ constructor: "c" }));
    const protoAndCtor = want(labels([["__proto__", "y"], ["constructor", "c"]]));
    const toStringLabel = want(labels({ toString: "t" }));
    expect(hits(protoX)).toBe("proto-x");
    expect(hits(ctor)).toBe("ctor,proto-y");
    expect(hits(protoAndCtor)).toBe("proto-y");
    expect(hits(toStringLabel)).toBe("ctor");

    // A change of the __proto__ label's value re-runs the readers and is seen by them.
    pods.set(item("plain", "ns", labels([["__proto__", "x"]])));
    expect(hits(protoX)).toBe("plain,proto-x");
    pods.set(item("proto-x", "ns", labels([["__proto__", "z"]])));
    expect(hits(protoX)).toBe("plain");
  });

  it("selector filters and the selector index treat __proto__ and constructor selector keys as label keys", () => {
    const services = staticCollection<Item>([
      item("all", "ns", undefined, undefined),
      item("sel-proto", "ns", undefined, labels([["__proto__", "x"]])),
      item("sel-ctor", "ns", undefined, labels({ constructor: "c" })),
      item("sel-both", "ns", undefined, labels([["__proto__", "x"], ["constructor", "c"]])),
      // Enough services that the selector index is used instead of a scan.
      ...Array.from({ length: 8 }, (_, i) => item(`other-${i}`, "ns", undefined, labels({ app: `a${i}` }))),
    ]);
    const pods = staticCollection<Item>([
      item("pod-proto", "ns", labels([["__proto__", "x"]])),
      item("pod-ctor", "ns", labels({ constructor: "c" })),
      item("pod-both", "ns", labels([["__proto__", "x"], ["constructor", "c"]])),
      item("pod-none", "ns", labels({})),
    ]);
    const selected = collection(pods, (ctx, pod) => ({
      metadata: pod.metadata,
      spec: {
        selector: labels({
          selects: namesOf(ctx.fetch(services, filter.selects(pod.metadata.labels ?? {}))).join(","),
          nonEmpty: namesOf(ctx.fetch(services, filter.selectsNonEmpty(pod.metadata.labels ?? {}))).join(","),
        }),
      },
    }));
    const log = recorder(selected);
    const of = (pod: string) => selected.get(`ns/${pod}`)?.spec?.selector;
    expect(of("pod-proto")).toEqual({ selects: "all,sel-proto", nonEmpty: "sel-proto" });
    expect(of("pod-ctor")).toEqual({ selects: "all,sel-ctor", nonEmpty: "sel-ctor" });
    expect(of("pod-both")).toEqual({ selects: "all,sel-both,sel-ctor,sel-proto", nonEmpty: "sel-both,sel-ctor,sel-proto" });
    expect(of("pod-none")).toEqual({ selects: "all", nonEmpty: "" });

    // Changing a __proto__ selector's value reaches exactly the pods it selected or selects.
    services.set(item("sel-proto", "ns", undefined, labels([["__proto__", "other"]])));
    expect(of("pod-proto")).toEqual({ selects: "all", nonEmpty: "" });
    expect(of("pod-both")).toEqual({ selects: "all,sel-both,sel-ctor", nonEmpty: "sel-both,sel-ctor" });
    services.set(item("new-proto", "ns", undefined, labels([["__proto__", "x"]])));
    expect(of("pod-proto")).toEqual({ selects: "all,new-proto", nonEmpty: "new-proto" });
    expect(log.state()).toEqual(new Map(selected.list().map((s) => [selected.keyOf(s), s])));
  });
});
