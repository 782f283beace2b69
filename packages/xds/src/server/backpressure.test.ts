/**
 * A client that stops reading must not make the server queue a response per change: the
 * server writes only what the transport takes, keeps at most one response per type
 * waiting, and builds it from the newest state when the transport drains.
 */
import { fromBinary } from "@bufbuild/protobuf";
import { batch, staticCollection, type StaticCollection } from "@weft/krt";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ClusterSchema } from "../gen/envoy/config/cluster/v3/cluster_pb.js";
import type { DeltaDiscoveryRequest, DeltaDiscoveryResponse, DiscoveryRequest, DiscoveryResponse } from "../gen/envoy/service/discovery/v3/discovery_pb.js";
import type { XdsResource } from "../resource.js";
import { CLUSTER_TYPE } from "../resource-types.js";
import { AdsServer } from "./ads-server.js";
import { adsClient, cluster, deltaRequest, sotwRequest, TestStream } from "./test-streams.js";

/** Enough clusters that one full CDS response (~70 KB) exceeds HTTP/2's initial 64 KiB window. */
const CLUSTERS = 1000;
const CHANGES = 200;
const PAUSED = 10;
const name = (i: number) => `c${i}-${"x".repeat(60)}`;

let resources: StaticCollection<XdsResource>;
let server: AdsServer;
let client: ReturnType<typeof adsClient>;

beforeEach(async () => {
  resources = staticCollection<XdsResource>(
    Array.from({ length: CLUSTERS }, (_, i) => cluster(name(i))),
    { key: (r) => r.key },
  );
  server = new AdsServer(resources);
  client = adsClient(await server.listen());
});

afterEach(async () => {
  client.close();
  await server.close(200);
});

/** The connect timeout (our change counter) of the first cluster in a response. */
const firstTimeout = (r: DiscoveryResponse) => Number(fromBinary(ClusterSchema, r.resources[0]?.value ?? new Uint8Array()).connectTimeout?.seconds ?? 0);

async function drainUntil<Q, R>(s: TestStream<Q, R>, done: (r: R) => boolean): Promise<number> {
  let seen = 0;
  for (;;) {
    const r = await s.next(20_000);
    seen++;
    if (done(r)) return seen;
  }
}

describe("backpressure", () => {
  test("a client that stops reading gets at most one response per type queued, and the newest state once it reads again (state of the world)", async () => {
    const paused: TestStream<DiscoveryRequest, DiscoveryResponse>[] = [];
    for (let i = 0; i < PAUSED; i++) {
      const s = new TestStream<DiscoveryRequest, DiscoveryResponse>(client.streamAggregatedResources());
      s.send(sotwRequest({ node: { id: `paused-${i}` }, typeUrl: CLUSTER_TYPE }));
      await s.next();
      s.pause();
      paused.push(s);
    }
    const reader = new TestStream<DiscoveryRequest, DiscoveryResponse>(client.streamAggregatedResources());
    reader.send(sotwRequest({ node: { id: "reader" }, typeUrl: CLUSTER_TYPE }));
    await reader.next();
    server.resetStats();

    for (let round = 1; round <= CHANGES; round++) {
      resources.set(cluster(name(0), round));
      // Let the transport run between changes, as a live control plane's changes arrive.
      if (round % 10 === 0) await new Promise((r) => setImmediate(r));
    }
    // The reading client converges on the last change...
    await drainUntil(reader, (r) => firstTimeout(r) === CHANGES);
    // ...while the paused ones were written at most a few responses each: what HTTP/2's
    // window and the stream's buffer hold, not one per change. Before coalescing every
    // stream was written all CHANGES responses (PAUSED x CHANGES = 2,000 in all).
    const written = server.stats().responses;
    expect(written).toBeLessThan(CHANGES + PAUSED * 20);

    // Reading again, each paused client gets the newest state.
    for (const s of paused) {
      s.resume();
      await drainUntil(s, (r) => firstTimeout(r) === CHANGES);
    }
  });

  test("a delta client that stops reading gets the newest versions, coalesced, once it reads again", async () => {
    const paused: TestStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>[] = [];
    for (let i = 0; i < PAUSED; i++) {
      const s = new TestStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>(client.deltaAggregatedResources());
      s.send(deltaRequest({ node: { id: `paused-${i}` }, typeUrl: CLUSTER_TYPE }));
      await s.next();
      s.pause();
      paused.push(s);
    }
    server.resetStats();
    // Each change touches every cluster, so every response is a full world (~70 KB).
    const rounds = 40;
    for (let round = 1; round <= rounds; round++) {
      batch(() => {
        for (let i = 0; i < CLUSTERS; i++) resources.set(cluster(name(i), round));
      });
      await new Promise((r) => setImmediate(r));
    }
    expect(server.stats().responses).toBeLessThan(PAUSED * 20);
    const final = cluster(name(0), rounds).version;
    for (const s of paused) {
      s.resume();
      await drainUntil(s, (r) => r.resources.some((x) => x.name === name(0) && x.version === final));
    }
  });
});
