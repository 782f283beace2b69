/**
 * Status collections: a transform that yields an output and a status for its input.
 * The outputs form one collection, the statuses another keyed by the input's key;
 * a status writer watches the latter. Both come from one run of the transform.
 */
import { Node, asNode, type AnyNode } from "./node.js";
import { TransformNode } from "./transform-node.js";
import type { Collection, HandlerContext, Options } from "./types.js";

/** The status computed for one input object. */
export interface StatusItem<S> {
  /** The key of the input object the status belongs to. */
  key: string;
  status: S;
}

/** What a status transform returns for one input; either part may be absent. */
export interface StatusResult<O, S> {
  output?: O | undefined;
  status?: S | undefined;
}

/** The two collections a status transform maintains. */
export interface StatusCollections<O, S> {
  outputs: Collection<O>;
  statuses: Collection<StatusItem<S>>;
}

/** Options of `statusCollection`: those of the outputs, plus the statuses' own. */
export interface StatusOptions<O, S> extends Options<O> {
  statusName?: string;
  statusEquals?: (a: StatusItem<S>, b: StatusItem<S>) => boolean;
}

/** The status side: written only by its parent, in the same step as the outputs. */
class StatusStore<S> extends Node<StatusItem<S>> {
  constructor(
    private readonly parent: AnyNode,
    name: string,
    equals: StatusOptions<unknown, S>["statusEquals"],
  ) {
    super("status", "statuses", { name, key: (s) => s.key, ...(equals ? { equals } : {}) });
    this.height = parent.height + 1;
    this.upstream.add(parent);
  }

  write(key: string, status: S | undefined): void {
    this.commit(key, status === undefined ? undefined : { key, status });
  }

  hasSynced(): boolean {
    return this.parent.hasSynced();
  }
}

class StatusNode<I, O, S> extends TransformNode<I, O> {
  readonly statuses: StatusStore<S>;
  private lastStatus: S | undefined;

  constructor(
    private readonly input: Collection<I>,
    private readonly fn: (ctx: HandlerContext, item: I) => StatusResult<O, S> | undefined,
    opts: StatusOptions<O, S> | undefined,
  ) {
    super("collection", "statusCollection", opts, asNode(input, opts?.name ?? "statusCollection") as AnyNode);
    this.statuses = new StatusStore<S>(this as AnyNode, opts?.statusName ?? `${this.name}/status`, opts?.statusEquals);
    this.initialize((this.primary as AnyNode).sortedKeys());
  }

  protected readInput(inputKey: string): I | undefined {
    return this.input.get(inputKey);
  }

  protected run(ctx: HandlerContext, input: I): O | undefined {
    this.lastStatus = undefined;
    const result = this.fn(ctx, input);
    this.lastStatus = result?.status ?? undefined;
    return result?.output;
  }

  protected override computed(inputKey: string): void {
    this.statuses.write(inputKey, this.lastStatus);
  }

  protected override dropped(inputKey: string): void {
    this.statuses.write(inputKey, undefined);
  }

  override *downstream(): IterableIterator<AnyNode> {
    yield* super.downstream();
    // Undefined only while the parent's constructor runs, before the store exists.
    if (this.statuses !== undefined) yield this.statuses as AnyNode;
  }
}

/**
 * Runs `fn` once per input item and keeps both what it returns: the `output` in
 * `outputs` (like `collection`) and the `status` in `statuses`, keyed by the input's
 * key. A failing run keeps the last good output and status.
 */
export function statusCollection<I, O, S>(
  input: Collection<I>,
  fn: (ctx: HandlerContext, item: I) => StatusResult<O, S> | undefined,
  opts?: StatusOptions<O, S>,
): StatusCollections<O, S> {
  const node = new StatusNode<I, O, S>(input, fn, opts);
  return { outputs: node, statuses: node.statuses };
}
