/**
 * The live dependency graph as Mermaid text: one box per collection with its kind
 * and item count, solid arrows for inputs and dotted arrows for what transforms
 * fetch. Paste it into any Mermaid renderer to see why an output is (or is not)
 * recomputed.
 */
import { asNode, liveNodes, type AnyNode } from "./node.js";
import type { Collection } from "./types.js";

/** Options of `graph`. */
export interface GraphOptions {
  /** Only the collections connected to these; all live collections when absent. */
  around?: Collection<unknown>[];
  /** Mermaid flowchart direction. Defaults to "LR". */
  direction?: "LR" | "TD";
}

function connected(roots: AnyNode[]): Set<AnyNode> {
  const seen = new Set<AnyNode>();
  const stack = [...roots];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const u of n.upstream) stack.push(u);
    for (const d of n.downstream()) stack.push(d);
  }
  return seen;
}

function label(n: AnyNode): string {
  const name = n.name.replace(/["<>]/g, (c) => ({ '"': "#quot;", "<": "#lt;", ">": "#gt;" })[c]!);
  const count = n.size === 1 ? "1 item" : `${n.size} items`;
  return `${name}<br/>${n.kind} · ${count}`;
}

/** Renders the live collections (or those connected to `around`) as a Mermaid flowchart. */
export function graph(opts?: GraphOptions): string {
  const nodes = opts?.around === undefined ? new Set(liveNodes) : connected(opts.around.map((c) => asNode(c, "graph") as AnyNode));
  const ordered = [...nodes].filter((n) => !n.disposed).sort((a, b) => a.id - b.id);
  const lines = [`flowchart ${opts?.direction ?? "LR"}`];
  for (const n of ordered) lines.push(`  n${n.id}["${label(n)}"]`);
  for (const n of ordered) {
    for (const c of n.consumers) if (nodes.has(c)) lines.push(`  n${n.id} --> n${c.id}`);
    for (const c of n.fetchConsumers()) if (nodes.has(c) && !n.consumers.includes(c)) lines.push(`  n${n.id} -. fetch .-> n${c.id}`);
    for (const d of n.downstream()) {
      if (d.kind === "status" && nodes.has(d)) lines.push(`  n${n.id} == status ==> n${d.id}`);
    }
  }
  return lines.join("\n") + "\n";
}
