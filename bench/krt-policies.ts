/**
 * The workload of a report against Istio's krt (istio/istio#60366, 1.29.2: 500
 * AuthorizationPolicies and 10k pods stalled the controller for over 30 minutes).
 * 10k pods over 50 namespaces with three labels each; 500 policies selecting pods by
 * labels, 480 within their namespace and 20 mesh-wide (in the root namespace); a
 * derived collection per pod of the policies that apply to it, fetched through a
 * namespace index plus a selector filter.
 *
 * Measures the initial computation, then two phases of 100 policy edits and 100 pod
 * label edits applied one at a time: median and worst ms per edit, and how many pods
 * each edit recomputed beyond those its selector (old or new) can match: that must be 0.
 *
 * Three states of the code are measured. A throwaway graph takes 40 edits of each
 * kind first: their worst is a new process's, in code not yet optimised (a
 * controller's first edits after it starts). That warms the engine's code, but not for
 * the measured graph's own closures: V8 specialises optimised code to the functions it
 * calls (the transform, each collection's equality), so the first phase, the first
 * edits of a new graph, pays for deoptimisation and recompilation (a controller that
 * rebuilds its graph in a warm process). The second phase, on the same graph, is the
 * steady state a controller spends its days in, and its worst edit is the last line,
 * `worst edit ms: X`. Each round runs in its own process, unpinned: these are
 * absolute latencies, and pinned to one CPU V8's background threads would take theirs
 * from the edits (bench/README.md). Figures are median [min-max] over the rounds.
 * Options: --rounds N (default 3, or WEFT_BENCH_ROUNDS); --runs N measured graphs per
 * process (default 1).
 */
import { collection, dispose, filter, index, staticCollection, type StaticCollection } from "@weft/krt";
import { childSubject, column, fmtSpread, reportFigures, roundsArg, runIsolated, type Figures } from "./lib/isolated.js";
import { max, median, numberArg, table, timeMs } from "./lib/stats.js";

const PODS = 10_000;
const NAMESPACES = 50;
const POLICIES = 500;
const MESH_WIDE = 20;
const ROOT = "istio-system";
const EDITS = 100;

type Labels = Record<string, string>;
interface Pod {
  metadata: { name: string; namespace: string; labels: Labels };
}
interface Policy {
  metadata: { name: string; namespace: string };
  spec: { selector: { matchLabels: Labels }; action: string };
}
interface PodPolicies {
  key: string;
  policies: string[];
}

/** Pod i sits in ns-(i % 50); within a namespace, apps cycle through 20 values. */
function podLabels(i: number, salt = 0): Labels {
  const slot = Math.floor(i / NAMESPACES);
  return { app: `app-${(slot + salt) % 20}`, version: `v${slot % 3}`, tier: `tier-${slot % 4}` };
}

function makePod(i: number, salt = 0): Pod {
  return { metadata: { name: `pod-${i}`, namespace: `ns-${i % NAMESPACES}`, labels: podLabels(i, salt) } };
}

/** Policy j: mesh-wide ones select app+tier everywhere; the others app (and sometimes version) in one namespace. */
function makePolicy(j: number, salt = 0): Policy {
  const meshWide = j < MESH_WIDE;
  const app = `app-${(j * 7 + salt) % 20}`;
  const matchLabels: Labels = meshWide ? { app, tier: `tier-${j % 4}` } : j % 3 === 0 ? { app, version: `v${j % 3}` } : { app };
  return {
    metadata: { name: `policy-${j}`, namespace: meshWide ? ROOT : `ns-${j % NAMESPACES}` },
    spec: { selector: { matchLabels }, action: "ALLOW" },
  };
}

function selects(policy: Policy, pod: Pod): boolean {
  if (policy.metadata.namespace !== ROOT && policy.metadata.namespace !== pod.metadata.namespace) return false;
  return Object.entries(policy.spec.selector.matchLabels).every(([k, v]) => pod.metadata.labels[k] === v);
}

interface Graph {
  pods: StaticCollection<Pod>;
  policies: StaticCollection<Policy>;
  runs: Map<string, number>;
}

