/**
 * Running one conformance test: its cluster is built, translated until the statuses
 * settle (each pass sees the statuses the previous one wrote, as a controller does),
 * and its checks evaluated; a step's mutations (patches, deletions) are admitted as
 * the API server would (generation bumped on spec changes) before its checks run.
 */
import { join } from "node:path";
import { admitUpdated, type CrdDefaulter } from "@weft/api";
import { translate, type InputObject } from "@weft/gateway";
import { admitCreated } from "@weft/api";
import { CONTROLLER_NAME, clusterObjects, gatewayInfrastructure, readManifests, type Obj } from "./cluster.js";
import { evaluate, objectKey, type Check } from "./checks.js";
import type { TestCase, Mutation } from "./assertions.js";

export interface TestResult {
  name: string;
  features: string[];
  passed: boolean;
  /** The first mismatch, prefixed by its step when the test has several. */
  failure?: string;
  checks: number;
}

export interface RunContext {
  suiteRoot: string;
  defaulter: CrdDefaulter;
  setup: readonly Obj[];
  now: Date;
}

const keyOf = (o: Obj) => objectKey(o.kind, o.metadata.namespace ?? "", o.metadata.name);

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return patch;
  const base = typeof target === "object" && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === "__proto__") continue;
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}

function ref(text: string): { namespace: string; name: string } {
  const slash = text.indexOf("/");
  return slash < 0 ? { namespace: "gateway-conformance-infra", name: text } : { namespace: text.slice(0, slash), name: text.slice(slash + 1) };
}

function objectRef(kind: string, name: string): string {
  const r = kind === "GatewayClass" ? { namespace: "", name } : ref(name);
  return objectKey(kind, r.namespace, r.name);
}

/** The list at a dotted path of a copy of `obj`, created when missing. */
function listAt(obj: Record<string, unknown>, path: string): unknown[] {
  const parts = path.split(".");
  let at: Record<string, unknown> = obj;
  for (const p of parts.slice(0, -1)) {
    const next = at[p];
    at = typeof next === "object" && next !== null && !Array.isArray(next) ? (at[p] = { ...(next as Record<string, unknown>) }) : (at[p] = {});
  }
  const last = parts[parts.length - 1]!;
  const list = Array.isArray(at[last]) ? [...(at[last] as unknown[])] : [];
  at[last] = list;
  return list;
}

function applyMutation(state: Map<string, Obj>, m: Mutation, ctx: RunContext): void {
  const set = (key: string, next: Obj) => {
    const stored = state.get(key);
    state.set(key, stored === undefined ? admitCreated([next], { defaulter: ctx.defaulter, now: ctx.now })[0]! : admitUpdated(stored, next, { defaulter: ctx.defaulter }));
  };
  const existing = (kind: string, name: string): [string, Obj] => {
    const key = objectRef(kind, name);
    const stored = state.get(key);
    if (stored === undefined) throw new Error(`cannot change ${key}: not found`);
    return [key, stored];
  };
  if (m.create !== undefined) {
    const o = m.create as unknown as Obj;
    set(objectKey(o.kind, o.metadata.namespace ?? "", o.metadata.name), o);
    return;
  }
  if (m.copy !== undefined) {
    const [, from] = existing(m.copy.kind, m.copy.from);
    const to = ref(m.copy.to);
    const { status: _status, ...content } = from;
    set(objectRef(m.copy.kind, m.copy.to), { ...content, metadata: { name: to.name, namespace: to.namespace } } as Obj);
    return;
  }
  const target = m.patch ?? m.append ?? m.remove ?? m.delete;
  if (target === undefined) throw new Error(`unknown mutation ${JSON.stringify(Object.keys(m))}`);
  const [key, stored] = existing(target.kind, target.name);
  if (m.delete !== undefined) {
    state.delete(key);
    return;
  }
  if (m.patch !== undefined) return set(key, mergePatch(stored, m.patch.merge) as Obj);
  const next = JSON.parse(JSON.stringify(stored)) as Obj;
  if (m.append !== undefined) listAt(next, m.append.path).push(m.append.value);
  if (m.remove !== undefined) {
    const where = Object.entries(m.remove.where);
    const list = listAt(next, m.remove.path);
    const kept = list.filter((item) => !where.every(([k, v]) => typeof item === "object" && item !== null && (item as Record<string, unknown>)[k] === v));
    list.splice(0, list.length, ...kept);
  }
  set(key, next);
}

/** Translates until the statuses stop changing (at most a few passes), writing them back. */
function reconcile(state: Map<string, Obj>, ctx: RunContext): void {
  for (let pass = 0; pass < 4; pass++) {
    const stored = [...state.values()];
    const infrastructure = admitCreated(gatewayInfrastructure(stored), { now: ctx.now });
    const result = translate([...stored, ...infrastructure] as unknown as InputObject[], {
      controllerName: CONTROLLER_NAME,
      features: { alphaGatewayAPI: true },
      now: ctx.now.toISOString().replace(".000Z", "Z"),
    });
    if (result.errors.length > 0) throw new Error(`translation errors: ${result.errors.map((e) => `${e.step}${e.key === undefined ? "" : ` ${e.key}`}: ${e.message}`).join("; ")}`);
    let changed = false;
    for (const doc of result.statuses) {
      const key = objectKey(doc.kind, doc.metadata.namespace ?? "", doc.metadata.name);
      const obj = state.get(key);
      if (obj === undefined) continue;
      const status = JSON.parse(JSON.stringify(doc.status)) as Record<string, unknown>;
      if (JSON.stringify(obj.status) !== JSON.stringify(status)) changed = true;
      state.set(key, { ...obj, status });
    }
    if (!changed) return;
  }
}

/** Runs one test through all its steps; the first failing check ends it. */
export function runTest(test: TestCase, ctx: RunContext): TestResult {
  const base = { name: test.name, features: test.features };
  let checks = 0;
  try {
    const manifests = [join("conformance", "base", "manifests.yaml"), ...test.manifests.map((m) => join("conformance", m))].flatMap((p) => readManifests(join(ctx.suiteRoot, p)));
    const state = new Map<string, Obj>();
    for (const o of clusterObjects(manifests, ctx.setup, ctx.defaulter, ctx.now)) {
      // Istio's deployment controller output is derived afresh in every pass.
      if (o.metadata.labels?.["gateway.istio.io/managed"] !== undefined) continue;
      state.set(keyOf(o), o);
    }
    for (const [i, step] of test.steps.entries()) {
      for (const m of step.mutate ?? []) applyMutation(state, m, ctx);
      reconcile(state, ctx);
      for (const check of step.checks) {
        checks += 1;
        const failure = evaluate(state, check as Check);
        if (failure !== undefined) return { ...base, passed: false, checks, failure: test.steps.length > 1 ? `step ${i + 1}${step.name === undefined ? "" : ` (${step.name})`}: ${failure}` : failure };
      }
    }
    return { ...base, passed: true, checks };
  } catch (error) {
    return { ...base, passed: false, checks, failure: `error: ${error instanceof Error ? error.message : String(error)}` };
  }
}
