/**
 * The propagation loop. Writes to static collections mark derived keys dirty; the loop
 * then recomputes dirty collections lowest height first, so every collection runs only
 * after all of its inputs (primary and fetched) have settled, and each derived key at
 * most once per round. Handlers are called only once the whole graph has settled, so
 * they never observe a mix of old and new state.
 */
import { reportError } from "./errors.js";

/** What the scheduler needs from a collection; implemented by `Node`. */
export interface Schedulable {
  readonly id: number;
  readonly name: string;
  height: number;
  /** Recomputes the keys marked dirty; may re-queue itself if its height was raised. */
  recomputeDirty(): void;
  /** Calls the handlers with the changes of the round that just settled. */
  deliverPending(): void;
}

/** A runaway feedback loop (handlers writing forever) is cut after this many rounds. */
const MAX_ROUNDS_PER_FLUSH = 10_000;

let batchDepth = 0;
let flushing = false;
const dirtyNodes: Schedulable[] = [];
let changedNodes: Schedulable[] = [];
const afterFlushHooks: Array<() => void> = [];
let currentTransform: string | undefined;

/** Queues a collection whose dirty keys need recomputing. Callers queue each at most once. */
export function queueDirty(node: Schedulable): void {
  dirtyNodes.push(node);
}

/** Notes a collection that has undelivered changes for its handlers. */
export function queueChanged(node: Schedulable): void {
  changedNodes.push(node);
}

/** Runs `hook` after every flush; used for sync waiters. */
export function onAfterFlush(hook: () => void): void {
  afterFlushHooks.push(hook);
}

/** The name of the collection whose transform is running, if any. */
export function runningTransform(): string | undefined {
  return currentTransform;
}

/** Marks `collection`'s transform as running; returns what to pass to `exitTransform`. */
export function enterTransform(collection: string): string | undefined {
  const previous = currentTransform;
  currentTransform = collection;
  return previous;
}

/** Restores the transform that was running before `enterTransform`. */
export function exitTransform(previous: string | undefined): void {
  currentTransform = previous;
}

/**
 * Defers propagation until `fn` returns, so several writes become one round: every
 * derived key is recomputed once for all of them and handlers see one settled state.
 * Batches nest; the outermost one propagates.
 */
export function batch(fn: () => void): void {
  batchDepth++;
  try {
    fn();
  } finally {
    batchDepth--;
    if (batchDepth === 0) flush();
  }
}

function popLowest(): Schedulable {
  let best = 0;
  for (let i = 1; i < dirtyNodes.length; i++) {
    const candidate = dirtyNodes[i]!;
    const current = dirtyNodes[best]!;
    if (candidate.height < current.height || (candidate.height === current.height && candidate.id < current.id)) best = i;
  }
  const node = dirtyNodes[best]!;
  dirtyNodes[best] = dirtyNodes[dirtyNodes.length - 1]!;
  dirtyNodes.pop();
  return node;
}

function deliverRound(): void {
  const nodes = changedNodes;
  changedNodes = [];
  if (nodes.length > 1) nodes.sort((a, b) => a.height - b.height || a.id - b.id);
  for (let i = 0; i < nodes.length; i++) nodes[i]!.deliverPending();
}

/**
 * Propagates every pending change, unless a batch is open or a flush is already
 * running further up the stack (a handler writing); that flush picks the change up.
 */
export function flush(): void {
  if (flushing || batchDepth > 0) return;
  flushing = true;
  try {
    let rounds = 0;
    while (dirtyNodes.length > 0 || changedNodes.length > 0) {
      if (++rounds > MAX_ROUNDS_PER_FLUSH) {
        const names = [...new Set([...dirtyNodes, ...changedNodes].map((n) => n.name))].join(", ");
        dirtyNodes.length = 0;
        changedNodes = [];
        reportError(new Error(`gave up after ${MAX_ROUNDS_PER_FLUSH} rounds: handlers keep writing (${names})`), {
          collection: names,
          phase: "propagation",
        });
        break;
      }
      while (dirtyNodes.length > 0) popLowest().recomputeDirty();
      deliverRound();
    }
  } finally {
    flushing = false;
  }
  for (let i = 0; i < afterFlushHooks.length; i++) afterFlushHooks[i]!();
}

/** True while a batch is open. */
export function inBatch(): boolean {
  return batchDepth > 0;
}