function build(): { graph: Graph; initialMs: number } {
  const runs = new Map<string, number>();
  let graph!: Graph;
  const initialMs = timeMs(() => {
    const pods = staticCollection(Array.from({ length: PODS }, (_, i) => makePod(i)), { name: "Pods" });
    const policies = staticCollection(Array.from({ length: POLICIES }, (_, j) => makePolicy(j)), { name: "AuthorizationPolicies" });
    const byNamespace = index(policies, (p) => [p.metadata.namespace]);
    collection(
      pods,
      (ctx, pod): PodPolicies => {
        const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
        runs.set(key, (runs.get(key) ?? 0) + 1);
        const local = ctx.fetch(policies, filter.index(byNamespace, pod.metadata.namespace), filter.selects(pod.metadata.labels));
        const meshWide = ctx.fetch(policies, filter.index(byNamespace, ROOT), filter.selects(pod.metadata.labels));
        return { key, policies: [...meshWide, ...local].map((p) => `${p.metadata.namespace}/${p.metadata.name}`) };
      },
      { name: "PodPolicies", key: (x) => x.key },
    );
    graph = { pods, policies, runs };
  });
  return { graph, initialMs };
}

interface Edit {
  ms: number;
  recomputed: number;
  allowed: number;
  /** Minor page faults during the edit: first touches of memory the heap just grew into. */
  faults: number;
}

/** Times `write`, counting the minor page faults it takes. */
function timedEdit(write: () => void): { ms: number; faults: number } {
  const before = process.resourceUsage().minorPageFault;
  const ms = timeMs(write);
  return { ms, faults: process.resourceUsage().minorPageFault - before };
}

function totalRuns(runs: Map<string, number>): number {
  let n = 0;
  for (const v of runs.values()) n += v;
  return n;
}

/** Edits policy j; every fifth edit is a mesh-wide policy. */
function policyEdit(g: Graph, step: number): Edit {
  const j = step % 5 === 0 ? step % MESH_WIDE : MESH_WIDE + ((step * 37) % (POLICIES - MESH_WIDE));
  const before = g.policies.get(`${makePolicy(j).metadata.namespace}/policy-${j}`)!;
  // A salt in 1..19 (20 would restore the original selector) that differs between
  // two edits of the same policy, so no edit is a no-op.
  const after = makePolicy(j, (Math.floor(step / 5) % 19) + 1);
  const pods = g.pods.list();
  const allowed = pods.filter((p) => selects(before, p) || selects(after, p)).length;
  const runsBefore = totalRuns(g.runs);
  const { ms, faults } = timedEdit(() => g.policies.set(after));
  return { ms, faults, recomputed: totalRuns(g.runs) - runsBefore, allowed };
}

function podEdit(g: Graph, step: number): Edit {
  const i = (step * 97) % PODS;
  const runsBefore = totalRuns(g.runs);
  const { ms, faults } = timedEdit(() => g.pods.set(makePod(i, step + 1)));
  return { ms, faults, recomputed: totalRuns(g.runs) - runsBefore, allowed: 1 };
}

interface PhaseResult {
  policyEdits: Edit[];
  meshWideEdits: Edit[];
  namespacedEdits: Edit[];
  podEdits: Edit[];
}

/** EDITS policy edits, then EDITS pod edits, numbered from `first`. */
function phase(g: Graph, first: number): PhaseResult {
  const policyEdits = Array.from({ length: EDITS }, (_, s) => policyEdit(g, first + s));
  const meshWideEdits = policyEdits.filter((_, s) => (first + s) % 5 === 0);
  const namespacedEdits = policyEdits.filter((_, s) => (first + s) % 5 !== 0);
  const podEdits = Array.from({ length: EDITS }, (_, s) => podEdit(g, first + s));
  return { policyEdits, meshWideEdits, namespacedEdits, podEdits };
}

interface RunResult {
  initialMs: number;
  fresh: PhaseResult;
  steady: PhaseResult;
}

function oneRun(): RunResult {
  const { graph, initialMs } = build();
  const fresh = phase(graph, 0);
  const steady = phase(graph, EDITS);
  dispose(graph.pods);
  dispose(graph.policies);
  return { initialMs, fresh, steady };
}

