/**
 * ADS soak: many clients of both protocols (most acknowledging, some rejecting every
 * other response, some never reading until the end, some leaving midway) while the
 * configuration churns. Every client still connected converges on the final state, and
 * once all have left the server keeps nothing of them and its heap is back near where
 * it started.
 *
 * Clients: of every 20, 2 reject every other update until the configuration is fixed
 * (a last round gives every resource a new version), 3 never read until the churn is
 * over, 3 leave midway, the rest acknowledge; half state of the world, half delta.
 *
 * Defaults fit CI (100 clients, 60 rounds: about 10 s of CPU). Raise them with
 * XDS_SOAK_CLIENTS and XDS_SOAK_ROUNDS (the per-test timeout scales with both), e.g.
 *   XDS_SOAK_CLIENTS=200 XDS_SOAK_ROUNDS=300 pnpm vitest run packages/xds/src/server/ads-soak.test.ts
 * Figures (heap before, at the end of churn, and after the clients left) are printed;
 * XDS_SOAK_TRACE=1 also prints how long each phase took.
 */
import { batch, staticCollection, type StaticCollection } from "@weft/krt";
import { expect, test } from "vitest";
import { eventually } from "../e2e-support.js";
import type { XdsResource } from "../resource.js";
import { CLUSTER_TYPE, ENDPOINT_TYPE } from "../resource-types.js";
import { AdsServer } from "./ads-server.js";
import { clusterToken, endpointPortToken, soakChannel, SoakClient, type Behaviour, type State } from "./soak-clients.js";
import { assignment, cluster } from "./test-streams.js";

const CLIENTS = Number(process.env.XDS_SOAK_CLIENTS ?? 100);
const ROUNDS = Number(process.env.XDS_SOAK_ROUNDS ?? 60);
const CLUSTERS = 60;
const CHANNELS = 10;
const phase = (label: string, since: number) => process.env.XDS_SOAK_TRACE && console.log(`${label}: ${Date.now() - since} ms`);
/** The share of each behaviour, by client index (out of 20). */
const behaviourOf = (i: number): Behaviour => (i % 20 < 2 ? "nacks" : i % 20 < 5 ? "never-reads" : i % 20 < 8 ? "leaves" : "acks");

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error("the soak test needs --expose-gc (vitest.config.ts passes it)");
  collect();
};
/** Heap in use after letting sockets settle and collecting twice: what is still reachable. */
async function heapAfterGc(): Promise<{ heap: number; external: number }> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 50));
    gc();
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external };
}
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

/** The world the server serves, kept beside the collection to know what clients should converge on. */
class World {
  /** name → resource and its content token (connect timeout / port). */
  readonly clusters = new Map<string, { r: XdsResource; token: string }>();
  readonly endpoints = new Map<string, { r: XdsResource; token: string }>();
  readonly collection: StaticCollection<XdsResource>;
  private added = 0;

  constructor() {
    this.collection = staticCollection<XdsResource>([], { key: (r) => r.key });
    for (let i = 0; i < CLUSTERS; i++) {
      this.setCluster(`c${i}`, 1);
      this.setEndpoint(`c${i}`, 80);
    }
  }

  private setCluster(name: string, seconds: number): void {
    const r = cluster(name, seconds);
    this.clusters.set(name, { r, token: clusterToken(seconds) });
    this.collection.set(r);
  }

  private setEndpoint(name: string, port: number): void {
    const r = assignment(name, port);
    this.endpoints.set(name, { r, token: endpointPortToken(port) });
    this.collection.set(r);
  }

  /** Every resource at a new version: what fixes a configuration clients rejected. */
  touchAll(round: number): void {
    batch(() => {
      for (const name of [...this.clusters.keys()]) this.setCluster(name, 10_000 + round);
      for (const name of [...this.endpoints.keys()]) this.setEndpoint(name, 20_000 + round);
    });
  }

  /** One round of churn: a few clusters and endpoints change; clusters come and go. */
  churn(round: number): void {
    batch(() => {
      for (let k = 0; k < 3; k++) {
        const i = (round * 7 + k * 13) % CLUSTERS;
        this.setCluster(`c${i}`, round + 2);
        this.setEndpoint(`c${(i + k) % CLUSTERS}`, 1000 + round);
      }
      if (round % 3 === 0) this.setCluster(`extra${this.added++}`, 1);
      if (round % 5 === 0 && this.added > 0) {
        const gone = this.clusters.get(`extra${round % this.added}`);
        if (gone !== undefined) {
          this.clusters.delete(gone.r.name);
          this.collection.delete(gone.r.key);
        }
      }
    });
  }

