/**
 * `collection` and `manyCollection`: a transform applied to every item of an input
 * collection, producing at most one or any number of outputs per input.
 */
import { EMPTY } from "./empty.js";
import { KrtError } from "./errors.js";
import { asNode, type AnyNode } from "./node.js";
import { TransformNode } from "./transform-node.js";
import type { Collection, HandlerContext, Options } from "./types.js";

class DerivedNode<I, O> extends TransformNode<I, O> {
  constructor(
    private readonly input: Collection<I>,
    private readonly fn: (ctx: HandlerContext, item: I) => O | O[] | undefined,
    private readonly isMany: boolean,
    opts: Options<O> | undefined,
  ) {
    super(isMany ? "many" : "collection", isMany ? "many" : "collection", opts, asNode(input, opts?.name ?? "collection") as AnyNode);
    this.initialize((this.primary as AnyNode).sortedKeys());
  }

  protected readInput(inputKey: string): I | undefined {
    return this.input.get(inputKey);
  }

  protected override get many(): boolean {
    return this.isMany;
  }

  protected run(ctx: HandlerContext, input: I): O | readonly O[] | undefined {
    const result = this.fn(ctx, input);
    if (!this.isMany) return result as O | undefined;
    if (result === undefined || result === null) return EMPTY;
    if (!Array.isArray(result)) {
      throw new KrtError(this.name, `the transform of a manyCollection must return an array, got ${typeof result}`);
    }
    return result.filter((o) => o !== undefined && o !== null);
  }
}

/**
 * Derives one output (or none, when `fn` returns undefined) from each input item.
 * `fn` may read other collections through `ctx.fetch`; it re-runs for an input when
 * the input or anything it fetched changes.
 */
export function collection<I, O>(input: Collection<I>, fn: (ctx: HandlerContext, item: I) => O | undefined, opts?: Options<O>): Collection<O> {
  return new DerivedNode<I, O>(input, fn, false, opts);
}

/** Derives any number of outputs from each input item, each kept by its own key. */
export function manyCollection<I, O>(input: Collection<I>, fn: (ctx: HandlerContext, item: I) => O[], opts?: Options<O>): Collection<O> {
  return new DerivedNode<I, O>(input, fn, true, opts);
}
