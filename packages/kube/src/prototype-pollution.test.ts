/**
 * Every map keyed by input (object names, namespaces, labels, label selectors, status
 * fields, status keys) is a Map or a null-prototype object, or is written with
 * defineProperty: `__proto__`, `constructor` and `prototype` are data like any other
 * key. These tests feed them through every such path of @weft/kube and its fake API
 * server, and check that Object.prototype stays clean and the data comes through as is.
 */
import fc from "fast-check";
import { staticCollection } from "@weft/krt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientNodeApi } from "./client-node-api.js";
import { informer, type Informer } from "./informer.js";
import type { RawObject } from "./reflector.js";
import { resourceOf } from "./resources.js";
import { mergeStatus } from "./status-merge.js";
import { StatusWriter, type StatusDocumentLike, type WriteReport } from "./status-writer.js";
import { FakeApiServer, type StoredObject } from "./testing/fake-api-server.js";
import { parseLabelSelector } from "./testing/label-selector.js";
import { eventually, FAST } from "./test-support.js";

const HOSTILE = ["__proto__", "constructor", "prototype"] as const;
const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const PRISTINE = prototypeKeys();

function expectCleanPrototype(): void {
  expect(prototypeKeys()).toEqual(PRISTINE);
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
}

/** JSON text makes `__proto__` an own key, as it is when it comes off the wire. */
const wire = <T>(value: string): T => JSON.parse(value) as T;
const hostileLabels = () => wire<Record<string, string>>('{"__proto__":"p","constructor":"c","prototype":"x"}');

describe("status merge with hostile field names", () => {
  it("keeps __proto__, constructor and prototype as plain status fields", () => {
    const desired = wire<Record<string, unknown>>('{"__proto__":{"polluted":true},"constructor":[{"name":"a","conditions":[]}],"prototype":"ours","conditions":[{"type":"__proto__","status":"True","reason":"r","message":""}]}');
    const current = wire<Record<string, unknown>>('{"__proto__":{"polluted":"server"},"prototype":"theirs"}');
    const merged = mergeStatus(current, desired, { controllerName: "me", namespace: "ns", now: "t1" });
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged).sort()).toEqual(["__proto__", "conditions", "constructor", "prototype"]);
    expect(Object.getOwnPropertyDescriptor(merged, "__proto__")?.value).toEqual({ polluted: true });
    expect(merged.prototype).toBe("ours");
    expect(JSON.parse(JSON.stringify(merged))).toEqual(JSON.parse(JSON.stringify(merged)));
    expectCleanPrototype();
  });

  it("does not mistake Object.prototype's members for the server's fields", () => {
    // The server's status has no `constructor`: the merge must not find Object's.
    const merged = mergeStatus({}, wire('{"constructor":[{"name":"x","conditions":[{"type":"Ready","status":"True","reason":"r","message":""}]}]}'), { controllerName: "me", namespace: "ns", now: "t1" });
    expect(merged.constructor).toEqual([{ name: "x", conditions: [{ type: "Ready", status: "True", reason: "r", message: "", lastTransitionTime: "t1" }] }]);
  });

  it("property: any field names, hostile ones included, come out as own fields and leave Object.prototype alone", () => {
    const field = fc.oneof(fc.constantFrom(...HOSTILE, "toString", "hasOwnProperty", "parents", "ancestors", "conditions"), fc.string({ maxLength: 8 }));
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.dictionary(field, fc.string(), { maxKeys: 3 }), { maxLength: 2 }));
    const status = fc.dictionary(field, value, { maxKeys: 5 }).map((s) => JSON.parse(JSON.stringify(s)) as Record<string, unknown>);
    fc.assert(
      fc.property(status, status, (current, desired) => {
        const merged = mergeStatus(current, desired, { controllerName: "me", namespace: "ns", now: "t" });
        expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
        for (const key of Object.keys(desired)) expect(Object.hasOwn(merged, key)).toBe(true);
        expectCleanPrototype();
      }),
      { numRuns: 300 },
    );
  });
});