  state(): State {
    return new Map([
      [CLUSTER_TYPE, new Map([...this.clusters].map(([name, c]) => [name, c.token]))],
      [ENDPOINT_TYPE, new Map([...this.endpoints].map(([name, e]) => [name, e.token]))],
    ]);
  }
}

test(
  `ADS soak: ${CLIENTS} clients (acking, NACKing, never reading, leaving) through ${ROUNDS} rounds of churn all converge, and leave nothing behind`,
  async () => {
    const world = new World();
    const server = new AdsServer(world.collection);
    const port = await server.listen();
    const channels = Array.from({ length: CHANNELS }, () => soakChannel(port));
    try {
      const baseline = await heapAfterGc();
      const t0 = Date.now();
      const clients = Array.from({ length: CLIENTS }, (_, i) => {
        const names = Array.from({ length: 10 }, (_, k) => `c${(i + k * 6) % CLUSTERS}`);
        return new SoakClient(channels[i % CHANNELS]!, `soak-${i}`, i % 2 === 0 ? "sotw" : "delta", behaviourOf(i), names);
      });
      await eventually(() => server.retained().storeSubscribers === CLIENTS, () => `${server.retained().storeSubscribers} of ${CLIENTS} streams open`);

      phase("connected", t0);
      const leavers = clients.filter((c) => c.behaviour === "leaves");
      for (let round = 0; round < ROUNDS; round++) {
        world.churn(round);
        // Leavers go one by one through the first half of the churn.
        const leaving = leavers[Math.floor((round * leavers.length * 2) / ROUNDS)];
        if (leaving !== undefined && round < ROUNDS / 2) leaving.leave();
        // Let the transport run between rounds, as a live control plane's changes arrive.
        await new Promise((r) => (round % 10 === 9 ? setTimeout(r, 5) : setImmediate(r)));
      }
      for (const c of leavers) c.leave();
      const live = clients.filter((c) => c.behaviour !== "leaves");
      await eventually(() => server.retained().streams === live.length, () => `${server.retained().streams} streams, ${live.length} clients live`);
      phase("churned", t0);
      // Server memory at the end of churn: bounded by clients x resources, not by changes.
      const churned = await heapAfterGc();

      // The rejected configuration is fixed: NACKing clients accept from now on, and every
      // resource gets a new version (what they rejected is not re-sent unchanged).
      for (const c of live) c.stopRejecting();
      world.touchAll(ROUNDS);
      for (const c of live) if (c.behaviour === "never-reads") c.resume();
      const expected = world.state();
      await eventually(
        () => live.every((c) => c.converged(expected)),
        () => `not converged: ${live.filter((c) => !c.converged(expected)).map((c) => `${c.id} (${c.protocol}, ${c.behaviour}: ${c.diff(expected)})`).join(", ")}`,
        60_000 + CLIENTS * 200,
      );

      phase("converged", t0);
      const stats = server.stats();
      for (const c of live) c.leave();
      await eventually(() => server.retained().streams === 0, () => `${server.retained().streams} streams still open`);
      // Nothing of any client is kept: no stream, no store subscription, no type or name.
      expect(server.retained()).toEqual({ streams: 0, storeSubscribers: 0, types: 0, names: 0 });
      expect(Object.keys(stats.byType).sort()).toEqual([CLUSTER_TYPE, ENDPOINT_TYPE].sort());
      for (const channel of channels) channel.close();
      const after = await heapAfterGc();

      console.log(
        [
          `ADS soak: ${CLIENTS} clients (${live.length} to the end, ${leavers.length} left midway), ${ROUNDS} churn rounds, ${stats.responses} responses (${mib(stats.bytes)}) sent`,
          `  heap before clients ${mib(baseline.heap)} (+${mib(baseline.external)} external), end of churn ${mib(churned.heap)} (+${mib(churned.external)}), after all left ${mib(after.heap)} (+${mib(after.external)})`,
        ].join("\n"),
      );
      // Generous on purpose (the heap moves with V8's and grpc-js's own pools): what must
      // not come back is per-client or per-change state, which at these counts is tens of
      // MiB before the fixes (a never-reading client held every response written to it).
      expect(after.heap - baseline.heap).toBeLessThan(32 * 2 ** 20);
    } finally {
      for (const channel of channels) channel.close();
      await server.close(200);
    }
  },
  120_000 + CLIENTS * ROUNDS * 20,
);
