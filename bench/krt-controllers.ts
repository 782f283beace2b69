/**
 * Istio's krt BenchmarkControllers workload: 1,000 pods, 50 services; each iteration
 * replaces all pods with new IPs, one write at a time, and counts the 1,000 workload
 * events. Implementations:
 *  - krt: @weft/krt, as a user would write it;
 *  - handwritten: bare maps, workloads compared field by field, no input equality and
 *    no event objects: the hardest baseline, and the headline ratio's denominator;
 *  - handwritten-contract: what krt's contract requires (input and output equality by
 *    generic deep equality, real event objects): the like-for-like baseline;
 *  - handwritten-generic-equal: bare maps with a generic deep equality on the output
 *    (Istio's Go baseline uses reflect.DeepEqual);
 *  - alien-signals: one signal/computed/effect per pod, a second anchor;
 *  - db-ivm: TanStack db-ivm, a selector join run once per iteration (batched).
 *
 * Each implementation runs in its own process (no one pays for another's garbage),
 * interleaved over --rounds rounds (default 3, or WEFT_BENCH_ROUNDS); ratios are taken
 * per round and printed as median [min-max]. The last line is `krt/handwritten: X`.
 *
 * Options: --rounds N, --iterations N measured per process (default 300, after 10 warm-up: at 30, about 30 ms per process, the ratios spread from 1.2 to 4.4 between rounds).
 */
import { alienSignalsController } from "./lib/controllers/alien-signals.js";
import { dbIvmController } from "./lib/controllers/db-ivm.js";
import { handwrittenContractController } from "./lib/controllers/handwritten-contract.js";
import { handwrittenController } from "./lib/controllers/handwritten.js";
import { krtController } from "./lib/controllers/krt.js";
import { childSubject, column, fmtSpread, perRoundRatios, reportFigures, roundsArg, runIsolated } from "./lib/isolated.js";
import { makePod, makeService, type Controller, type Pod } from "./lib/pods-workload.js";
import { median, numberArg, table, timeMs } from "./lib/stats.js";

const PODS = 1000;
const SERVICES = 50;
const WARM_UP = 10;

type Factory = (onEvent: () => void) => Controller;

const implementations = new Map<string, Factory>([
  ["krt", krtController],
  ["handwritten", (onEvent) => handwrittenController(onEvent, true)],
  ["handwritten-contract", handwrittenContractController],
  ["handwritten-generic-equal", (onEvent) => handwrittenController(onEvent, false)],
  ["alien-signals", alienSignalsController],
  ["db-ivm", dbIvmController],
]);

function measureOne(name: string, make: Factory, iterations: number): number {
  const events = { n: 0 };
  const controller = make(() => events.n++);
  for (let i = 0; i < PODS; i++) controller.setPod(makePod(i));
  for (let i = 0; i < SERVICES; i++) controller.setService(makeService(i));
  controller.flush?.();
  if (controller.workloadCount() !== PODS) throw new Error(`${name}: ${controller.workloadCount()} workloads after setup, want ${PODS}`);
  const samples: number[] = [];
  for (let it = 0; it < WARM_UP + iterations; it++) {
    const pods: Pod[] = Array.from({ length: PODS }, (_, i) => makePod(i));
    events.n = 0;
    const ms = timeMs(() => {
      for (const pod of pods) controller.setPod(pod);
      controller.flush?.();
    });
    if (events.n !== PODS) throw new Error(`${name}: ${events.n} events in an iteration, want ${PODS}`);
    if (it >= WARM_UP) samples.push(ms);
  }
  return median(samples);
}

export default function main(args: string[]): void {
  const iterations = numberArg(args, "iterations", 300);
  const subject = childSubject(args);
  if (subject !== undefined) {
    const make = implementations.get(subject);
    if (make === undefined) throw new Error(`unknown implementation ${subject}`);
    reportFigures({ ms: measureOne(subject, make, iterations) });
    return;
  }
  const rounds = roundsArg(args);
  const names = [...implementations.keys()];
  const results = runIsolated(args, names, rounds);
  console.log(`krt-controllers: ${PODS} pods, ${SERVICES} services; each implementation in its own process, ${rounds} interleaved rounds, median of ${iterations} iterations per process`);
  console.log("figures: median [min-max] over rounds; ratios taken within each round");
  table(
    ["implementation", "ms/iteration", "µs/pod update", "krt/this"],
    names.map((n) => {
      const ms = column(results.get(n)!, "ms");
      return [n, fmtSpread(ms), fmtSpread(ms.map((v) => (v * 1000) / PODS), 2), n === "krt" ? "-" : fmtSpread(perRoundRatios(results.get("krt")!, results.get(n)!, "ms"), 2)];
    }),
  );
  const ratio = (a: string, b: string) => fmtSpread(perRoundRatios(results.get(a)!, results.get(b)!, "ms"), 2);
  console.log("db-ivm note: db-ivm runs its graph once per 1,000-write iteration (batched); the others propagate every write as it happens");
  console.log(`db-ivm/krt: ${ratio("db-ivm", "krt")}`);
  console.log(`alien-signals/krt: ${ratio("alien-signals", "krt")}`);
  console.log(`alien-signals/handwritten: ${ratio("alien-signals", "handwritten")}`);
  console.log(`krt/alien-signals: ${ratio("krt", "alien-signals")}`);
  console.log(`krt/handwritten-generic-equal: ${ratio("krt", "handwritten-generic-equal")}`);
  console.log(`krt/handwritten-contract: ${ratio("krt", "handwritten-contract")}`);
  console.log(`krt/handwritten: ${ratio("krt", "handwritten")}`);
}
