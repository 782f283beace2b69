/**
 * Helpers for this package's tests: Kubernetes-shaped objects, event recorders that
 * replay a handler's log into a state, and a capture of caught errors.
 */
import type { Collection, Event } from "./types.js";

export interface Obj {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { selector?: Record<string, string> | { matchLabels?: Record<string, string> }; value?: number; ref?: string };
}

/** A namespaced object with optional labels and spec. */
export function obj(name: string, namespace: string | undefined, extra: { labels?: Record<string, string>; spec?: Obj["spec"] } = {}): Obj {
  return {
    metadata: { name, ...(namespace === undefined ? {} : { namespace }), ...(extra.labels ? { labels: extra.labels } : {}) },
    ...(extra.spec ? { spec: extra.spec } : {}),
  };
}

/** Applies a log of events to a map, failing on events that cannot apply. */
export function replay<T>(events: readonly Event<T>[], keyOf: (item: T) => string): Map<string, T> {
  const state = new Map<string, T>();
  for (const e of events) {
    if (e.type === "add") {
      const k = keyOf(e.new);
      if (state.has(k)) throw new Error(`add of existing key ${k}`);
      state.set(k, e.new);
    } else if (e.type === "update") {
      const k = keyOf(e.new);
      if (!state.has(k)) throw new Error(`update of missing key ${k}`);
      state.set(k, e.new);
    } else {
      const k = keyOf(e.old);
      if (!state.has(k)) throw new Error(`delete of missing key ${k}`);
      state.delete(k);
    }
  }
  return state;
}

/** Records every event a collection delivers to one handler. */
export function recorder<T>(c: Collection<T>) {
  const events: Event<T>[] = [];
  const reg = c.register((e) => events.push(e));
  return {
    events,
    reg,
    /** The state the log replays to. */
    state: () => replay(events, (item) => c.keyOf(item)),
    /** Events since the last call, then forgets them. */
    take: () => events.splice(0, events.length),
  };
}

/** Captures errors the engine reports to its sink until `restore` is called (exported by the conformance subpath). */
export { captureErrors } from "./conformance.js";

/** The items of a collection as a plain object keyed by item key, for assertions. */
export function contents<T>(c: Collection<T>): Record<string, T> {
  return Object.fromEntries(c.list().map((item) => [c.keyOf(item), item]));
}
