/**
 * The krt-controllers workload at 1k, 10k and 100k pods (50 services, 2 namespaces):
 * initial sync time, median cost of one pod update, and heap bytes per pod, in total
 * and net of the data itself (pods and workloads as plain objects). For reference it
 * also times the hand-written controller at each size: big maps miss the CPU caches
 * and a bigger heap makes GC dearer, whatever the engine. The last line is
 * `per-update growth 1k->100k: X` (krt's median update cost at 100k / at 1k).
 *
 * Options: --runs N (default 3) repeats each size in a fresh graph and reports the
 * median of the runs; --updates N (default 20000) pod updates measured per run.
 */
import { collection, dispose, filter, index, staticCollection } from "@weft/krt";
import { handwrittenController } from "./lib/controllers/handwritten.js";
import { makePod, makeService, selectsNonEmpty, type Pod, type Service, type Workload } from "./lib/pods-workload.js";
import { collectGarbage, fmt, median, numberArg, table, timeMs } from "./lib/stats.js";

const SIZES = [1_000, 10_000, 100_000];
const SERVICES = 50;
const BATCH = 100;

function buildGraph(pods: Pod[], services: Service[]) {
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
  return { podCollection, serviceCollection, workloads, events: () => events };
}

/** The same data held plainly: the floor no engine can go below. */
function plainData(pods: Pod[], services: Service[]) {
  const byKey = new Map<string, Workload>();
  for (const pod of pods) {
    const names = services.filter((s) => s.metadata.namespace === pod.metadata.namespace && selectsNonEmpty(s.spec.selector, pod.metadata.labels)).map((s) => s.metadata.name);
    byKey.set(`${pod.metadata.namespace}/${pod.metadata.name}`, { name: pod.metadata.name, namespace: pod.metadata.namespace, ip: pod.status.podIP, serviceNames: names });
  }
  return byKey;
}

/** Median µs per update over random pods, in batches of BATCH writes. */
function updateCost(n: number, updates: number, set: (pod: Pod) => void): number {
  const samples: number[] = [];
  for (let done = 0; done < updates; done += BATCH) {
    const batchPods = Array.from({ length: BATCH }, () => makePod(Math.floor(Math.random() * n)));
    const ms = timeMs(() => {
      for (const p of batchPods) set(p);
    });
    samples.push((ms * 1000) / BATCH);
  }
  return median(samples);
}

function handwrittenCost(n: number, updates: number): number {
  const controller = handwrittenController(() => {});
  for (let i = 0; i < SERVICES; i++) controller.setService(makeService(i));
  for (let i = 0; i < n; i++) controller.setPod(makePod(i));
  return updateCost(n, updates, (p) => controller.setPod(p));
}

interface Run {
  syncMs: number;
  updateUs: number;
  handwrittenUs: number;
  bytesPerPod: number;
  overheadPerPod: number;
}

function measure(n: number, updates: number): Run {
  const services = Array.from({ length: SERVICES }, (_, i) => makeService(i));
  collectGarbage();
  const h0 = process.memoryUsage().heapUsed;
  const pods = Array.from({ length: n }, (_, i) => makePod(i));
  const plain = plainData(pods, services);
  collectGarbage();
  const plainBytes = process.memoryUsage().heapUsed - h0;
  plain.clear();

  collectGarbage();
  const h1 = process.memoryUsage().heapUsed;
  let graph!: ReturnType<typeof buildGraph>;
  const syncMs = timeMs(() => {
    graph = buildGraph(pods, services);
  });
  pods.length = 0; // the static collection holds them now
  collectGarbage();
  const graphBytes = process.memoryUsage().heapUsed - h1;

  const updateUs = updateCost(n, updates, (p) => graph.podCollection.set(p));
  if (graph.events() < n) throw new Error(`expected at least ${n} workload events, saw ${graph.events()}`);
  const result = { syncMs, updateUs, bytesPerPod: graphBytes / n, overheadPerPod: (graphBytes - plainBytes) / n };
  dispose(graph.podCollection);
  dispose(graph.serviceCollection);
  collectGarbage();
  return { ...result, handwrittenUs: handwrittenCost(n, updates) };
}

export default function main(args: string[]): void {
  const runs = numberArg(args, "runs", 3);
  const updates = numberArg(args, "updates", 20000);
  if (!collectGarbage()) console.log("note: run with node --expose-gc for heap figures (pnpm bench does)");
  measure(1000, 30000); // warm up the code paths (both controllers) before any figure counts
  const rows: Run[] = [];
  for (const n of SIZES) {
    const perRun = Array.from({ length: runs }, () => measure(n, updates));
    rows.push({
      syncMs: median(perRun.map((r) => r.syncMs)),
      updateUs: median(perRun.map((r) => r.updateUs)),
      handwrittenUs: median(perRun.map((r) => r.handwrittenUs)),
      bytesPerPod: median(perRun.map((r) => r.bytesPerPod)),
      overheadPerPod: median(perRun.map((r) => r.overheadPerPod)),
    });
  }
  console.log(`krt-scale: ${SERVICES} services, medians of ${runs} runs, ${updates} single-pod updates per run`);
  table(
    ["pods", "initial sync ms", "krt µs/update", "handwritten µs/update", "heap bytes/pod", "engine overhead bytes/pod"],
    SIZES.map((n, i) => [n, fmt(rows[i]!.syncMs, 1), fmt(rows[i]!.updateUs, 2), fmt(rows[i]!.handwrittenUs, 2), fmt(rows[i]!.bytesPerPod, 0), fmt(rows[i]!.overheadPerPod, 0)]),
  );
  console.log(`handwritten per-update growth 1k->100k: ${fmt(rows[2]!.handwrittenUs / rows[0]!.handwrittenUs, 2)}`);
  console.log(`per-update growth 1k->100k: ${fmt(rows[2]!.updateUs / rows[0]!.updateUs, 2)}`);
}
