/**
 * The problems statuses report, as lines a person reads: every condition that says
 * something is wrong (Accepted, ResolvedRefs, Programmed... False; Conflicted True),
 * at the top of a status, per listener and per route parent of ours, each naming the
 * object and the file and document it came from.
 */
import type { StatusDocument } from "@weft/gateway";

interface ConditionLike {
  type?: unknown;
  status?: unknown;
  reason?: unknown;
  message?: unknown;
}

/** A condition is bad news when it is False, except Conflicted, which is bad when True. */
function isProblem(c: ConditionLike): boolean {
  return c.type === "Conflicted" ? c.status === "True" : c.status === "False";
}

const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null) : []);

function describe(c: ConditionLike): string {
  const message = typeof c.message === "string" && c.message !== "" ? `: ${c.message}` : "";
  return `${String(c.type)}=${String(c.status)} (${String(c.reason)})${message}`;
}

function parentName(ref: unknown, namespace: string | undefined): string {
  const r = (typeof ref === "object" && ref !== null ? ref : {}) as { namespace?: string; name?: string; sectionName?: string; port?: number };
  const section = r.sectionName !== undefined ? ` (${r.sectionName})` : r.port !== undefined ? ` (port ${r.port})` : "";
  return `${r.namespace ?? namespace ?? ""}/${r.name ?? "?"}${section}`;
}

/**
 * One line per problem. `origin(doc)` says where the object was written ("file:line:
 * document N"), when known; `controllerName` picks our entries among route parents.
 */
export function statusProblems(statuses: readonly StatusDocument[], controllerName: string, origin: (doc: StatusDocument) => string | undefined): string[] {
  const lines: string[] = [];
  for (const doc of statuses) {
    const where = origin(doc);
    const ns = doc.metadata.namespace;
    const object = `${doc.kind} ${ns === undefined ? "" : `${ns}/`}${doc.metadata.name}`;
    const prefix = `${where === undefined ? "" : `${where}, `}${object}`;
    const status = (typeof doc.status === "object" && doc.status !== null ? doc.status : {}) as Record<string, unknown>;
    for (const c of list(status.conditions)) if (isProblem(c)) lines.push(`${prefix}: ${describe(c)}`);
    for (const l of list(status.listeners)) for (const c of list(l.conditions)) if (isProblem(c)) lines.push(`${prefix}: listener ${String(l.name)}: ${describe(c)}`);
    for (const p of list(status.parents)) {
      if (p.controllerName !== undefined && p.controllerName !== controllerName) continue;
      for (const c of list(p.conditions)) if (isProblem(c)) lines.push(`${prefix}: parent ${parentName(p.parentRef, ns)}: ${describe(c)}`);
    }
  }
  return lines;
}
