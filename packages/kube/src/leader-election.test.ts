import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientNodeApi } from "./client-node-api.js";
import { LeaderElector } from "./leader-election.js";
import { FakeApiServer } from "./testing/fake-api-server.js";
import { eventually, pause } from "./test-support.js";

const LEASE = { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "weft", namespace: "weft-system" } };
const TIMING = { leaseDurationMs: 2000, renewDeadlineMs: 1500, retryPeriodMs: 100 };

let server: FakeApiServer;
const electors: LeaderElector[] = [];

beforeEach(async () => {
  server = await FakeApiServer.start();
});
afterEach(async () => {
  await Promise.all(electors.splice(0).map((e) => e.stop()));
  await server.close();
});

function candidate(identity: string, opts: Partial<ConstructorParameters<typeof LeaderElector>[1]> = {}): LeaderElector {
  const e = new LeaderElector(clientNodeApi(server.kubeConfig(identity)), { namespace: "weft-system", name: "weft", identity, ...TIMING, ...opts });
  electors.push(e);
  return e.start();
}

/** Samples both candidates until stopped; records any moment both counted themselves leader. */
function watchForTwoLeaders(a: LeaderElector, b: LeaderElector) {
  let overlaps = 0;
  const timer = setInterval(() => {
    if (a.isLeader() && b.isLeader()) overlaps++;
  }, 2);
  return { stop: () => (clearInterval(timer), overlaps) };
}

describe("leader election over a Lease", () => {
  it("makes exactly one of two candidates leader, and the Lease names it", async () => {
    const a = candidate("replica-a");
    const b = candidate("replica-b");
    const sampler = watchForTwoLeaders(a, b);
    await eventually(() => expect([a.isLeader(), b.isLeader()].filter(Boolean)).toHaveLength(1));
    await pause(400); // several renewals
    expect(sampler.stop()).toBe(0);
    const leader = a.isLeader() ? a : b;
    expect(server.read(LEASE)?.spec).toMatchObject({ holderIdentity: leader.identity, leaseDurationSeconds: 2 });
    expect(leader.stats.renewals).toBeGreaterThan(0);
  });

  it("losing the race to create the Lease is a lost round, not an error: the loser follows", async () => {
    // Both candidates read "no Lease" before either creates it, so one create is refused
    // with 409 AlreadyExists: a contest lost, like a conflicting update.
    const errors: unknown[] = [];
    const racing = (identity: string) => {
      const api = clientNodeApi(server.kubeConfig(identity));
      let first = true;
      const blind = { ...api, getLease: async (namespace: string, name: string) => (first ? ((first = false), undefined) : api.getLease(namespace, name)) };
      const e = new LeaderElector(blind, { namespace: "weft-system", name: "weft", identity, ...TIMING, onError: (error) => errors.push(error) });
      electors.push(e);
      return e;
    };
    const a = racing("replica-a").start();
    await eventually(() => expect(a.isLeader()).toBe(true));
    const b = racing("replica-b").start();
    await pause(400); // b's blind create is refused, then it reads a's Lease
    expect(b.isLeader()).toBe(false);
    expect(errors).toEqual([]);
    expect(server.read(LEASE)?.spec).toMatchObject({ holderIdentity: "replica-a" });
  });

  it("tells subscribers when leadership starts and ends", async () => {
    const seen: boolean[] = [];
    const a = candidate("replica-a");
    a.subscribe((leading) => seen.push(leading));
    await eventually(() => expect(a.isLeader()).toBe(true));
    await a.stop();
    expect(a.isLeader()).toBe(false);
    expect(seen).toEqual([true, false]);
  });

  it("hands the Lease over on stop: the next candidate takes it without waiting for it to expire", async () => {
    // A 30 s Lease: without the hand-over, b would wait that long.
    const slow = { leaseDurationMs: 30_000, renewDeadlineMs: 20_000, retryPeriodMs: 100 };
    const a = candidate("replica-a", slow);
    await eventually(() => expect(a.isLeader()).toBe(true));
    const b = candidate("replica-b", slow);
    await pause(300);
    expect(b.isLeader()).toBe(false);
    const stoppedAt = Date.now();
    await a.stop();
    await eventually(() => expect(b.isLeader()).toBe(true), 15_000);
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
    expect(server.read(LEASE)?.spec).toMatchObject({ holderIdentity: "replica-b", leaseTransitions: 1 });
  });

  it("a leader cut off from the API server stops leading before another can start", async () => {
    const a = candidate("replica-a");
    await eventually(() => expect(a.isLeader()).toBe(true));
    const b = candidate("replica-b");
    const sampler = watchForTwoLeaders(a, b);
    const leadingOfA: boolean[] = [];
    a.subscribe((leading) => leadingOfA.push(leading));
    server.inject({ user: "replica-a", status: 503, reason: "ServiceUnavailable", times: 1_000_000 });
    await eventually(() => expect(a.isLeader()).toBe(false));
    // Its own clock says so at once; its subscribers hear it when the renew deadline passes.
    await eventually(() => expect(leadingOfA).toEqual([false]));
    await eventually(() => expect(b.isLeader()).toBe(true));
    expect(sampler.stop()).toBe(0);
    // Reconnected, a finds b holding the Lease and stays a follower.
    server.clearFaults();
    await pause(300);
    expect(a.isLeader()).toBe(false);
    expect(b.isLeader()).toBe(true);
    expect(a.stats.lost).toBe(1);
  });

  it("steps down at once when the Lease shows another holder", async () => {
    const a = candidate("replica-a");
    await eventually(() => expect(a.isLeader()).toBe(true));
    const lease = server.read(LEASE)!;
    server.apply({ ...lease, spec: { ...(lease.spec as object), holderIdentity: "intruder", renewTime: new Date().toISOString() } });
    await eventually(() => expect(a.isLeader()).toBe(false));
    expect(server.read(LEASE)?.spec).toMatchObject({ holderIdentity: "intruder" });
  });

  it("rejects timings where the renew deadline outlasts the lease", () => {
    const api = clientNodeApi(server.kubeConfig());
    expect(() => new LeaderElector(api, { namespace: "n", name: "l", identity: "i", leaseDurationMs: 1000, renewDeadlineMs: 1000 })).toThrow(/renewDeadlineMs/);
  });
});
