/**
 * A pool of status writers (Istio 1.26.3): statuses are queued per resource and
 * coalesced, so a resource whose status changed ten times while a write was in
 * flight gets one more write, of the latest status; at most `concurrency` writes run
 * at once, and never two for the same resource; a worker exits when it finds no
 * work, so an idle pool holds no timers, no loops and no pending promises.
 *
 * Internal to @weft/kube: the status writer is its only user.
 */
import { reportTo } from "@weft/krt";

export interface StatusWorkerPoolOptions {
  /** How many writes may be in flight at once (at least 1). */
  concurrency: number;
  /**
   * Told when a write fails; the pool carries on with the other resources. Without it
   * the failure goes to the shared error sink (`setErrorSink` of @weft/krt), as does
   * an `onError` that throws.
   */
  onError?: (error: unknown, key: string) => void;
}

/** What the pool has done, for observing it (and for showing an idle pool does nothing). */
export interface StatusWorkerPoolStats {
  queued: number;
  inFlight: number;
  workers: number;
  /** Writes started since the pool was created. */
  writes: number;
  /** Times a worker looked for work, since the pool was created. */
  polls: number;
}

export class StatusWorkerPool<S> {
  private readonly pending = new Map<string, S>();
  private readonly inFlight = new Set<string>();
  private workers = 0;
  private writes = 0;
  private polls = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly concurrency: number;

  constructor(
    private readonly write: (key: string, status: S) => Promise<void>,
    private readonly opts: StatusWorkerPoolOptions,
  ) {
    this.concurrency = Math.max(1, Math.floor(opts.concurrency));
  }

  /** Queues the latest status of `key`, replacing any not yet written. */
  enqueue(key: string, status: S): void {
    this.pending.set(key, status);
    // Start a worker when there is room and the key can be written now; a key being
    // written waits for the worker writing it, which picks it up next. Checking just
    // this key keeps enqueue O(1) however long the queue is.
    if (this.workers < this.concurrency && !this.inFlight.has(key)) {
      this.workers++;
      void this.work();
    }
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.pending.size === 0 && this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get stats(): StatusWorkerPoolStats {
    return { queued: this.pending.size, inFlight: this.inFlight.size, workers: this.workers, writes: this.writes, polls: this.polls };
  }

  private next(): [string, S] | undefined {
    this.polls++;
    for (const [key, status] of this.pending) {
      if (this.inFlight.has(key)) continue;
      this.pending.delete(key);
      return [key, status];
    }
    return undefined;
  }

  private async work(): Promise<void> {
    for (let job = this.next(); job !== undefined; job = this.next()) {
      const [key, status] = job;
      this.inFlight.add(key);
      this.writes++;
      try {
        await this.write(key, status);
      } catch (error) {
        // Reported, never thrown: a worker that died here would strand the queue.
        reportTo(this.opts.onError, error, key, { source: "status-worker-pool", key, phase: "handler" });
      } finally {
        this.inFlight.delete(key);
      }
    }
    this.workers--;
    // A key that arrived for a resource being written waits for that write; if every
    // worker has left, start one for it.
    if (this.pending.size > 0 && this.workers === 0) {
      this.workers++;
      void this.work();
      return;
    }
    if (this.pending.size === 0 && this.inFlight.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
