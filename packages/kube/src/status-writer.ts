/**
 * The status writer: it watches a krt collection of status documents (the translator's
 * `statuses`) and writes each object's status through its status subresource.
 *
 * - Coalescing: writes are queued per object in a StatusWorkerPool (status-worker-pool.ts); an
 *   object whose status changes ten times during a write gets one more write, and
 *   each attempt reads the latest status, so nothing stale is sent.
 * - Merging: the status sent is the translator's merged into the object's current one
 *   (status-merge.ts): other controllers' route parents stay as they are.
 * - Unchanged statuses are not written: the merge result is compared with the object
 *   as the informer (or, after a conflict, the server) has it.
 * - Ownership: objects another revision owns are skipped (@weft/mesh revisions).
 * - Leadership: only while `leadership.isLeader()`; losing it aborts what is in flight
 *   and drops the queue; gaining it re-checks every current status (writing only the
 *   ones that differ).
 * - Retries: conflicts (someone wrote since our read) re-read the server and merge
 *   again; transient failures wait out a backoff; both up to `maxAttempts` in a row.
 *   A write still failing then is reported and stays queued: it is tried again after
 *   a delay that keeps growing up to the backoff's maximum, with whatever status is the
 *   latest by then (a newer status is tried at once), until it lands, the status is
 *   deleted, or leadership is lost. A status is never silently given up on.
 * - Idle means idle: with nothing queued there is no worker, timer or loop.
 */
import equal from "fast-deep-equal";
import { groupOf, versionOf } from "@weft/api";
import { reportTo, type Collection, type Event, type Registration } from "@weft/krt";
import { isMine, type RevisionState } from "@weft/mesh";
import { asKubeApiError, KubeApiError, type KubeApi, type KubeObjectLike } from "./api.js";
import { Backoff, sleep, type BackoffOptions } from "./backoff.js";
import type { Leadership } from "./leader-election.js";
import { KNOWN_RESOURCES, type ResourceType } from "./resources.js";
import { mergeStatus } from "./status-merge.js";
import { StatusWorkerPool } from "./status-worker-pool.js";

/** A status to write: the object's identity and its status (the shape of @weft/gateway's StatusDocument). */
export interface StatusDocumentLike {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string | undefined };
  status: unknown;
}

/** What became of one write. */
export type WriteOutcome = "written" | "unchanged" | "not-leader" | "not-ours" | "gone" | "failed";

export interface WriteReport {
  key: string;
  outcome: WriteOutcome;
  attempts: number;
  error?: KubeApiError;
  /**
   * Set on a `failed` write that will be tried again (a transient error or a conflict
   * outlasted `maxAttempts`): the delay until then. Absent when retrying cannot help.
   */
  retryInMs?: number;
}

export interface StatusWriterOptions<D extends StatusDocumentLike> {
  api: KubeApi;
  /** The statuses to write, keyed per object. */
  statuses: Collection<D>;
  /** Entries of shared lists (route parents) with this controllerName are ours. */
  controllerName: string;
  /**
   * The object as the informer has it, to merge into and compare with without a read.
   * Without it (or when it returns undefined) the writer reads the object first.
   */
  current?: (doc: D) => KubeObjectLike | undefined;
  /** Whether this replica may write. Default: always. */
  leadership?: Leadership;
  /** This control plane's revision view; objects it does not own are skipped. Default: all are ours. */
  revision?: () => RevisionState;
  /** Writes in flight at once. Default 4. */
  concurrency?: number;
  /** Attempts per write in a row, the first included. Default 6. A write still failing then waits (see `backoff`) and starts over. */
  maxAttempts?: number;
  /** Delays between attempts, and between rounds of a write that keeps failing (growing up to `maxMs`). */
  backoff?: BackoffOptions;
  /** Kinds the writer can address (default: every kind @weft/api knows). */
  resources?: readonly ResourceType[];
  /** The time stamped on conditions that changed. Default: now, to the second. */
  now?: () => string;
  onWrite?: (report: WriteReport) => void;
  /**
   * Told when `onWrite` throws (`during: "onWrite"`) or a write fails in a way the writer
   * did not foresee (`during: "write"`). Without it the error goes to the shared error
   * sink (`setErrorSink` of @weft/krt); one that throws is reported there too. The writer
   * carries on either way.
   */
  onError?: (error: unknown, context: StatusWriterErrorContext) => void;
}

/** What a status writer's `onError` is told beside the error. */
export interface StatusWriterErrorContext {
  /** The status document's key. */
  key: string;
  during: "onWrite" | "write";
}

const isoSeconds = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");

