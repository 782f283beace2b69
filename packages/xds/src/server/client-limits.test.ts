/**
 * What a client can make the server keep is bounded: only served types keep state, names
 * and subscription counts have limits answered with a gRPC error, and all of it is freed
 * when the stream ends.
 */
import { status } from "@grpc/grpc-js";
import fc from "fast-check";
import { staticCollection, type StaticCollection } from "@weft/krt";
import { afterEach, describe, expect, test } from "vitest";
import type { DeltaDiscoveryRequest, DeltaDiscoveryResponse, DiscoveryRequest, DiscoveryResponse } from "../gen/envoy/service/discovery/v3/discovery_pb.js";
import type { XdsResource } from "../resource.js";
import { CLUSTER_TYPE, ENDPOINT_TYPE, isXdsTypeUrl } from "../resource-types.js";
import { AdsServer, type AdsServerOptions } from "./ads-server.js";
import type { AckEvent, IgnoredEvent, StreamCloseEvent } from "./events.js";
import { DEFAULT_ADS_LIMITS, MAX_UNACKED_RESPONSES, namesAfter, resolveLimits } from "./limits.js";
import { adsClient, assignment, cluster, deltaRequest, sotwRequest, TestStream } from "./test-streams.js";

let resources: StaticCollection<XdsResource>;
let server: AdsServer;
let client: ReturnType<typeof adsClient>;
const ignored: IgnoredEvent[] = [];
const closes: StreamCloseEvent[] = [];

async function start(options: AdsServerOptions = {}): Promise<void> {
  resources = staticCollection<XdsResource>([cluster("a"), assignment("a")], { key: (r) => r.key });
  server = new AdsServer(resources, options);
  server.on("ignored", (e) => ignored.push(e));
  server.on("close", (e) => closes.push(e));
  client = adsClient(await server.listen());
  ignored.length = 0;
  closes.length = 0;
}

afterEach(async () => {
  client.close();
  await server.close(200);
});

const sotw = () => new TestStream<DiscoveryRequest, DiscoveryResponse>(client.streamAggregatedResources());
const delta = () => new TestStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>(client.deltaAggregatedResources());
const node = { id: "limits" };
const nothingRetained = { streams: 0, storeSubscribers: 0, types: 0, names: 0 };

describe("unknown type URLs", () => {
  test("a type URL the server does not serve keeps no state, is reported as ignored, and leaves nothing once the client is gone", async () => {
    await start();
    const s = sotw();
    const d = delta();
    const unknown = [...Array.from({ length: 200 }, (_, i) => `type.example/unknown.${i}`), "__proto__", "constructor", "prototype"];
    for (const typeUrl of unknown) {
      s.send(sotwRequest({ node, typeUrl, resourceNames: ["x"] }));
      d.send(deltaRequest({ node, typeUrl, resourceNamesSubscribe: ["x"] }));
    }
    // A served type on the same streams still works, after all of them.
    s.send(sotwRequest({ typeUrl: CLUSTER_TYPE }));
    d.send(deltaRequest({ typeUrl: CLUSTER_TYPE }));
    await s.next();
    await d.next();
    expect(ignored).toHaveLength(2 * unknown.length);
    expect(ignored[0]).toMatchObject({ typeUrl: unknown[0], reason: "type not served" });
    expect(server.clients().map((c) => c.types.map((t) => t.typeUrl))).toEqual([[CLUSTER_TYPE], [CLUSTER_TYPE]]);
    expect(Object.keys(server.stats().byType).every(isXdsTypeUrl)).toBe(true);
    s.end();
    d.end();
    await expect.poll(() => server.retained()).toEqual(nothingRetained);
    expect(Object.keys(server.stats().byType)).toEqual([CLUSTER_TYPE]);
  });
});

