/**
 * What a status write sends: the translator's status for an object, merged into the
 * status the object has on the server right now.
 *
 * - Lists whose entries name the controller that wrote them (a route's `parents`, a
 *   policy's `ancestors`) are shared with other controllers: only our entries change
 *   (see `mergeRouteParents` in @weft/api); everyone else's stay as the server has them.
 * - Anything else in the status is ours (a Gateway's, a GatewayClass's): the desired
 *   status replaces it.
 * - Either way, a condition whose status did not change keeps the server's
 *   lastTransitionTime, and one that changed is stamped `now`: the translator's own
 *   timestamps are not the time of any transition in the cluster.
 */
import { mergeConditions, mergeRouteParents, type ParentReference, type StatusCondition, type StatusRouteParent } from "@weft/api";

/** A status as JSON: fields the merge looks into, everything else carried along. */
export type Status = Record<string, unknown>;

export interface MergeContext {
  /** Entries carrying this controllerName are ours. */
  controllerName: string;
  /** The object's namespace (parentRefs default to it). */
  namespace: string;
  now: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const records = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const conditionsOf = (v: unknown): StatusCondition[] => records(v) as unknown as StatusCondition[];

/** Conditions without their timestamps, so the merge decides them from the server's. */
function untimed(conditions: unknown): StatusCondition[] {
  return conditionsOf(conditions).map(({ lastTransitionTime: _dropped, ...c }) => c);
}

const SHARED_LISTS = ["parents", "ancestors"] as const;

/**
 * Status field names come from the translator and the server, so they are data: read
 * only own fields (`constructor` must not find Object's), and write with
 * defineProperty (assigning `__proto__` would replace the object's prototype).
 */
const own = (object: Status, field: string): unknown => (Object.hasOwn(object, field) ? object[field] : undefined);
function setOwn(object: Status, field: string, value: unknown): void {
  Object.defineProperty(object, field, { value, enumerable: true, writable: true, configurable: true });
}

/** True when a list is absent, or every entry of it says which controller wrote it. */
function namesControllers(list: unknown): boolean {
  if (list === undefined || list === null) return true;
  return Array.isArray(list) && list.every((e) => isRecord(e) && typeof e.controllerName === "string");
}

/** Merges our entries of a controller-owned list (`refField` names their reference) into the server's. */
function mergeSharedList(existing: unknown, desired: Record<string, unknown>[], refField: string, ctx: MergeContext): Record<string, unknown>[] {
  const asParents = (list: Record<string, unknown>[]): StatusRouteParent[] =>
    list.map((e) => ({ ...e, parentRef: (e[refField] ?? {}) as ParentReference, controllerName: String(e.controllerName) }) as StatusRouteParent);
  const ours = asParents(desired.filter((e) => e.controllerName === ctx.controllerName)).map((p) => ({ ...p, conditions: untimed(p.conditions) }));
  const merged = mergeRouteParents(asParents(records(existing)), ours, { controllerName: ctx.controllerName, routeNamespace: ctx.namespace, now: ctx.now });
  if (refField === "parentRef") return merged as unknown as Record<string, unknown>[];
  return merged.map(({ parentRef, ...rest }) => ({ ...rest, [refField]: parentRef }));
}

/** The identity of an entry of an owned list, for finding the server's copy of it. */
function entryIdentity(entry: Record<string, unknown>): string | undefined {
  if (typeof entry.name === "string") return `name:${entry.name}`;
  for (const field of ["parentRef", "ancestorRef"]) {
    const ref = entry[field];
    if (isRecord(ref)) return `${field}:${JSON.stringify(Object.keys(ref).sort().map((k) => [k, ref[k]]))}`;
  }
  return undefined;
}

/** Our list of entries (listeners, parents) with each entry's conditions timed from the server's copy. */
function timeOwnedList(existing: unknown, desired: unknown[], now: string): unknown[] {
  const previous = new Map<string, Record<string, unknown>>();
  for (const e of records(existing)) {
    const id = entryIdentity(e);
    if (id !== undefined) previous.set(id, e);
  }
  return desired.map((entry) => {
    if (!isRecord(entry) || !Array.isArray(entry.conditions)) return entry;
    const id = entryIdentity(entry);
    const before = id === undefined ? undefined : previous.get(id);
    return { ...entry, conditions: mergeConditions(conditionsOf(before?.conditions), untimed(entry.conditions), now) };
  });
}

/** The status to write, given the server's current one and the translator's. */
export function mergeStatus(current: unknown, desired: unknown, ctx: MergeContext): Status {
  const server: Status = isRecord(current) ? current : {};
  const want: Status = isRecord(desired) ? desired : {};
  const out: Status = {};
  // A list is shared when its entries, ours and the server's, name their controller.
  const shared = (field: string) => (SHARED_LISTS as readonly string[]).includes(field) && namesControllers(own(want, field)) && namesControllers(own(server, field));
  for (const [field, value] of Object.entries(want)) {
    if (shared(field) && Array.isArray(value)) {
      setOwn(out, field, mergeSharedList(own(server, field), records(value), field === "parents" ? "parentRef" : "ancestorRef", ctx));
    } else if (field === "conditions" && Array.isArray(value)) {
      setOwn(out, field, mergeConditions(conditionsOf(own(server, "conditions")), untimed(value), ctx.now));
    } else if (Array.isArray(value)) {
      setOwn(out, field, timeOwnedList(own(server, field), value, ctx.now));
    } else setOwn(out, field, value);
  }
  // A shared list we have no entries in any more still loses the entries we wrote.
  for (const field of SHARED_LISTS) {
    if (Object.hasOwn(want, field) || !Array.isArray(own(server, field)) || !shared(field)) continue;
    const kept = records(own(server, field)).filter((e) => e.controllerName !== ctx.controllerName);
    if (kept.length > 0) setOwn(out, field, kept);
  }
  return out;
}
