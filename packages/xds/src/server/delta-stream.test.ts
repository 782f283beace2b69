import { fromBinary } from "@bufbuild/protobuf";
import { staticCollection, type StaticCollection } from "@weft/krt";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ClusterSchema } from "../gen/envoy/config/cluster/v3/cluster_pb.js";
import type { DeltaDiscoveryRequest, DeltaDiscoveryResponse } from "../gen/envoy/service/discovery/v3/discovery_pb.js";
import type { XdsResource } from "../resource.js";
import { CLUSTER_TYPE, ENDPOINT_TYPE } from "../resource-types.js";
import { AdsServer } from "./ads-server.js";
import type { AckEvent, NackEvent } from "./events.js";
import { adsClient, assignment, cluster, deltaRequest, TestStream } from "./test-streams.js";

let resources: StaticCollection<XdsResource>;
let server: AdsServer;
let client: ReturnType<typeof adsClient>;
const acks: AckEvent[] = [];
const nacks: NackEvent[] = [];

beforeEach(async () => {
  resources = staticCollection<XdsResource>([cluster("a"), cluster("b"), assignment("a")], { key: (r) => r.key });
  server = new AdsServer(resources, { onAck: (e) => acks.push(e), onNack: (e) => nacks.push(e) });
  client = adsClient(await server.listen());
  acks.length = 0;
  nacks.length = 0;
});

afterEach(async () => {
  client.close();
  await server.close(200);
});

const open = () => new TestStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>(client.deltaAggregatedResources());
const node = { id: "delta-node" };
const names = (r: DeltaDiscoveryResponse) => r.resources.map((x) => x.name);
const ack = (s: TestStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>, r: DeltaDiscoveryResponse) => s.send(deltaRequest({ typeUrl: r.typeUrl, responseNonce: r.nonce }));

describe("delta", () => {
  test("a wildcard subscription gets every resource with its version", async () => {
    const s = open();
    s.send(deltaRequest({ node, typeUrl: CLUSTER_TYPE }));
    const r = await s.next();
    expect(names(r)).toEqual(["a", "b"]);
    expect(r.resources.map((x) => x.version)).toEqual([cluster("a").version, cluster("b").version]);
    expect(fromBinary(ClusterSchema, r.resources[0]?.resource?.value ?? new Uint8Array()).name).toBe("a");
  });

  test("a change sends only the changed resource, a deletion only its name", async () => {
    const s = open();
    s.send(deltaRequest({ node, typeUrl: CLUSTER_TYPE }));
    ack(s, await s.next());
    resources.set(cluster("b", 7));
    const changed = await s.next();
    expect(names(changed)).toEqual(["b"]);
    expect(changed.removedResources).toEqual([]);
    ack(s, changed);
    resources.delete(`|${CLUSTER_TYPE}|a`);
    const removed = await s.next();
    expect(removed.resources).toEqual([]);
    expect(removed.removedResources).toEqual(["a"]);
  });

  test("resources the client already holds at the current version are not sent again", async () => {
    const s = open();
    s.send(deltaRequest({ node, typeUrl: CLUSTER_TYPE, initialResourceVersions: { a: cluster("a").version, b: "stale" } }));
    expect(names(await s.next())).toEqual(["b"]);
  });

  test("named subscriptions: subscribe sends, unsubscribe stops updates", async () => {
    const s = open();
    s.send(deltaRequest({ node, typeUrl: ENDPOINT_TYPE, resourceNamesSubscribe: ["a"] }));
    const first = await s.next();
    expect(names(first)).toEqual(["a"]);
    ack(s, first);
    s.send(deltaRequest({ typeUrl: ENDPOINT_TYPE, resourceNamesUnsubscribe: ["a"] }));
    await expect.poll(() => server.clients()[0]?.types[0]?.subscribed).toEqual([]);
    resources.set(assignment("a", 99));
    expect(await s.quiet()).toBe(true);
  });

  test("a NACK is reported and the client is taken to hold its previous version", async () => {
    const s = open();
    s.send(deltaRequest({ node, typeUrl: CLUSTER_TYPE }));
    ack(s, await s.next());
    await expect.poll(() => acks.length).toBe(1);
    resources.set(cluster("a", 42));
    const bad = await s.next();
    s.send(deltaRequest({ typeUrl: CLUSTER_TYPE, responseNonce: bad.nonce, errorDetail: { code: 3, message: "rejected a" } }));
    await expect.poll(() => nacks.length).toBe(1);
    expect(nacks[0]).toMatchObject({ protocol: "delta", typeUrl: CLUSTER_TYPE, nonce: bad.nonce, message: "rejected a", resources: { a: cluster("a", 42).version } });
    expect(server.clients()[0]?.types[0]?.acked.a).toBe(cluster("a").version);
    // Rolling back to the content the client still runs needs no push...
    resources.set(cluster("a"));
    expect(await s.quiet()).toBe(true);
    // ...while a new version is sent.
    resources.set(cluster("a", 43));
    expect(names(await s.next())).toEqual(["a"]);
  });
});
