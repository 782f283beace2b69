/**
 * The krt-controllers workload at 1k, 10k and 100k pods (50 services, 2 namespaces),
 * for @weft/krt and the bare-map hand-written controller, each in its own process,
 * interleaved over --rounds rounds (default 3, or WEFT_BENCH_ROUNDS). Per size and
 * implementation: initial sync time, median cost of one pod update, GC pause time per
 * update (pauses, from node's gc entries), and heap bytes per pod, in total (pods
 * included) and net of the data itself (pods and workloads as plain objects). "µs/update"
 * is the median of batches of 100 writes, which leaves most GC pauses out; "mean" is
 * total time over updates, which keeps them in.
 *
 * Growth from 1k to 100k cannot be flat for anyone: big maps miss the CPU caches and a
 * bigger heap makes GC dearer, whatever the engine (the bare-map controller grows
 * several-fold too). So the figure that speaks for the engine is the ratio to the
 * hand-written controller at the same size, taken per round. The last line is
 * `krt/handwritten at 100k: X`.
 *
 * Options: --rounds N; --updates N (default 20000) pod updates measured per size.
 */
import { collection, filter, index, staticCollection } from "@weft/krt";
import { handwrittenController } from "./lib/controllers/handwritten.js";
import { seededRandom } from "@weft/krt/conformance";
import { gcTimer } from "./lib/gc-time.js";
import { childSubject, column, fmtSpread, perRoundRatios, reportFigures, roundsArg, runIsolated, type Figures } from "./lib/isolated.js";
import { makePod, makeService, selectsNonEmpty, type Pod, type Service, type Workload } from "./lib/pods-workload.js";
import { collectGarbage, median, numberArg, table, timeMs } from "./lib/stats.js";

const SIZES = [1_000, 10_000, 100_000];
const SERVICES = 50;
const BATCH = 100;

/** What each implementation offers: build from the initial pods, then single-pod writes. */
type Subject = (pods: Pod[], services: Service[]) => { set(pod: Pod): void; events(): number; drop(): void };

const subjects = new Map<string, Subject>([
  [
    "krt",
    (pods, services) => {
      const podCollection = staticCollection(pods, { name: "Pods" });
      const serviceCollection = staticCollection(services, { name: "Services" });
      const byNamespace = index(serviceCollection, (s) => [s.metadata.namespace]);
      const workloads = collection(
        podCollection,
        (ctx, pod): Workload => ({
          name: pod.metadata.name,
          namespace: pod.metadata.namespace,
          ip: pod.status.podIP,
          serviceNames: ctx.fetch(serviceCollection, filter.index(byNamespace, pod.metadata.namespace), filter.selectsNonEmpty(pod.metadata.labels)).map((s) => s.metadata.name),
        }),
        { name: "Workloads", key: (w) => `${w.namespace}/${w.name}` },
      );
      let events = 0;
      workloads.register(() => events++);
      return { set: (p) => podCollection.set(p), events: () => events, drop: () => undefined };
    },
  ],
  [
    "handwritten",
    (pods, services) => {
      let events = 0;
      const controller = handwrittenController(() => events++);
      for (const s of services) controller.setService(s);
      for (const p of pods) controller.setPod(p);
      return { set: (p) => controller.setPod(p), events: () => events, drop: () => undefined };
    },
  ],
]);

/** The same data held plainly: the floor no engine can go below. */
function plainData(pods: Pod[], services: Service[]) {
  const byKey = new Map<string, Workload>();
  for (const pod of pods) {
    const names = services.filter((s) => s.metadata.namespace === pod.metadata.namespace && selectsNonEmpty(s.spec.selector, pod.metadata.labels)).map((s) => s.metadata.name);
    byKey.set(`${pod.metadata.namespace}/${pod.metadata.name}`, { name: pod.metadata.name, namespace: pod.metadata.namespace, ip: pod.status.podIP, serviceNames: names });
  }
  return byKey;
}

const heap = () => process.memoryUsage().heapUsed;

/**
 * Holds what a heap figure must count. A local that is never read again is dead to V8
 * (bytecode liveness), so a full GC may collect it before the heap is read; a
 * module-level array that is read is always a root.
 */
const retained: unknown[] = [];

