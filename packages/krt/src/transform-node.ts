/**
 * What `collection`, `manyCollection`, `singleton` and status collections share: one
 * transform run per input key, the dependency records of each key, and the outputs
 * each key produced. When two input keys produce the same output key, the output of
 * the smallest input key is the one the collection holds, whatever the order of
 * events, so results never depend on history.
 */
import { assertionsOn, broken } from "./assert.js";
import { TransformContext, dropDeps, type ContextOwner } from "./context.js";
import type { Deps } from "./dependencies.js";
import type { EqualityShortcut } from "./extractors.js";
import { findCycle } from "./equality.js";
import { KrtError } from "./errors.js";
import { Node, type AnyNode, type NodeKind } from "./node.js";
import { enterTransform, exitTransform, queueDirty } from "./scheduler.js";
import type { HandlerContext, Options } from "./types.js";

/** What one input key currently contributes, and whether it awaits a recompute. */
interface KeyState {
  readonly key: string;
  outKeys: string | string[] | undefined;
  deps: Deps;
  dirty: boolean;
}

/**
 * What recomputing one input key came to:
 * - "settled": the key is up to date (its outputs committed, dropped, or its failure
 *   reported, keeping the last good outputs);
 * - "deferred": a fetch raised this collection's height above a collection it had not
 *   read before, so nothing was committed: the key runs again once the collections
 *   below have settled (the scheduler runs lower heights first).
 */
export type ComputeOutcome = "settled" | "deferred";

/** How many times a key's first computation may be restarted by height changes. */
const MAX_INITIAL_RESTARTS = 64;

export abstract class TransformNode<I, O> extends Node<O> implements ContextOwner {
  private readonly states = new Map<string, KeyState>();
  /**
   * Keys to recompute this round, in marking order (their `dirty` flag is set): the
   * first `dirtyCount` entries. Two arrays take turns (the other is being worked
   * through), refilled by counter, so a round allocates none.
   */
  private dirtyStates: (KeyState | undefined)[] = [];
  private dirtyCount = 0;
  private spareDirty: (KeyState | undefined)[] = [];
  private queued = false;
  private initialized = false;
  /**
   * Output key to the input key whose output is visible, recorded only where the two
   * differ: an output stored without an entry here belongs to the input of the same
   * key. Most transforms keep the key, so the common case needs no lookup at all.
   */
  private readonly owners = new Map<string, string>();
  /** Output key to the other input keys that produced it, and their outputs. */
  private shadows: Map<string, Map<string, O>> | undefined;
  private readonly onError: Options<O>["onError"];
  /** Outputs refused so far because they could not be compared (see `uncomparable`). */
  private refusals = 0;
  private lastRefusal: unknown;
  /** Begun afresh by every run (see TransformContext). */
  private readonly context = new TransformContext(this);

  constructor(
    kind: NodeKind,
    defaultName: string,
    opts: Options<O> | undefined,
    protected readonly primary: AnyNode | undefined,
  ) {
    super(kind, defaultName, opts);
    this.onError = opts?.onError;
    if (primary !== undefined) {
      this.ensureAbove(primary);
      primary.addConsumer(this as AnyNode);
      this.upstream.add(primary);
    }
  }

  /** The input of `inputKey`, or undefined when it no longer exists. */
  protected abstract readInput(inputKey: string): I | undefined;

  /**
   * Runs the user's transform: one output or none, or, where `many` is set, an
   * array of outputs. Throws on outputs of the wrong shape.
   */
  protected abstract run(ctx: HandlerContext, input: I): O | readonly O[] | undefined;

  /** Whether `run` returns arrays of outputs. */
  protected get many(): boolean {
    return false;
  }

  /** Computes every initial key; derived collections are eager. */
  protected initialize(inputKeys: Iterable<string>): void {
    for (const k of inputKeys) {
      const state = this.stateOf(k);
      let restarts = 0;
      while (this.computeKey(state) === "deferred") {
        if (++restarts > MAX_INITIAL_RESTARTS) {
          // Only a transform that fetches something new on every run gets here. The key
          // keeps its records, so the next change to anything it read tries again.
          this.fail(new KrtError(this.name, `gave up the first computation after ${MAX_INITIAL_RESTARTS} restarts: every run fetched a collection higher than the last; transforms must fetch the same collections for the same inputs`), k, this.onError);
          break;
        }
      }
    }
    this.initialized = true;
  }

  override upstreamChanged(_source: AnyNode, key: string): void {
    this.markDirty(key);
  }

  private stateOf(inputKey: string): KeyState {
    let state = this.states.get(inputKey);
    if (state === undefined) {
      state = { key: inputKey, outKeys: undefined, deps: undefined, dirty: false };
      this.states.set(inputKey, state);
    }
    return state;
  }

  override markDirty(inputKey: string): void {
    if (this.disposed) return;
    const state = this.stateOf(inputKey);
    if (state.dirty) return;
    state.dirty = true;
    this.dirtyStates[this.dirtyCount++] = state;
    if (!this.queued) {
      this.queued = true;
      queueDirty(this);
    }
  }