export class StatusWriter<D extends StatusDocumentLike> {
  private readonly pool: StatusWorkerPool<true>;
  private readonly maxAttempts: number;
  private readonly now: () => string;
  private registration: Registration | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Aborted when leadership is lost or the writer stops; replaced when it is regained. */
  private inFlight = new AbortController();
  private stopped = false;
  private readonly counters = { puts: 0, reads: 0, conflicts: 0 };
  /**
   * Per object, what our last write returned and the version it replaced. Until the
   * informer shows something else than that replaced version, its copy predates our
   * write, and the returned object is the fresher base.
   */
  private readonly lastWrites = new Map<string, { replaced: string | undefined; result: KubeObjectLike }>();
  /** Writes that failed for longer than a round of attempts, waiting to start another. */
  private readonly retries = new Map<string, { backoff: Backoff; timer: NodeJS.Timeout | undefined }>();
  /** Woken whenever a waiting retry fires or is dropped (for `idle()`). */
  private retryWaiters: (() => void)[] = [];

  constructor(private readonly opts: StatusWriterOptions<D>) {
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 6);
    this.now = opts.now ?? isoSeconds;
    // The pool queues keys only: each attempt reads the latest status from the collection.
    this.pool = new StatusWorkerPool<true>((key) => this.write(key), { concurrency: opts.concurrency ?? 4, onError: (error, key) => this.problem(error, { key, during: "write" }) });
  }

  /** Starts following the statuses (and leadership); current statuses are checked at once. */
  start(): this {
    if (this.registration !== undefined || this.stopped) return this;
    this.unsubscribe = this.opts.leadership?.subscribe((leading) => this.leadershipChanged(leading));
    this.registration = this.opts.statuses.registerBatch((events) => this.changed(events));
    return this;
  }

  /** Stops following; aborts what is in flight and resolves once the workers have left. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.registration?.unregister();
    this.unsubscribe?.();
    this.inFlight.abort();
    this.dropRetries();
    await this.pool.idle();
    this.lastWrites.clear();
  }

  /** Resolves once nothing is queued, being written, or waiting to be tried again. */
  async idle(): Promise<void> {
    for (;;) {
      await this.pool.idle();
      if (this.retries.size === 0) return;
      await new Promise<void>((resolve) => this.retryWaiters.push(resolve));
    }
  }

  /** Requests made and the pool's state, for observing the writer. */
  get stats() {
    return { ...this.counters, ...this.pool.stats, retrying: this.retries.size };
  }

  private leading(): boolean {
    return !this.stopped && (this.opts.leadership?.isLeader() ?? true);
  }

  private changed(events: Event<D>[]): void {
    if (!this.leading()) return; // a follower keeps nothing: the collection is the memory
    for (const e of events) {
      if (e.type === "delete") {
        const key = this.opts.statuses.keyOf(e.old);
        this.lastWrites.delete(key);
        this.forgetRetry(key);
      } else {
        // A newer status supersedes one waiting to be retried, and is tried at once.
        const key = this.opts.statuses.keyOf(e.new);
        this.cancelRetryTimer(key);
        this.pool.enqueue(key, true);
      }
    }
  }

  private leadershipChanged(leading: boolean): void {
    if (this.stopped) return;
    if (!leading) {
      this.inFlight.abort();
      this.dropRetries(); // the next leader writes them; we recheck all if we lead again
      return;
    }
    this.inFlight = new AbortController();
    // A new leader checks everything; only statuses that differ from the cluster's are written.
    for (const doc of this.opts.statuses.list()) this.pool.enqueue(this.opts.statuses.keyOf(doc), true);
  }

  /** A write that outlasted its round of attempts: it is tried again later, reported now. */
  private retryLater(report: WriteReport & { error: KubeApiError }): void {
    let entry = this.retries.get(report.key);
    if (entry === undefined) {
      entry = { backoff: new Backoff(this.opts.backoff), timer: undefined };
      this.retries.set(report.key, entry);
    }
    clearTimeout(entry.timer);
    const delay = entry.backoff.next();
    const waiting = entry;
    waiting.timer = setTimeout(() => {
      waiting.timer = undefined;
      if (this.leading()) this.pool.enqueue(report.key, true);
      else this.forgetRetry(report.key);
      this.wakeRetryWaiters();
    }, delay);
    this.report({ ...report, retryInMs: delay });
  }

  /** Stops waiting to retry `key` (its write is about to run anyway); the backoff is kept, so delays keep growing. */
  private cancelRetryTimer(key: string): void {
    const entry = this.retries.get(key);
    if (entry?.timer === undefined) return;
    clearTimeout(entry.timer);
    entry.timer = undefined;
  }

  /** The write of `key` ended for good (it landed, or retrying cannot help). */
  private forgetRetry(key: string): void {
    const entry = this.retries.get(key);
    if (entry === undefined) return;
    clearTimeout(entry.timer);
    this.retries.delete(key);
    this.wakeRetryWaiters();
  }

  private dropRetries(): void {
    for (const key of [...this.retries.keys()]) this.forgetRetry(key);
  }

  private wakeRetryWaiters(): void {
    const waiters = this.retryWaiters;
    this.retryWaiters = [];
    for (const wake of waiters) wake();
  }

  private report(report: WriteReport): void {
    try {
      this.opts.onWrite?.(report);
    } catch (error) {
      // Reported, and never allowed to break the writer.
      this.problem(error, { key: report.key, during: "onWrite" });
    }
  }

  private problem(error: unknown, context: StatusWriterErrorContext): void {
    reportTo(this.opts.onError, error, context, { source: "status-writer", key: context.key, phase: "handler" });
  }

  private resourceFor(doc: D): { resource: ResourceType; version: string } | undefined {
    const group = groupOf(doc.apiVersion);
    const version = versionOf(doc.apiVersion);
    const resource = (this.opts.resources ?? KNOWN_RESOURCES).find((r) => r.group === group && r.kind === doc.kind);
    return resource === undefined ? undefined : { resource, version };
  }

  private async write(key: string): Promise<void> {
    const signal = this.inFlight.signal;
    const backoff = new Backoff(this.opts.backoff);
    let readServer = false;
    let lastError: KubeApiError | undefined;
    let attempts = 0;
    const settle = (report: WriteReport) => {
      if (report.outcome !== "not-leader") this.forgetRetry(key);
      this.report(report);
    };
    while (attempts < this.maxAttempts) {
      if (!this.leading() || signal.aborted) return settle({ key, outcome: "not-leader", attempts });
      const doc = this.opts.statuses.get(key);
      if (doc === undefined) return settle({ key, outcome: "gone", attempts });
      attempts++;
      try {
        const outcome = await this.attempt(key, doc, readServer, signal);
        return settle({ key, outcome, attempts });
      } catch (caught) {
        const error = asKubeApiError(caught, `write status of ${key}`);
        lastError = error;
        if (signal.aborted) return settle({ key, outcome: "not-leader", attempts, error });
        if (error.notFound) return settle({ key, outcome: "gone", attempts, error });
        if (error.conflict) {
          this.counters.conflicts++;
          readServer = true; // our copy is stale: merge into the server's
        } else if (!error.transient) return settle({ key, outcome: "failed", attempts, error });
        if (attempts < this.maxAttempts && !(await sleep(backoff.next(), signal))) {
          return settle({ key, outcome: "not-leader", attempts, error });
        }
      }
    }
    // Transient failures (or conflicts) outlasted this round: the status stays queued.
    if (lastError !== undefined && this.leading() && !signal.aborted) this.retryLater({ key, outcome: "failed", attempts, error: lastError });
    else settle({ key, outcome: "not-leader", attempts, ...(lastError === undefined ? {} : { error: lastError }) });
  }

  /** One read-merge-compare-write. Throws the API's errors. */
  private async attempt(key: string, doc: D, readServer: boolean, signal: AbortSignal): Promise<WriteOutcome> {
    const target = this.resourceFor(doc);
    // Not retried: no attempt can make an unknown kind addressable (pass it in `resources`).
    if (target === undefined) throw new KubeApiError(400, `status writer: no resource type known for ${doc.apiVersion} ${doc.kind}`, "BadRequest");
    const { name, namespace } = doc.metadata;
    let base = readServer ? undefined : this.opts.current?.(doc);
    const last = this.lastWrites.get(key);
    this.lastWrites.delete(key);
    if (base !== undefined && last !== undefined && last.replaced === base.metadata.resourceVersion) base = last.result;
    if (base === undefined) {
      this.counters.reads++;
      base = (await this.opts.api.get(target.resource, target.version, name, namespace, signal)) as KubeObjectLike;
    }
    const state = this.opts.revision?.();
    if (state !== undefined && !isMine(base.metadata as { namespace?: string; labels?: Record<string, string> }, state)) return "not-ours";
    const status = mergeStatus(base.status, doc.status, { controllerName: this.opts.controllerName, namespace: namespace ?? "", now: this.now() });
    if (equal(status, base.status ?? {})) return "unchanged";
    // Checked again right before sending: leadership may have ended during the read.
    if (!this.leading() || signal.aborted) return "not-leader";
    this.counters.puts++;
    const result = await this.opts.api.replaceStatus(target.resource, versionOf(base.apiVersion), { ...base, status }, signal);
    if (typeof result === "object" && result !== null) this.lastWrites.set(key, { replaced: base.metadata.resourceVersion, result: result as KubeObjectLike });
    return "written";
  }
}