async function measure(subject: Subject, n: number, updates: number, seed: number): Promise<Figures> {
  const services = Array.from({ length: SERVICES }, (_, i) => makeService(i));
  retained.push(services);
  collectGarbage();
  const h0 = heap();
  const plainPods = Array.from({ length: n }, (_, i) => makePod(i));
  retained.push(plainPods, plainData(plainPods, services));
  collectGarbage();
  const plainBytes = heap() - h0;
  retained.length = 1; // services only
  collectGarbage();
  // Both figures count the pods: plainBytes holds pods and workloads, and so does the
  // implementation's (h1 is read before the pods exist).
  const h1 = heap();
  let built!: ReturnType<Subject>;
  let syncMs: number;
  {
    const pods = Array.from({ length: n }, (_, i) => makePod(i));
    syncMs = timeMs(() => (built = subject(pods, services)));
  }
  retained.push(built);
  collectGarbage();
  const bytes = heap() - h1;
  if (retained.length !== 2) throw new Error("heap figures lost what they had to count");

  const random = seededRandom(seed);
  const samples: number[] = [];
  let totalMs = 0;
  const gc = gcTimer();
  for (let done = 0; done < updates; done += BATCH) {
    const batchPods = Array.from({ length: BATCH }, () => makePod(Math.floor(random() * n)));
    const ms = timeMs(() => {
      for (const p of batchPods) built.set(p);
    });
    samples.push((ms * 1000) / BATCH);
    totalMs += ms;
  }
  const gcMs = await gc.stop();
  if (built.events() < n) throw new Error(`expected at least ${n} workload events, saw ${built.events()}`);
  built.drop();
  retained.length = 0;
  return { syncMs, updateUs: median(samples), meanUs: (totalMs * 1000) / updates, gcUsPerUpdate: (gcMs * 1000) / updates, bytesPerPod: bytes / n, overheadPerPod: (bytes - plainBytes) / n };
}

async function child(name: string, updates: number): Promise<void> {
  const subject = subjects.get(name);
  if (subject === undefined) throw new Error(`unknown implementation ${name}`);
  if (!collectGarbage()) throw new Error("run with node --expose-gc for heap figures (pnpm bench does)");
  await measure(subject, 1000, 30000, 1); // warm up the code paths before any figure counts
  const figures: Figures = {};
  for (const n of SIZES) {
    const f = await measure(subject, n, updates, n);
    for (const [k, v] of Object.entries(f)) figures[`${n}.${k}`] = v;
    collectGarbage();
  }
  reportFigures(figures);
}

export default async function main(args: string[]): Promise<void> {
  const updates = numberArg(args, "updates", 20000);
  const name = childSubject(args);
  if (name !== undefined) return child(name, updates);
  const rounds = roundsArg(args);
  const results = runIsolated(args, [...subjects.keys()], rounds);
  const krt = results.get("krt")!;
  const hand = results.get("handwritten")!;
  console.log(`krt-scale: ${SERVICES} services, ${updates} single-pod updates per size; each implementation in its own process, ${rounds} interleaved rounds`);
  console.log("figures: median [min-max] over rounds; ratios taken within each round");
  table(
    ["pods", "implementation", "initial sync ms", "µs/update", "mean µs/update", "GC µs/update", "heap bytes/pod", "beyond plain data"],
    SIZES.flatMap((n) =>
      [...results].map(([impl, r]) => [n, impl, fmtSpread(column(r, `${n}.syncMs`), 1), fmtSpread(column(r, `${n}.updateUs`), 2), fmtSpread(column(r, `${n}.meanUs`), 2), fmtSpread(column(r, `${n}.gcUsPerUpdate`), 2), fmtSpread(column(r, `${n}.bytesPerPod`), 0), fmtSpread(column(r, `${n}.overheadPerPod`), 0)]),
    ),
  );
  const extra = SIZES.map((n) => krt.map((f, i) => f[`${n}.bytesPerPod`]! - hand[i]![`${n}.bytesPerPod`]!));
  console.log(`krt bytes/pod beyond the hand-written controller's: ${SIZES.map((n, i) => `${n / 1000}k ${fmtSpread(extra[i]!, 0)}`).join(", ")}`);
  const growth = (r: Figures[]) => r.map((f) => f["100000.updateUs"]! / f["1000.updateUs"]!);
  console.log(`handwritten per-update growth 1k->100k: ${fmtSpread(growth(hand), 2)}`);
  console.log(`krt per-update growth 1k->100k: ${fmtSpread(growth(krt), 2)}`);
  for (const n of SIZES.slice(0, -1)) console.log(`krt/handwritten at ${n / 1000}k: ${fmtSpread(perRoundRatios(krt, hand, `${n}.updateUs`), 2)}`);
  console.log(`krt/handwritten at 100k: ${fmtSpread(perRoundRatios(krt, hand, "100000.updateUs"), 2)}`);
}