  override recomputeDirty(): void {
    this.queued = false;
    const states = this.dirtyStates;
    const count = this.dirtyCount;
    this.dirtyStates = this.spareDirty;
    this.dirtyCount = 0;
    this.spareDirty = states;
    for (let i = 0; i < count; i++) {
      const state = states[i]!;
      states[i] = undefined;
      state.dirty = false;
      if (this.computeKey(state) === "deferred") {
        // Our height went up: this key and the rest wait until the new inputs settle.
        this.markDirty(state.key);
        for (let j = i + 1; j < count; j++) {
          const waiting = states[j]!;
          states[j] = undefined;
          waiting.dirty = false;
          this.markDirty(waiting.key);
        }
        return;
      }
    }
  }

  /**
   * Recomputes one input key. "deferred" when the transform read a collection that
   * was not yet known to be below this one: nothing is committed and the key is
   * computed again once that collection has settled.
   */
  protected computeKey(state: KeyState): ComputeOutcome {
    const inputKey = state.key;
    const input = this.readInput(inputKey);
    if (input === undefined) {
      this.dropKey(inputKey, state);
      return "settled";
    }
    const ctx = this.context;
    ctx.begin(inputKey, state.deps);
    const previousTransform = enterTransform(this.name);
    // One output (the common case) goes without allocating arrays.
    let single: O | undefined;
    let outputs: readonly O[] | undefined;
    let outKey: string | undefined;
    let outKeys: string[] | undefined;
    try {
      const result = this.run(ctx, input);
      if (this.many) outputs = result as readonly O[];
      else single = result === null ? undefined : (result as O | undefined);
      if (!ctx.raised) {
        if (single !== undefined) {
          outKey = this.keyOf(single);
          // Same content, but the input key's string is already flat and hashed:
          // using it spares every map operation below from hashing a fresh string.
          if (outKey === inputKey) outKey = inputKey;
        }
        else if (outputs !== undefined) {
          outKeys = new Array<string>(outputs.length);
          for (let i = 0; i < outputs.length; i++) outKeys[i] = this.keyOf(outputs[i]!);
        }
      }
    } catch (error) {
      ctx.close();
      state.deps = ctx.keepAllDeps();
      if (ctx.raised) return "deferred";
      this.fail(error, inputKey, this.onError);
      return "settled";
    } finally {
      exitTransform(previousTransform);
    }
    ctx.close();
    if (ctx.raised) {
      state.deps = ctx.keepAllDeps();
      return "deferred";
    }
    state.deps = ctx.commitDeps();
    const refusals = this.refusals;
    if (outKeys === undefined) this.applyOutput(inputKey, state, single, outKey);
    else this.applyOutputs(inputKey, state, outputs!, outKeys);
    if (this.refusals !== refusals) {
      // A refused output fails the run: like a throwing transform, it keeps the last
      // good status too.
      this.fail(this.lastRefusal, inputKey, this.onError);
      return "settled";
    }
    this.computed(inputKey);
    return "settled";
  }

  /**
   * An output that contains a cycle cannot be compared with the one it replaces
   * (equality recursed until the stack overflowed): it is refused, the key keeps its
   * previous output, and the run is reported as failed. An acyclic output that is only
   * too deep to compare counts as changed. Checked only once equality has failed, so
   * the common path pays nothing.
   */
  protected override uncomparable(outKey: string, next: O, error: unknown): boolean {
    if (error instanceof RangeError) {
      const cycle = findCycle(next);
      if (cycle === undefined) return false;
      error = new KrtError(this.name, `the output for "${outKey}" cannot be compared with the previous one: it contains a cycle at ${cycle}; outputs must be acyclic plain data`);
    }
    this.refusals++;
    this.lastRefusal = error;
    return true;
  }

  /**
   * The full comparison is what finds an output with a cycle (it overflows), so the
   * learnt shortcut may skip it only for an output too small to hold one.
   */
  protected override equalityShortcut(): EqualityShortcut {
    return "cycle-safe";
  }

  /** Called after a key's outputs were committed; status collections hook in here. */
  protected computed(_inputKey: string): void {}

  /** Called after a key's input went away and its outputs were removed. */
  protected dropped(_inputKey: string): void {}

  /** Applies zero or one output. */
  private applyOutput(inputKey: string, state: KeyState, output: O | undefined, key: string | undefined): void {
    const before = state.outKeys;
    if (before !== undefined && before !== key) {
      if (typeof before === "string") this.release(before, inputKey);
      else for (const k of before) if (k !== key) this.release(k, inputKey);
    }
    if (key !== undefined) this.claim(key, inputKey, output!);
    state.outKeys = key;
  }

  private applyOutputs(inputKey: string, state: KeyState, outputs: readonly O[], keys: string[]): void {
    const before = state.outKeys;
    if (typeof before === "string") {
      if (!keys.includes(before)) this.release(before, inputKey);
    } else if (before !== undefined) {
      const now = keys.length > 8 ? new Set(keys) : keys;
      for (const k of before) if (!(now instanceof Set ? now.has(k) : now.includes(k))) this.release(k, inputKey);
    }
    for (let i = 0; i < keys.length; i++) this.claim(keys[i]!, inputKey, outputs[i]!);
    state.outKeys = keys.length === 0 ? undefined : keys.length === 1 ? keys[0] : keys;
  }

