/**
 * Chaos: an informer and a status writer against the fake API server while it breaks in
 * every way this package claims to survive (dropped and ended watches, 410s on watch
 * events, on watch requests and in the middle of paginated lists, 500s on every kind of
 * request, cut connections, write responses lost after the write landed, malformed
 * watch events, watches that never answer), interleaved with changes to the objects and
 * to the desired statuses. After each round the faults stop, and then:
 *
 * - the informer holds exactly the server's objects, at the server's resourceVersions;
 * - every object's latest status is on the server, and was written exactly once.
 *
 * Each epoch has its own seed and its own server, so a failing epoch can be replayed
 * alone: the failure message gives `KUBE_CHAOS_SEED=<seed> KUBE_CHAOS_EPOCHS=1`. (The
 * seed fixes what is done and broken, and in which order; the network's timing is real.)
 * `KUBE_CHAOS_EPOCHS` (default 200) sets how many epochs run; the test's timeout grows
 * with it. A summary of the faults injected (and how many hit a request) is printed.
 */
import { staticCollection, type StaticCollection } from "@weft/krt";
import { seededRandom } from "@weft/krt/conformance";
import { describe, expect, it } from "vitest";
import { clientNodeApi } from "./client-node-api.js";
import { informer, type Informer } from "./informer.js";
import type { RawObject } from "./reflector.js";
import { resourceOf } from "./resources.js";
import { StatusWriter, type StatusDocumentLike, type WriteReport } from "./status-writer.js";
import { FakeApiServer, type Malformation, type StoredObject } from "./testing/fake-api-server.js";
import { errorRecorder, eventually, type ToldError } from "./test-support.js";

const EPOCHS = Math.max(1, Number(process.env.KUBE_CHAOS_EPOCHS ?? "200") || 200);
const BASE_SEED = Number(process.env.KUBE_CHAOS_SEED ?? "20261206") >>> 0;
/** Per epoch, generously: an epoch normally takes well under a tenth of this. */
const EPOCH_BUDGET_MS = 2_000;

const ROUTES = resourceOf("HTTPRoute.gateway.networking.k8s.io");
const API_VERSION = "gateway.networking.k8s.io/v1";
const NS = "chaos";
const ME = "example.com/chaos-controller";
/** Routes whose statuses the writer keeps; the chaos changes their specs but never deletes them. */
const STATUSED = ["s0", "s1", "s2"] as const;
/** Routes the chaos creates, changes and deletes. */
const OTHERS = ["x0", "x1", "x2", "x3", "x4", "x5"] as const;
const ROUNDS_PER_EPOCH = 2;
const STEPS_PER_ROUND = 14;

