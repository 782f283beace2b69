import { fromBinary } from "@bufbuild/protobuf";
import { batch, staticCollection, type StaticCollection } from "@weft/krt";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ClusterLoadAssignmentSchema } from "../gen/envoy/config/endpoint/v3/endpoint_pb.js";
import { GRPC_SCOPE, gatewayScope, type XdsResource } from "../resource.js";
import { CLUSTER_TYPE, ENDPOINT_TYPE, LISTENER_TYPE } from "../resource-types.js";
import { AdsServer } from "./ads-server.js";
import { GATEWAY_METADATA_KEY } from "./client-scope.js";
import type { AckEvent, NackEvent, StreamCloseEvent } from "./events.js";
import { adsClient, assignment, cluster, clusterNames, listener, sotwRequest, TestStream } from "./test-streams.js";

let resources: StaticCollection<XdsResource>;
let server: AdsServer;
let port: number;
let client: ReturnType<typeof adsClient>;
const acks: AckEvent[] = [];
const nacks: NackEvent[] = [];
const closes: StreamCloseEvent[] = [];

beforeEach(async () => {
  resources = staticCollection<XdsResource>([cluster("a"), cluster("b"), assignment("a"), assignment("b")], { key: (r) => r.key });
  server = new AdsServer(resources, { onAck: (e) => acks.push(e), onNack: (e) => nacks.push(e) });
  server.on("close", (e) => closes.push(e));
  port = await server.listen();
  client = adsClient(port);
  acks.length = 0;
  nacks.length = 0;
  closes.length = 0;
});

afterEach(async () => {
  client.close();
  await server.close(200);
});

function open(): TestStream<ReturnType<typeof sotwRequest>, import("../gen/envoy/service/discovery/v3/discovery_pb.js").DiscoveryResponse> {
  return new TestStream(client.streamAggregatedResources());
}

const node = { id: "test-node" };