const KINDS = [
  ["namespaced", "namespacedEdits", "namespaced policy edit"],
  ["meshWide", "meshWideEdits", "mesh-wide policy edit"],
  ["pod", "podEdits", "pod label edit"],
] as const;
const PHASES = [
  ["fresh", "first phase (fresh graph)"],
  ["steady", "second phase (steady state)"],
] as const;

/** One process: a throwaway warm-up graph, then `runCount` measured graphs. */
function child(runCount: number): void {
  const warm = build().graph;
  // Also measured: a new process's first edits, in code not yet optimised.
  let coldWorstMs = 0;
  for (let s = 0; s < 40; s++) coldWorstMs = Math.max(coldWorstMs, policyEdit(warm, s).ms, podEdit(warm, s).ms);
  dispose(warm.pods);
  dispose(warm.policies);
  const results = Array.from({ length: runCount }, oneRun);
  const figures: Figures = { initialMs: median(results.map((r) => r.initialMs)), coldWorstMs };
  for (const [ph] of PHASES) {
    const all = (pick: (r: PhaseResult) => Edit[]) => results.flatMap((r) => pick(r[ph]));
    for (const [short, kind] of KINDS) {
      figures[`${ph}.${short}.medianMs`] = median(results.map((r) => median(r[ph][kind].map((e) => e.ms))));
      figures[`${ph}.${short}.worstMs`] = max(all((r) => r[kind]).map((e) => e.ms));
      // The page faults of the slowest edit of this kind, over the process's graphs.
      const slowest = all((r) => r[kind]).reduce((a, b) => (b.ms > a.ms ? b : a));
      figures[`${ph}.${short}.worstFaults`] = slowest.faults;
      figures[`${ph}.${short}.recomputed`] = median(all((r) => r[kind]).map((e) => e.recomputed));
      figures[`${ph}.${short}.excess`] = max(all((r) => r[kind]).map((e) => Math.max(0, e.recomputed - e.allowed)));
    }
    figures[`${ph}.worstMs`] = max([...all((r) => r.policyEdits), ...all((r) => r.podEdits)].map((e) => e.ms));
  }
  reportFigures(figures);
}

export default function main(args: string[]): void {
  const runCount = numberArg(args, "runs", 1);
  if (childSubject(args) !== undefined) return child(runCount);
  const rounds = roundsArg(args);
  const results = runIsolated(args, ["krt"], rounds).get("krt")!;
  const col = (key: string) => column(results, key);
  console.log(`krt-policies: ${PODS} pods in ${NAMESPACES} namespaces, ${POLICIES} policies (${MESH_WIDE} mesh-wide); ${rounds} rounds, each in its own process (${runCount} graph${runCount > 1 ? "s" : ""} per process)`);
  console.log("figures: median [min-max] over rounds");
  table(
    ["measure", "median ms", "worst ms", "page faults in the worst edit", "pods recomputed (median)", "recomputed beyond selector (max)"],
    [
      ["initial computation", fmtSpread(col("initialMs"), 1), "-", "-", PODS, "-"],
      ...PHASES.flatMap(([ph, phaseLabel]) =>
        KINDS.map(([short, , label]) => [
          `${phaseLabel}: ${label}`,
          fmtSpread(col(`${ph}.${short}.medianMs`)),
          fmtSpread(col(`${ph}.${short}.worstMs`)),
          fmtSpread(col(`${ph}.${short}.worstFaults`), 0),
          median(col(`${ph}.${short}.recomputed`)),
          max(col(`${ph}.${short}.excess`)),
        ]),
      ),
    ],
  );
  console.log(`worst edit ms in a new process (its first 40 edits of each kind, code not yet optimised): ${fmtSpread(col("coldWorstMs"))}`);
  console.log(`worst edit ms in the first phase (fresh graph, code still specialising): ${fmtSpread(col("fresh.worstMs"))}`);
  console.log(`worst edit ms: ${fmtSpread(col("steady.worstMs"))}`);
}