class Dice {
  constructor(readonly random: () => number) {}
  int(below: number): number {
    return Math.floor(this.random() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
}

const route = (name: string, generation: number): StoredObject => ({
  apiVersion: API_VERSION,
  kind: "HTTPRoute",
  metadata: { name, namespace: NS, labels: { gen: String(generation) } },
  spec: { parentRefs: [{ name: "gw" }], hostnames: [`h${generation}.example.com`] },
});

const statusDoc = (name: string, marker: string): StatusDocumentLike => ({
  apiVersion: API_VERSION,
  kind: "HTTPRoute",
  metadata: { name, namespace: NS },
  status: { parents: [{ parentRef: { name: "gw" }, controllerName: ME, conditions: [{ type: "Accepted", status: "True", reason: marker, message: "" }] }] },
});

const markerOf = (status: unknown): string | undefined =>
  (status as { parents?: { conditions?: { reason?: string }[] }[] } | undefined)?.parents?.[0]?.conditions?.[0]?.reason;

/** Faults injected, by type, and how many of them hit a request. */
type Tally = Map<string, { injected: number; hit: number }>;

interface Epoch {
  server: FakeApiServer;
  dice: Dice;
  tally: Tally;
  /** Faults that hit only when a matching request comes; counted at the end of the round. */
  armed: { type: string; fault: { readonly used: number } }[];
}

function count(epoch: Epoch, type: string, hit = 1): void {
  const entry = epoch.tally.get(type) ?? { injected: 0, hit: 0 };
  entry.injected++;
  entry.hit += hit;
  epoch.tally.set(type, entry);
}

function arm(epoch: Epoch, type: string, fault: { readonly used: number }): void {
  epoch.armed.push({ type, fault });
}

/** One fault, chosen by the dice. */
function injectFault(epoch: Epoch): void {
  const { server, dice } = epoch;
  const path = "/httproutes";
  const relistSoon = () => {
    server.compact();
    server.dropWatches();
  };
  switch (dice.int(13)) {
    case 0:
      server.dropWatches();
      return count(epoch, "watch dropped");
    case 1:
      server.endWatches();
      return count(epoch, "watch ended cleanly");
    case 2:
      relistSoon(); // the resume is answered with an ERROR 410 event
      return count(epoch, "410 on watch (compacted)");
    case 3:
      arm(epoch, "410 on watch request", server.inject({ method: "GET", path, watch: true, status: 410, reason: "Expired" }));
      return server.dropWatches();
    case 4:
      arm(epoch, "410 mid-list (continue expired)", server.inject({ method: "GET", path, continued: true, status: 410, reason: "Expired" }));
      return relistSoon();
    case 5:
      arm(epoch, "500 on list", server.inject({ method: "GET", path, watch: false, continued: dice.chance(0.5), status: 500, times: 1 + dice.int(3) }));
      if (dice.chance(0.5)) relistSoon();
      return;
    case 6:
      arm(epoch, "500 on watch request", server.inject({ method: "GET", path, watch: true, status: 500, times: 1 + dice.int(2) }));
      return server.dropWatches();
    case 7:
      arm(epoch, "list connection cut", server.inject({ method: "GET", path, watch: false, destroy: true }));
      return relistSoon();
    case 8:
      server.malformNextEvents(dice.pick<Malformation>(["garbage", "no-name", "unknown-type"]));
      return count(epoch, "malformed watch event");
    case 9:
      arm(epoch, "silent watch (never answers)", server.inject({ method: "GET", path, watch: true, delayMs: 60_000 }));
      return server.dropWatches();
    case 10:
      arm(epoch, "500 on status write", server.inject({ method: "PUT", path: "/status", status: dice.pick([500, 503]), times: 1 + dice.int(5) }));
      return;
    case 11:
      arm(epoch, "status write response lost (write landed)", server.inject({ method: "PUT", path: "/status", dropResponse: true }));
      return;
    default:
      arm(epoch, "500 on read", server.inject({ method: "GET", path: /\/httproutes\/[^/]+$/, watch: false, status: 500, times: 1 + dice.int(2) }));
  }
}

function settleTally(epoch: Epoch): void {
  for (const { type, fault } of epoch.armed) count(epoch, type, fault.used > 0 ? 1 : 0);
  epoch.armed = [];
}

interface Harness {
  inf: Informer<RawObject>;
  writer: StatusWriter<StatusDocumentLike>;
  statuses: StaticCollection<StatusDocumentLike>;
  problems: ToldError[];
  reports: WriteReport[];
}

function harness(server: FakeApiServer): Harness {
  const { told: problems, onError } = errorRecorder();
  const reports: WriteReport[] = [];
  const inf = informer<RawObject>(clientNodeApi(server.kubeConfig("informer")), ROUTES, {
    pageSize: 2,
    backoff: { initialMs: 1, maxMs: 10 },
    watchTimeoutSeconds: 30,
    watchStallMs: 60,
    onError,
  }).start();
  const statuses = staticCollection<StatusDocumentLike>([], { key: (d) => d.metadata.name });
  const writer = new StatusWriter<StatusDocumentLike>({
    api: clientNodeApi(server.kubeConfig("writer")),
    statuses,
    controllerName: ME,
    current: (d) => inf.collection.get(`${NS}/${d.metadata.name}`),
    maxAttempts: 2,
    backoff: { initialMs: 1, maxMs: 8 },
    onWrite: (r) => reports.push(r),
  }).start();
  return { inf, writer, statuses, problems, reports };
}

/** The server's routes, by key, at their resourceVersions. */
function serverState(server: FakeApiServer): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const name of [...STATUSED, ...OTHERS]) {
    const found = server.read(route(name, 0));
    if (found !== undefined) out.set(`${NS}/${name}`, found.metadata.resourceVersion);
  }
  return out;
}

