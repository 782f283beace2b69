/**
 * Recompute triggers: a way to tell the engine that state it cannot see (a file, a
 * clock, a feature flag read elsewhere) has changed. Transforms that called `mark`
 * re-run when `trigger` is called.
 */
import { filter } from "./filter.js";
import { StaticNode } from "./static.js";
import type { HandlerContext } from "./types.js";

/** A dependency on outside state, made explicit. */
export interface RecomputeTrigger {
  /** Re-runs every transform that marked this trigger. */
  trigger(): void;
  /** Records, from inside a transform, that it depends on this trigger. */
  mark(ctx: HandlerContext): void;
}

interface Tick {
  n: number;
}

const TICK_KEY = "tick";

/** Creates a trigger; `name` shows in errors and the graph dump. */
export function recomputeTrigger(opts?: { name?: string }): RecomputeTrigger {
  const ticks = new StaticNode<Tick>([{ n: 0 }], { name: opts?.name ?? "trigger", key: () => TICK_KEY }, "trigger");
  return {
    trigger: () => ticks.set({ n: ticks.get(TICK_KEY)!.n + 1 }),
    mark: (ctx) => {
      ctx.fetchOne(ticks, filter.key(TICK_KEY));
    },
  };
}
