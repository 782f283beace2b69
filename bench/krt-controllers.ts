/**
 * Istio's krt BenchmarkControllers workload, three ways in one process: @weft/krt, a
 * hand-written incremental controller, and TanStack db-ivm. Each iteration replaces
 * all 1,000 pods with new IPs, one write at a time, and counts the 1,000 workload
 * events. Prints the median ms per iteration and the ratios; the last line is
 * `krt/handwritten: X` against the strictest baseline: a hand-written controller
 * whose workload comparison is specialised to its fields. The like-for-like ratio
 * (both sides comparing with a generic deep equality, as Istio's Go baseline does
 * with reflect.DeepEqual) is printed just before it.
 *
 * Options: --rounds N (default 7), --iterations N per round (default 20).
 */
import { dbIvmController } from "./lib/controllers/db-ivm.js";
import { handwrittenController } from "./lib/controllers/handwritten.js";
import { krtController } from "./lib/controllers/krt.js";
import { makePod, makeService, type Controller, type Pod } from "./lib/pods-workload.js";
import { fmt, median, numberArg, table, timeMs } from "./lib/stats.js";

const PODS = 1000;
const SERVICES = 50;

type Factory = (onEvent: () => void) => Controller;

const implementations: [string, Factory][] = [
  ["krt", krtController],
  ["handwritten", (onEvent) => handwrittenController(onEvent, true)],
  ["handwritten-generic-equal", (onEvent) => handwrittenController(onEvent, false)],
  ["db-ivm", dbIvmController],
];

interface Subject {
  name: string;
  controller: Controller;
  events: { n: number };
  samples: number[];
}

function setUp(name: string, make: Factory): Subject {
  const events = { n: 0 };
  const controller = make(() => events.n++);
  for (let i = 0; i < PODS; i++) controller.setPod(makePod(i));
  for (let i = 0; i < SERVICES; i++) controller.setService(makeService(i));
  if (controller.workloadCount() !== PODS) throw new Error(`${name}: ${controller.workloadCount()} workloads after setup, want ${PODS}`);
  return { name, controller, events, samples: [] };
}

function iteration(subject: Subject, pods: Pod[]): number {
  subject.events.n = 0;
  const ms = timeMs(() => {
    for (const pod of pods) subject.controller.setPod(pod);
  });
  if (subject.events.n !== PODS) throw new Error(`${subject.name}: ${subject.events.n} events in an iteration, want ${PODS}`);
  return ms;
}

export default function main(args: string[]): void {
  const rounds = numberArg(args, "rounds", 7);
  const perRound = numberArg(args, "iterations", 20);
  const subjects = implementations.map(([name, make]) => setUp(name, make));
  const freshPods = () => Array.from({ length: PODS }, (_, i) => makePod(i));
  // Warm up every implementation before measuring any.
  for (const s of subjects) for (let i = 0; i < 5; i++) iteration(s, freshPods());
  // Rounds interleave the implementations so machine noise spreads over all of them.
  for (let r = 0; r < rounds; r++) {
    for (const s of subjects) {
      for (let i = 0; i < perRound; i++) s.samples.push(iteration(s, freshPods()));
    }
  }
  const medians = new Map(subjects.map((s) => [s.name, median(s.samples)]));
  console.log(`krt-controllers: ${PODS} pods, ${SERVICES} services, ${rounds}x${perRound} iterations each`);
  table(
    ["implementation", "median ms/iteration", "µs/pod update"],
    subjects.map((s) => [s.name, fmt(medians.get(s.name)!), fmt((medians.get(s.name)! * 1000) / PODS, 2)]),
  );
  const krt = medians.get("krt")!;
  const hand = medians.get("handwritten")!;
  const generic = medians.get("handwritten-generic-equal")!;
  const ivm = medians.get("db-ivm")!;
  console.log(`db-ivm/krt: ${fmt(ivm / krt, 2)}`);
  console.log(`db-ivm/handwritten: ${fmt(ivm / hand, 2)}`);
  console.log(`krt/handwritten-generic-equal: ${fmt(krt / generic, 2)}`);
  console.log(`krt/handwritten: ${fmt(krt / hand, 2)}`);
}