describe("label selectors with hostile label keys", () => {
  it("matches only own labels", () => {
    expect(parseLabelSelector("constructor")({})).toBe(false);
    expect(parseLabelSelector("!__proto__")({})).toBe(true);
    expect(parseLabelSelector("__proto__=p,constructor=c,prototype in (x)")(hostileLabels())).toBe(true);
    expect(parseLabelSelector("__proto__!=p")(hostileLabels())).toBe(false);
    expectCleanPrototype();
  });
});

describe("the informer, the fake API server and the status writer with hostile names", () => {
  let server: FakeApiServer;
  let inf: Informer<RawObject> | undefined;
  let writer: StatusWriter<StatusDocumentLike> | undefined;
  beforeEach(async () => {
    server = await FakeApiServer.start();
  });
  afterEach(async () => {
    await writer?.stop();
    await inf?.stop();
    await server.close();
  });

  const route = (namespace: string, name: string): StoredObject => ({
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name, namespace, labels: hostileLabels() },
    spec: {},
  });

  it("lists, watches, selects and writes statuses of objects named __proto__, constructor and prototype", async () => {
    const routes = resourceOf("HTTPRoute.gateway.networking.k8s.io");
    for (const ns of HOSTILE) for (const name of HOSTILE) server.apply(route(ns, name));
    const keys = HOSTILE.flatMap((ns) => HOSTILE.map((name) => `${ns}/${name}`)).sort();
    inf = informer<RawObject>(clientNodeApi(server.kubeConfig()), routes, {
      ...FAST,
      pageSize: 2,
      // A label selector over hostile keys, applied by the fake server to lists and watches.
      labelSelector: wire<Record<string, string>>('{"__proto__":"p","constructor":"c"}'),
      // Names like these are not DNS labels; keep them, to exercise the keying.
      parse: (object) => ({ ok: true, item: object }),
    }).start();
    await inf.waitUntilSynced();
    const names = () => inf!.collection.list().map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort();
    expect(names()).toEqual(keys);
    expect(inf.collection.get("__proto__/__proto__")?.metadata.labels).toEqual(hostileLabels());

    // Watch events for the same names; a relabel out of the selector deletes.
    await eventually(() => expect(server.openWatches).toBe(1));
    server.apply({ ...route("__proto__", "constructor"), metadata: { name: "constructor", namespace: "__proto__", labels: { app: "gone" } } });
    server.remove(route("prototype", "prototype"));
    await eventually(() => expect(names()).toEqual(keys.filter((k) => k !== "__proto__/constructor" && k !== "prototype/prototype")));

    // Statuses keyed by the same names, with hostile status fields.
    const statuses = staticCollection<StatusDocumentLike>([], { key: (d) => `${d.metadata.namespace}/${d.metadata.name}` });
    const reports: WriteReport[] = [];
    writer = new StatusWriter<StatusDocumentLike>({
      api: clientNodeApi(server.kubeConfig("writer")),
      statuses,
      controllerName: "me",
      current: (d) => inf!.collection.get(`${d.metadata.namespace}/${d.metadata.name}`),
      onWrite: (r) => reports.push(r),
    }).start();
    const status = () => wire<Record<string, unknown>>('{"__proto__":{"polluted":true},"constructor":"c","prototype":[]}');
    for (const name of HOSTILE) statuses.set({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name, namespace: "constructor" }, status: status() });
    await writer.idle();
    expect(reports.map((r) => `${r.key} ${r.outcome}`).sort()).toEqual(HOSTILE.map((n) => `constructor/${n} written`).sort());
    for (const name of HOSTILE) {
      const stored = server.read(route("constructor", name))!;
      expect(Object.getOwnPropertyDescriptor(stored.status, "__proto__")?.value).toEqual({ polluted: true });
    }
    await eventually(() => expect(Object.getOwnPropertyDescriptor(inf!.collection.get("constructor/__proto__")?.status, "__proto__")?.value).toEqual({ polluted: true }));
    expectCleanPrototype();
  });
});