describe("limits", () => {
  test("a resource name longer than maxResourceNameLength ends the stream with INVALID_ARGUMENT and keeps nothing", async () => {
    await start({ limits: { maxResourceNameLength: 16 } });
    const s = sotw();
    s.send(sotwRequest({ node, typeUrl: ENDPOINT_TYPE, resourceNames: ["a", "x".repeat(17)] }));
    await expect.poll(() => s.status?.code).toBe(status.INVALID_ARGUMENT);
    expect(s.status?.details).toMatch(/longer than the limit of 16/);
    await expect.poll(() => server.retained()).toEqual(nothingRetained);
    expect(closes).toHaveLength(1);
  });

  test("with the default limits, a 1 MB name is refused on a delta stream (INVALID_ARGUMENT)", async () => {
    await start();
    const d = delta();
    d.send(deltaRequest({ node, typeUrl: ENDPOINT_TYPE, resourceNamesSubscribe: ["a"] }));
    await d.next();
    d.send(deltaRequest({ typeUrl: ENDPOINT_TYPE, resourceNamesSubscribe: ["n".repeat(1 << 20)] }));
    await expect.poll(() => d.status?.code).toBe(status.INVALID_ARGUMENT);
    await expect.poll(() => server.retained()).toEqual(nothingRetained);
  });

  test("an initial_resource_versions version longer than maxResourceNameLength is refused (INVALID_ARGUMENT)", async () => {
    await start({ limits: { maxResourceNameLength: 16 } });
    const d = delta();
    d.send(deltaRequest({ node, typeUrl: CLUSTER_TYPE, initialResourceVersions: { a: "v".repeat(17) } }));
    await expect.poll(() => d.status?.code).toBe(status.INVALID_ARGUMENT);
  });

  test("subscribing to more than maxNamesPerType names ends the stream with RESOURCE_EXHAUSTED (state of the world)", async () => {
    await start({ limits: { maxNamesPerType: 8 } });
    const s = sotw();
    s.send(sotwRequest({ node, typeUrl: ENDPOINT_TYPE, resourceNames: Array.from({ length: 8 }, (_, i) => `n${i}`) }));
    const first = await s.next();
    s.send(sotwRequest({ typeUrl: ENDPOINT_TYPE, responseNonce: first.nonce, resourceNames: Array.from({ length: 9 }, (_, i) => `n${i}`) }));
    await expect.poll(() => s.status?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(s.status?.details).toMatch(/9 subscribed names .* exceed the limit of 8/);
    await expect.poll(() => server.retained()).toEqual(nothingRetained);
  });

  test("subscriptions that add up past maxNamesPerType end a delta stream with RESOURCE_EXHAUSTED; unsubscribing makes room", async () => {
    await start({ limits: { maxNamesPerType: 8 } });
    const d = delta();
    const names = (from: number, n: number) => Array.from({ length: n }, (_, i) => `n${from + i}`);
    d.send(deltaRequest({ node, typeUrl: ENDPOINT_TYPE, resourceNamesSubscribe: names(0, 6) }));
    await expect.poll(() => server.retained().names).toBe(6);
    // Two out, two in: still 6... then 3 more is 9.
    d.send(deltaRequest({ typeUrl: ENDPOINT_TYPE, resourceNamesUnsubscribe: names(0, 2), resourceNamesSubscribe: names(6, 2) }));
    await expect.poll(() => server.clients()[0]?.types[0]?.subscribed).toEqual(names(2, 6).sort());
    d.send(deltaRequest({ typeUrl: ENDPOINT_TYPE, resourceNamesSubscribe: names(8, 3) }));
    await expect.poll(() => d.status?.code).toBe(status.RESOURCE_EXHAUSTED);
    await expect.poll(() => server.retained()).toEqual(nothingRetained);
  });

  test("more initial_resource_versions entries than maxNamesPerType are refused (RESOURCE_EXHAUSTED)", async () => {
    await start({ limits: { maxNamesPerType: 8 } });
    const d = delta();
    d.send(deltaRequest({ node, typeUrl: CLUSTER_TYPE, initialResourceVersions: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`c${i}`, "v"])) }));
    await expect.poll(() => d.status?.code).toBe(status.RESOURCE_EXHAUSTED);
  });

  test("with the default limits, 20,001 names on one delta stream are refused (RESOURCE_EXHAUSTED)", async () => {
    await start();
    const d = delta();
    d.send(deltaRequest({ node, typeUrl: ENDPOINT_TYPE, resourceNamesSubscribe: Array.from({ length: DEFAULT_ADS_LIMITS.maxNamesPerType + 1 }, (_, i) => `n${i}`) }));
    await expect.poll(() => d.status?.code).toBe(status.RESOURCE_EXHAUSTED);
  });

  test("past maxStreams open streams, a new one (either protocol) ends with RESOURCE_EXHAUSTED and the open ones carry on", async () => {
    await start({ limits: { maxStreams: 2 } });
    const first = sotw();
    first.send(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
    await first.next();
    const second = delta();
    second.send(deltaRequest({ node, typeUrl: CLUSTER_TYPE }));
    await second.next();
    for (const refused of [sotw(), delta()]) {
      await expect.poll(() => refused.status?.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(refused.status?.details).toMatch(/already serves 2 ADS streams/);
    }
    expect(server.retained().streams).toBe(2);
    // The open streams are still served, and a closed one makes room.
    resources.set(cluster("b"));
    expect((await first.next()).resources).toHaveLength(2);
    first.end();
    await expect.poll(() => server.retained().streams).toBe(1);
    const third = sotw();
    third.send(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
    expect((await third.next()).resources).toHaveLength(2);
  });

  test("a delta client that reads but never acknowledges makes the server remember only the last 16 responses per type", async () => {
    await start();
    const acks: AckEvent[] = [];
    server.on("ack", (e) => acks.push(e));
    const d = delta();
    d.send(deltaRequest({ node, typeUrl: CLUSTER_TYPE }));
    const responses = [await d.next()];
    for (let round = 2; round <= MAX_UNACKED_RESPONSES + 5; round++) {
      resources.set(cluster("a", round));
      responses.push(await d.next());
    }
    // The oldest responses were forgotten: their late ACK acknowledges nothing...
    d.send(deltaRequest({ typeUrl: CLUSTER_TYPE, responseNonce: responses[0]?.nonce }));
    // ...while the newest is still remembered.
    d.send(deltaRequest({ typeUrl: CLUSTER_TYPE, responseNonce: responses.at(-1)?.nonce }));
    await expect.poll(() => acks.length).toBe(1);
    expect(acks[0]?.nonce).toBe(responses.at(-1)?.nonce);
  });

  test("a NACK's error message is kept to its first 1,024 characters", async () => {
    await start();
    const s = sotw();
    s.send(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
    const r = await s.next();
    s.send(sotwRequest({ typeUrl: CLUSTER_TYPE, responseNonce: r.nonce, errorDetail: { code: 3, message: "m".repeat(100_000) } }));
    await expect.poll(() => server.clients()[0]?.types[0]?.lastNack?.message.length).toBe(1025);
  });

  test("property: the subscription count checked is the size of (names ∪ subscribe) ∖ unsubscribe", () => {
    const name = fc.constantFrom<string>("a", "b", "c", "d", "*", "__proto__");
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom<string>("a", "b", "c", "d", "__proto__")), fc.array(name), fc.array(name), (names, subscribe, unsubscribe) => {
        const after = new Set([...names, ...subscribe.filter((n) => n !== "*")]);
        for (const n of unsubscribe) after.delete(n);
        expect(namesAfter(new Set(names), subscribe, unsubscribe)).toBe(after.size);
      }),
    );
  });

  test("limits must be positive integers", () => {
    expect(resolveLimits({ maxNamesPerType: 5 })).toEqual({ ...DEFAULT_ADS_LIMITS, maxNamesPerType: 5 });
    expect(() => resolveLimits({ maxResourceNameLength: 0 })).toThrow(RangeError);
    expect(() => resolveLimits({ maxNamesPerType: 1.5 })).toThrow(RangeError);
  });
});
