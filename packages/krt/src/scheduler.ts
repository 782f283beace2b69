/**
 * The propagation loop. Writes to static collections mark derived keys dirty; the loop
 * then recomputes dirty collections lowest height first, so every collection runs only
 * after all of its inputs (primary and fetched) have settled, and each derived key at
 * most once per round. Handlers are called only once the whole graph has settled, so
 * they never observe a mix of old and new state.
 */
import { assertionsOn, broken } from "./assert.js";
import { FeedbackLoopError, reportError } from "./errors.js";

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
export const MAX_ROUNDS_PER_FLUSH = 10_000;

let batchDepth = 0;
let flushing = false;
const dirtyNodes: Schedulable[] = [];
let changedNodes: Schedulable[] = [];
/** The other list of changed collections: the two take turns, so a round allocates none. */
let spareChanged: Schedulable[] = [];
const afterFlushHooks: Array<() => void> = [];
let currentTransform: string | undefined;
/**
 * The collections taking part in the last round a flush may run, so a cut can name
 * the loop; undefined during every other round, so normal rounds trace nothing.
 */
let lastRound: Set<Schedulable> | undefined;

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

function byHeightThenId(a: Schedulable, b: Schedulable): number {
  return a.height - b.height || a.id - b.id;
}

function deliverRound(): void {
  const nodes = changedNodes;
  // Handlers' writes queue into the other list, for the next round.
  changedNodes = spareChanged;
  if (nodes.length > 1) nodes.sort(byHeightThenId);
  try {
    for (let i = 0; i < nodes.length; i++) nodes[i]!.deliverPending();
  } finally {
    // Emptied by pops (a round has only a few changed collections): setting
    // `length = 0` is a slow runtime call.
    while (nodes.length > 0) nodes.pop();
    spareChanged = nodes;
  }
}

/**
 * Propagates every pending change, unless a batch is open or a flush is already
 * running further up the stack (a handler writing); that flush picks the change up.
 * `writer` is the static collection whose write asks for the flush.
 */
export function flush(writer?: Schedulable): void {
  if (flushing || batchDepth > 0) {
    if (lastRound !== undefined && writer !== undefined) lastRound.add(writer);
    return;
  }
  flushing = true;
  try {
    let rounds = 0;
    while (dirtyNodes.length > 0 || changedNodes.length > 0) {
      if (++rounds > MAX_ROUNDS_PER_FLUSH) {
        cutFeedbackLoop();
        break;
      }
      if (rounds === MAX_ROUNDS_PER_FLUSH) lastRound = new Set();
      let lastHeight = -1;
      while (dirtyNodes.length > 0) {
        const node = popLowest();
        lastRound?.add(node);
        // Recomputing can only dirty collections above it: heights never go down in a round.
        if (assertionsOn()) {
          if (node.height < lastHeight) broken(node.name, `recomputed at height ${node.height} after a collection at height ${lastHeight}`);
          lastHeight = node.height;
        }
        node.recomputeDirty();
      }
      if (lastRound !== undefined) for (const n of changedNodes) lastRound.add(n);
      deliverRound();
    }
  } finally {
    flushing = false;
    lastRound = undefined;
  }
  for (let i = 0; i < afterFlushHooks.length; i++) afterFlushHooks[i]!();
}

/**
 * Ends a flush whose handlers keep writing. Recomputing involves no handler, so it
 * always settles: derived collections are brought up to date with their inputs, and
 * every collection keeps its queued, dirty and pending state consistent with the
 * scheduler's lists. The changes handlers have not seen stay queued (nothing is lost);
 * the next flush, started by any write, delivers them.
 */
function cutFeedbackLoop(): void {
  const involved = new Set(lastRound);
  while (dirtyNodes.length > 0) {
    const node = popLowest();
    involved.add(node);
    node.recomputeDirty();
  }
  for (const n of changedNodes) involved.add(n);
  const names = [...involved].sort((a, b) => a.height - b.height || a.id - b.id).map((n) => n.name);
  reportError(new FeedbackLoopError(names, MAX_ROUNDS_PER_FLUSH), { source: names.join(", "), phase: "propagation" });
}

/** True while a batch is open. */
export function inBatch(): boolean {
  return batchDepth > 0;
}
