/**
 * Bad input is data, over the ADS port too: type URLs, resource names, versions, node ids
 * and node metadata keys named `__proto__`, `constructor` or `prototype` are ordinary
 * keys: they reach no prototype (above all not Object.prototype, which every object in
 * the process reads), and where they are reported they are own keys of the record.
 */
import { staticCollection, type StaticCollection } from "@weft/krt";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { DeltaDiscoveryRequest, DeltaDiscoveryResponse, DiscoveryRequest, DiscoveryResponse } from "../gen/envoy/service/discovery/v3/discovery_pb.js";
import { watchObjectPrototype } from "../prototype-keys.js";
import { ownValue } from "../records.js";
import { GRPC_SCOPE, SHARED_SCOPE, type XdsResource } from "../resource.js";
import { CLUSTER_TYPE, ENDPOINT_TYPE, isXdsTypeUrl } from "../resource-types.js";
import { AdsServer } from "./ads-server.js";
import { GATEWAY_METADATA_KEY } from "./client-scope.js";
import type { AckEvent, NackEvent, StreamOpenEvent } from "./events.js";
import { adsClient, assignment, cluster, deltaRequest, sotwRequest, TestStream } from "./test-streams.js";

const KEYS = ["__proto__", "constructor", "prototype"];
let resources: StaticCollection<XdsResource>;
let server: AdsServer;
let client: ReturnType<typeof adsClient>;
let watch: ReturnType<typeof watchObjectPrototype>;
const acks: AckEvent[] = [];
const nacks: NackEvent[] = [];
const opens: StreamOpenEvent[] = [];

beforeEach(async () => {
  watch = watchObjectPrototype();
  resources = staticCollection<XdsResource>([...KEYS.map((k) => cluster(k)), cluster("a"), ...KEYS.map((k) => assignment(k))], { key: (r) => r.key });
  server = new AdsServer(resources, { onAck: (e) => acks.push(e), onNack: (e) => nacks.push(e) });
  server.on("open", (e) => opens.push(e));
  client = adsClient(await server.listen());
  acks.length = 0;
  nacks.length = 0;
  opens.length = 0;
});

afterEach(async () => {
  client.close();
  await server.close(200);
  // Checked (and undone) after each test: a polluted prototype would break every later test.
  expect(watch.changes()).toEqual([]);
  expect(({} as Record<string, unknown>).responses).toBeUndefined();
});

/** Every key of `record` is its own, with these versions. */
function expectOwn(record: Record<string, string>, names: readonly string[], versionOf: (name: string) => string): void {
  for (const name of names) {
    expect(Object.hasOwn(record, name), name).toBe(true);
    expect(ownValue(record, name)).toBe(versionOf(name));
  }
}

describe("input keys over the ADS port", () => {
  test("state of the world: type URLs, names and node keys named __proto__, constructor or prototype reach no prototype", async () => {
    const s = new TestStream<DiscoveryRequest, DiscoveryResponse>(client.streamAggregatedResources());
    // Node metadata with a __proto__ struct that names a gateway: not this client's own key, so not its scope.
    const metadata = JSON.parse(`{"__proto__": {"${GATEWAY_METADATA_KEY}": "evil"}, "constructor": "x", "prototype": {"a": 1}}`) as Record<string, never>;
    s.send(sotwRequest({ node: { id: "__proto__", metadata }, typeUrl: "__proto__", resourceNames: KEYS }));
    for (const typeUrl of KEYS.slice(1)) s.send(sotwRequest({ typeUrl, resourceNames: KEYS }));
    s.send(sotwRequest({ typeUrl: CLUSTER_TYPE }));
    const clusters = await s.next();
    expect(clusters.typeUrl).toBe(CLUSTER_TYPE);
    s.send(sotwRequest({ typeUrl: CLUSTER_TYPE, versionInfo: clusters.versionInfo, responseNonce: clusters.nonce }));
    s.send(sotwRequest({ typeUrl: ENDPOINT_TYPE, resourceNames: KEYS }));
    const endpoints = await s.next();
    expect(endpoints.resources).toHaveLength(3);
    s.send(sotwRequest({ typeUrl: ENDPOINT_TYPE, resourceNames: KEYS, responseNonce: endpoints.nonce, errorDetail: { code: 3, message: "__proto__" } }));
    await expect.poll(() => nacks.length).toBe(1);

    expect(opens[0]?.scopes).toEqual([GRPC_SCOPE, SHARED_SCOPE]);
    expect(opens[0]?.nodeId).toBe("__proto__");
    expectOwn(acks[0]?.resources ?? {}, [...KEYS, "a"], (n) => cluster(n).version);
    expectOwn(nacks[0]?.resources ?? {}, KEYS, (n) => assignment(n).version);
    const cds = server.clients()[0]?.types.find((t) => t.typeUrl === CLUSTER_TYPE);
    expectOwn(cds?.acked ?? {}, KEYS, (n) => cluster(n).version);
    expect(Object.keys(server.stats().byType).every(isXdsTypeUrl)).toBe(true);
  });

  test("delta: subscribed names, initial versions and type URLs named __proto__, constructor or prototype reach no prototype", async () => {
    const d = new TestStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>(client.deltaAggregatedResources());
    d.send(deltaRequest({ node: { id: "constructor" }, typeUrl: "__proto__", resourceNamesSubscribe: KEYS }));
    d.send(deltaRequest({ typeUrl: "constructor", initialResourceVersions: { constructor: "v", prototype: "v" } }));
    d.send(deltaRequest({ typeUrl: ENDPOINT_TYPE, resourceNamesSubscribe: KEYS, initialResourceVersions: { constructor: "stale", prototype: assignment("prototype").version } }));
    const first = await d.next();
    // The client already holds prototype's current version: only the other two come.
    expect(first.resources.map((r) => r.name).sort()).toEqual(["__proto__", "constructor"]);
    d.send(deltaRequest({ typeUrl: ENDPOINT_TYPE, responseNonce: first.nonce }));
    await expect.poll(() => acks.length).toBe(1);
    expectOwn(acks[0]?.resources ?? {}, ["__proto__", "constructor"], (n) => assignment(n).version);
    // A removal named __proto__ is reported as an own key too ("" marks removals).
    resources.delete(assignment("__proto__").key);
    const removed = await d.next();
    expect(removed.removedResources).toEqual(["__proto__"]);
    d.send(deltaRequest({ typeUrl: ENDPOINT_TYPE, responseNonce: removed.nonce, errorDetail: { code: 3, message: "no" } }));
    await expect.poll(() => nacks.length).toBe(1);
    expectOwn(nacks[0]?.resources ?? {}, ["__proto__"], () => "");
    d.send(deltaRequest({ typeUrl: ENDPOINT_TYPE, resourceNamesUnsubscribe: KEYS }));
    await expect.poll(() => server.clients()[0]?.types[0]?.subscribed).toEqual([]);
    const eds = server.clients()[0]?.types[0];
    expect(Object.getPrototypeOf(eds?.acked)).toBeNull();
    expect(Object.keys(server.stats().byType)).toEqual([ENDPOINT_TYPE]);
  });
});