describe("state of the world", () => {
  test("a wildcard request gets every resource of the type, with a version and a nonce", async () => {
    const s = open();
    s.send(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
    const r = await s.next();
    expect(r.typeUrl).toBe(CLUSTER_TYPE);
    expect(clusterNames(r)).toEqual(["a", "b"]);
    expect(r.nonce).not.toBe("");
    expect(r.versionInfo).not.toBe("");
  });

  test("an ACK records the versions the client runs and is reported", async () => {
    const s = open();
    s.send(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
    const r = await s.next();
    s.send(sotwRequest({ typeUrl: CLUSTER_TYPE, versionInfo: r.versionInfo, responseNonce: r.nonce }));
    await expect.poll(() => acks.length).toBe(1);
    expect(acks[0]).toMatchObject({ nodeId: "test-node", typeUrl: CLUSTER_TYPE, nonce: r.nonce, resources: { a: cluster("a").version, b: cluster("b").version } });
    expect(server.clients()[0]?.types[0]).toMatchObject({ typeUrl: CLUSTER_TYPE, wildcard: true, acked: { a: cluster("a").version, b: cluster("b").version } });
  });

  test("clusters are pushed whole when one changes (a missing cluster would mean deleted)", async () => {
    const s = open();
    s.send(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
    const first = await s.next();
    s.send(sotwRequest({ typeUrl: CLUSTER_TYPE, versionInfo: first.versionInfo, responseNonce: first.nonce }));
    resources.set(cluster("a", 2));
    const update = await s.next();
    expect(clusterNames(update)).toEqual(["a", "b"]);
    expect(update.nonce).not.toBe(first.nonce);
  });

  test("endpoints are pushed one by one: only the assignment that changed", async () => {
    const s = open();
    s.send(sotwRequest({ node, typeUrl: ENDPOINT_TYPE, resourceNames: ["a", "b"] }));
    const first = await s.next();
    expect(first.resources).toHaveLength(2);
    s.send(sotwRequest({ typeUrl: ENDPOINT_TYPE, resourceNames: ["a", "b"], versionInfo: first.versionInfo, responseNonce: first.nonce }));
    resources.set(assignment("b", 81));
    const update = await s.next();
    expect(update.resources.map((a) => fromBinary(ClusterLoadAssignmentSchema, a.value).clusterName)).toEqual(["b"]);
  });

  test("a change equal to what was sent pushes nothing", async () => {
    const s = open();
    s.send(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
    await s.next();
    resources.set(cluster("a"));
    // Added and removed within one round: no net change.
    batch(() => {
      resources.set(cluster("c"));
      resources.delete(`|${CLUSTER_TYPE}|c`);
    });
    expect(await s.quiet()).toBe(true);
  });

  test("a named subscription gets only its names; adding a name sends it", async () => {
    const s = open();
    s.send(sotwRequest({ node, typeUrl: ENDPOINT_TYPE, resourceNames: ["a"] }));
    const first = await s.next();
    expect(first.resources).toHaveLength(1);
    s.send(sotwRequest({ typeUrl: ENDPOINT_TYPE, resourceNames: ["a", "b"], versionInfo: first.versionInfo, responseNonce: first.nonce }));
    const second = await s.next();
    expect(second.resources.map((a) => fromBinary(ClusterLoadAssignmentSchema, a.value).clusterName)).toEqual(["b"]);
    // A change to a name the client never asked for is not its business.
    resources.set(assignment("c"));
    expect(await s.quiet()).toBe(true);
  });

  test("a NACK is reported, the last good versions stay acknowledged, and nothing is re-sent until the next change", async () => {
    const s = open();
    s.send(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
    const good = await s.next();
    s.send(sotwRequest({ typeUrl: CLUSTER_TYPE, versionInfo: good.versionInfo, responseNonce: good.nonce }));
    await expect.poll(() => acks.length).toBe(1);
    resources.set(cluster("a", 99));
    const bad = await s.next();
    s.send(sotwRequest({ typeUrl: CLUSTER_TYPE, versionInfo: good.versionInfo, responseNonce: bad.nonce, errorDetail: { code: 3, message: "connect timeout too long" } }));
    await expect.poll(() => nacks.length).toBe(1);
    expect(nacks[0]).toMatchObject({ typeUrl: CLUSTER_TYPE, nonce: bad.nonce, rejectedVersion: bad.versionInfo, keptVersion: good.versionInfo, message: "connect timeout too long" });
    const status = server.clients()[0]?.types[0];
    expect(status?.acked).toEqual({ a: cluster("a").version, b: cluster("b").version });
    expect(status?.lastNack).toMatchObject({ nonce: bad.nonce, message: "connect timeout too long" });
    expect(await s.quiet()).toBe(true);
    // Fixing the resource pushes again, and the client can accept it.
    resources.set(cluster("a", 3));
    const fixed = await s.next();
    s.send(sotwRequest({ typeUrl: CLUSTER_TYPE, versionInfo: fixed.versionInfo, responseNonce: fixed.nonce }));
    await expect.poll(() => server.clients()[0]?.types[0]?.acked.a).toBe(cluster("a", 3).version);
  });

  test("a request with a stale nonce is ignored", async () => {
    const s = open();
    s.send(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
    const first = await s.next();
    resources.set(cluster("a", 2));
    const second = await s.next();
    // The ACK of the first response arrives after the second was sent: it acknowledges nothing.
    s.send(sotwRequest({ typeUrl: CLUSTER_TYPE, versionInfo: first.versionInfo, responseNonce: first.nonce }));
    s.send(sotwRequest({ typeUrl: CLUSTER_TYPE, versionInfo: second.versionInfo, responseNonce: second.nonce }));
    await expect.poll(() => acks.length).toBe(1);
    expect(acks[0]?.nonce).toBe(second.nonce);
  });

  test("a deleted cluster is left out of the next response", async () => {
    const s = open();
    s.send(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
    await s.next();
    resources.delete(`|${CLUSTER_TYPE}|b`);
    expect(clusterNames(await s.next())).toEqual(["a"]);
  });

  test("a gateway proxy sees its own listeners and the shared clusters; a gRPC client sees its listeners", async () => {
    resources.set(listener(gatewayScope("gw-a"), "0.0.0.0_80"));
    resources.set(listener(gatewayScope("gw-b"), "0.0.0.0_80"));
    resources.set(listener(GRPC_SCOPE, "echo:8080"));
    const gw = open();
    gw.send(sotwRequest({ node: { id: "gw", metadata: { [GATEWAY_METADATA_KEY]: "gw-a" } }, typeUrl: LISTENER_TYPE }));
    const gwListeners = await gw.next();
    expect(gwListeners.resources).toHaveLength(1);
    expect(Buffer.from(gwListeners.resources[0]?.value ?? [])).toEqual(Buffer.from(listener(gatewayScope("gw-a"), "0.0.0.0_80").bytes));
    gw.send(sotwRequest({ typeUrl: CLUSTER_TYPE, versionInfo: gwListeners.versionInfo, responseNonce: "" }));
    expect(clusterNames(await gw.next())).toEqual(["a", "b"]);
    const grpc = open();
    grpc.send(sotwRequest({ node, typeUrl: LISTENER_TYPE }));
    expect((await grpc.next()).resources).toHaveLength(1);
    // Another proxy's listener changing pushes nothing to this one.
    resources.set(listener(gatewayScope("gw-b"), "0.0.0.0_81"));
    expect(await gw.quiet()).toBe(true);
  });

  test("a stream the client cancels is torn down and reported", async () => {
    const s = open();
    s.send(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
    await s.next();
    expect(server.clients()).toHaveLength(1);
    s.cancel();
    await expect.poll(() => closes.length).toBe(1);
    expect(server.clients()).toHaveLength(0);
    // Changes after teardown reach nobody and break nothing.
    resources.set(cluster("a", 5));
  });

  test("nothing is served before the resources have synced: a partial world would delete the rest", async () => {
    const unsynced = staticCollection<XdsResource>([cluster("a")], { key: (r) => r.key, synced: false });
    const late = new AdsServer(unsynced);
    const lateClient = adsClient(await late.listen());
    try {
      const s = new TestStream(lateClient.streamAggregatedResources());
      s.send(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
      expect(await s.quiet()).toBe(true);
      unsynced.set(cluster("b"));
      unsynced.markSynced();
      expect(clusterNames(await s.next())).toEqual(["a", "b"]);
    } finally {
      lateClient.close();
      await late.close(200);
    }
  });

  test("closing the server ends open streams", async () => {
    const s = open();
    s.send(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
    await s.next();
    await server.close(200);
    await expect.poll(() => s.ended).toBe(true);
    expect(closes.map((c) => c.reason)).toEqual(["server closed"]);
  });
});