function informerState(inf: Informer<RawObject>): Map<string, string | undefined> {
  return new Map(inf.collection.list().map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o.metadata.resourceVersion]));
}

async function runRound(epoch: Epoch, h: Harness, round: string): Promise<void> {
  const { server, dice } = epoch;
  let generation = 0;
  // Each statused route gets its final status at a random step, then no other.
  const finalAt = new Map(STATUSED.map((name) => [name, dice.int(STEPS_PER_ROUND)]));
  for (let step = 0; step < STEPS_PER_ROUND; step++) {
    const what = dice.int(10);
    if (what < 4) injectFault(epoch);
    else if (what < 7) {
      const name = dice.pick(OTHERS);
      if (dice.chance(0.3)) server.remove(route(name, 0));
      else server.apply(route(name, ++generation));
    } else if (what < 8) {
      // A spec change to a statused route (its status is kept, its resourceVersion moves: conflicts).
      const name = dice.pick(STATUSED);
      const current = server.read(route(name, 0))!;
      server.apply({ ...current, spec: route(name, ++generation).spec });
    } else {
      const name = dice.pick(STATUSED);
      if (finalAt.get(name)! > step) h.statuses.set(statusDoc(name, `${round}-intermediate-${step}`));
    }
    for (const [name, at] of finalAt) if (at === step) h.statuses.set(statusDoc(name, `${round}-final`));
    if (dice.chance(0.6)) await new Promise((resolve) => setTimeout(resolve, dice.int(4)));
    else await new Promise((resolve) => setImmediate(resolve));
  }

  // Heal, then check.
  server.clearFaults();
  settleTally(epoch);
  await eventually(() => expect(informerState(h.inf)).toEqual(serverState(server)), EPOCH_BUDGET_MS);
  await h.writer.idle();
  for (const name of STATUSED) {
    const path = `${NS}/${name}`;
    expect(markerOf(server.read(route(name, 0))!.status), `status of ${path}`).toBe(`${round}-final`);
    const writes = server.statusUpdates.filter((u) => u.path === path && markerOf(u.status) === `${round}-final`);
    expect(writes, `writes of ${path}'s final status`).toHaveLength(1);
  }
}

async function runEpoch(seed: number, tally: Tally): Promise<void> {
  const server = await FakeApiServer.start({ resources: [ROUTES] });
  const epoch: Epoch = { server, dice: new Dice(seededRandom(seed)), tally, armed: [] };
  for (const name of STATUSED) server.apply(route(name, 0));
  for (const name of OTHERS) if (epoch.dice.chance(0.5)) server.apply(route(name, 0));
  const h = harness(server);
  try {
    await h.inf.waitUntilSynced();
    for (let round = 0; round < ROUNDS_PER_EPOCH; round++) await runRound(epoch, h, `r${round}`);
  } finally {
    await h.writer.stop();
    await h.inf.stop();
    await server.close();
  }
}

describe("chaos", () => {
  it(
    `an informer and a status writer recover from random faults (${EPOCHS} seeded epochs): the informer equals the server, every latest status is written exactly once`,
    async () => {
      const tally: Tally = new Map();
      const started = Date.now();
      const cpu = process.cpuUsage();
      for (let i = 0; i < EPOCHS; i++) {
        const seed = (BASE_SEED + i) >>> 0;
        try {
          await runEpoch(seed, tally);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(`chaos epoch ${i} failed (replay: KUBE_CHAOS_SEED=${seed} KUBE_CHAOS_EPOCHS=1): ${message}`, { cause: error });
        }
      }
      const rows = [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([type, { injected, hit }]) => `  ${type}: ${injected} injected, ${hit} hit`);
      const total = [...tally.values()].reduce((sum, t) => sum + t.injected, 0);
      const { user, system } = process.cpuUsage(cpu);
      console.log(
        `chaos: ${EPOCHS} epochs (seeds ${BASE_SEED}..${BASE_SEED + EPOCHS - 1}), ${total} faults, ${Date.now() - started} ms (${Math.round((user + system) / 1000)} ms of CPU)\n${rows.join("\n")}`,
      );
      expect(total).toBeGreaterThan(0);
    },
    30_000 + EPOCHS * EPOCH_BUDGET_MS,
  );
});
