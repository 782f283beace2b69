/**
 * Which CPU a round's child processes run on. On the 2-core VMs this project is
 * measured on, the same child ran at half speed on one core and full speed on the
 * other (handwritten: 1.00 ms an iteration on cpu0, 0.52 on cpu1, for hours), and the
 * kernel placed each child on either: a per-round ratio could compare a process on the
 * slow core with one on the fast core. So every child of a round runs pinned (with
 * `taskset`) to the same CPU, and the rounds take the CPUs in turn, so every core's
 * speed shows up in the spread instead of inside a ratio.
 *
 * `taskset` pins every thread of a child, V8's concurrent marking and compiling threads
 * too, so a pinned child has one core where in use it would have all of them: its
 * background work takes time from the measured thread. That is fair between subjects
 * measured in the same round, but it distorts an absolute latency (krt-policies'
 * worst edit: 8.2 ms pinned, 4.9 ms unpinned, medians of 10 rounds each in the same
 * hour). So the default is to pin only a run that compares subjects within a round;
 * a benchmark of one subject runs its children unpinned.
 *
 * WEFT_BENCH_PIN=1 pins and WEFT_BENCH_PIN=0 does not, whatever the default; without
 * `taskset` (not Linux, or util-linux absent) children run unpinned, and the run says so.
 */
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";

export interface Pinning {
  /** The command prefix that runs a child of `round` on its CPU ([] when unpinned). */
  prefix(round: number): string[];
  /** One line for the report: how children were placed. */
  readonly description: string;
}

function hasTaskset(): boolean {
  const probe = spawnSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
  return probe.status === 0;
}

/** The CPUs this process may run on, as `taskset -p` reports them; undefined if unknown. */
function allowedCpus(): number[] | undefined {
  const out = spawnSync("taskset", ["-c", "-p", String(process.pid)], { encoding: "utf8" });
  const list = /:\s*([0-9,\-\s]+)$/.exec(out.stdout?.trim() ?? "")?.[1];
  if (list === undefined) return undefined;
  return parseCpuList(list);
}

/** `0-2,5` to [0, 1, 2, 5]; undefined for anything else. */
export function parseCpuList(list: string): number[] | undefined {
  const cpus: number[] = [];
  for (const part of list.split(",").map((p) => p.trim())) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (m === null) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from || to - from > 4096) return undefined;
    for (let c = from; c <= to; c++) cpus.push(c);
  }
  return cpus.length > 0 ? cpus : undefined;
}

/**
 * How a run's children are placed. `comparing`: the run takes ratios between subjects
 * measured in the same round, which is when pinning is the default.
 */
export function choosePinning(env: NodeJS.ProcessEnv = process.env, comparing = true): Pinning {
  const unpinned = (why: string): Pinning => ({ prefix: () => [], description: `children unpinned (${why})` });
  if (env.WEFT_BENCH_PIN === "0") return unpinned("WEFT_BENCH_PIN=0");
  if (env.WEFT_BENCH_PIN !== "1" && !comparing) return unpinned("one subject: every core, as in use; WEFT_BENCH_PIN=1 pins");
  if (process.platform !== "linux" || !hasTaskset()) return unpinned("no taskset");
  const cpus = allowedCpus() ?? Array.from({ length: availableParallelism() }, (_, i) => i);
  return {
    prefix: (round) => ["taskset", "-c", String(cpus[round % cpus.length])],
    description: `each round's children pinned to one CPU, rounds rotating over CPUs ${cpus.join(",")}`,
  };
}