  /** The input key whose output is visible at `outKey`, if any. */
  private ownerOf(outKey: string): string | undefined {
    const recorded = this.owners.size === 0 ? undefined : this.owners.get(outKey);
    if (recorded !== undefined) return recorded;
    return this.store.has(outKey) ? outKey : undefined;
  }

  private setOwner(outKey: string, inputKey: string | undefined): void {
    if (inputKey === undefined || inputKey === outKey) {
      if (this.owners.size > 0) this.owners.delete(outKey);
    } else this.owners.set(outKey, inputKey);
  }

  /**
   * Assert mode: the output visible at `outKey` is that of the smallest input key
   * producing it, and no shadow is recorded for the owner itself.
   */
  private checkOwner(outKey: string): void {
    const owner = this.ownerOf(outKey);
    const shadow = this.shadows?.get(outKey);
    if (shadow === undefined) return;
    if (owner === undefined) broken(this.name, `output "${outKey}" is produced by ${[...shadow.keys()].join(", ")} but not visible`);
    for (const k of shadow.keys()) {
      if (k <= owner) broken(this.name, `output "${outKey}" shows input "${owner}"'s, not that of the smaller input "${k}"`);
    }
  }

  private claim(outKey: string, inputKey: string, value: O): void {
    this.claimOutput(outKey, inputKey, value);
    if (assertionsOn()) this.checkOwner(outKey);
  }

  private release(outKey: string, inputKey: string): void {
    this.releaseOutput(outKey, inputKey);
    if (assertionsOn()) this.checkOwner(outKey);
  }

  private claimOutput(outKey: string, inputKey: string, value: O): void {
    // Fast path: an output keyed like its input, and nobody else recorded for it.
    if (outKey === inputKey && (this.owners.size === 0 || !this.owners.has(outKey))) {
      this.commit(outKey, value);
      return;
    }
    const owner = this.ownerOf(outKey);
    if (owner === undefined || owner === inputKey) {
      this.setOwner(outKey, inputKey);
      this.commit(outKey, value);
      return;
    }
    const shadow = this.shadowOf(outKey);
    if (inputKey < owner) {
      const ownerValue = this.store.get(outKey)!;
      const refusals = this.refusals;
      this.commit(outKey, value);
      // A refused output takes nothing over: the owner's output stays visible.
      if (this.refusals !== refusals) return;
      shadow.set(owner, ownerValue);
      shadow.delete(inputKey);
      this.setOwner(outKey, inputKey);
    } else {
      shadow.set(inputKey, value);
    }
  }

  private releaseOutput(outKey: string, inputKey: string): void {
    const shadow = this.shadows?.get(outKey);
    if (this.ownerOf(outKey) !== inputKey) {
      shadow?.delete(inputKey);
      if (shadow?.size === 0) this.shadows!.delete(outKey);
      return;
    }
    if (shadow === undefined) {
      this.setOwner(outKey, undefined);
      this.commit(outKey, undefined);
      return;
    }
    let next: string | undefined;
    for (const k of shadow.keys()) if (next === undefined || k < next) next = k;
    const value = shadow.get(next!)!;
    shadow.delete(next!);
    if (shadow.size === 0) this.shadows!.delete(outKey);
    this.setOwner(outKey, next!);
    const refusals = this.refusals;
    if (!this.commit(outKey, value) && this.refusals !== refusals) {
      // The revealed output is another input's, already accepted: it cannot be
      // refused here. Replacing by delete then add needs no comparison.
      this.refusals = refusals;
      this.commit(outKey, undefined);
      this.commit(outKey, value);
    }
  }

  private shadowOf(outKey: string): Map<string, O> {
    this.shadows ??= new Map();
    let shadow = this.shadows.get(outKey);
    if (shadow === undefined) {
      shadow = new Map();
      this.shadows.set(outKey, shadow);
    }
    return shadow;
  }

  private dropKey(inputKey: string, state: KeyState): void {
    const keys = state.outKeys;
    if (typeof keys === "string") this.release(keys, inputKey);
    else if (keys !== undefined) for (const k of keys) this.release(k, inputKey);
    dropDeps(state.deps);
    this.states.delete(inputKey);
    this.dropped(inputKey);
  }

  hasSynced(): boolean {
    return this.initialized && this.upstreamSynced();
  }

  /** The number of input keys with state; a leak check counts these. */
  stateCount(): number {
    return this.states.size;
  }

  protected override detach(): void {
    this.primary?.removeConsumer(this as AnyNode);
    for (const state of this.states.values()) dropDeps(state.deps);
    this.states.clear();
    this.owners.clear();
    this.shadows = undefined;
    this.dirtyStates = [];
    this.spareDirty = [];
    this.dirtyCount = 0;
  }
}
