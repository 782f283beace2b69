/**
 * Singletons: one derived value computed from what the transform fetches, with a
 * collection view so other transforms can fetch it and joins can include it.
 */
import { TransformNode } from "./transform-node.js";
import type { HandlerContext, Options, Singleton } from "./types.js";
import type { Collection } from "./types.js";

/** The key of a singleton's only item, whatever the item is. */
export const SINGLETON_KEY = "singleton";

const PRESENT = true;

class SingletonNode<O> extends TransformNode<true, O> implements Singleton<O> {
  constructor(
    private readonly fn: (ctx: HandlerContext) => O | undefined,
    opts: Options<O> | undefined,
  ) {
    super("singleton", "singleton", { ...opts, key: () => SINGLETON_KEY }, undefined);
    this.initialize([SINGLETON_KEY]);
  }

  protected readInput(): true {
    return PRESENT;
  }

  protected run(ctx: HandlerContext): O | undefined {
    return this.fn(ctx);
  }

  value(): O | undefined {
    return this.get(SINGLETON_KEY);
  }

  asCollection(): Collection<O> {
    return this;
  }
}

/** A single value computed by `fn`, recomputed when anything it fetched changes. */
export function singleton<O>(fn: (ctx: HandlerContext) => O | undefined, opts?: Options<O>): Singleton<O> {
  return new SingletonNode(fn, opts);
}
