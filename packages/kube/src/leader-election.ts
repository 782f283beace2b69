/**
 * Leader election over a coordination.k8s.io Lease, as client-go does it: candidates
 * try to take the Lease when its holder has not renewed it for its duration; the
 * holder renews it every retry period; every write is conditional on the Lease's
 * resourceVersion, so of two candidates racing only one can win.
 *
 * Whether this replica leads is decided on its own clock, conservatively: it leads
 * only while its last successful renewal (timed from before the request was sent) is
 * younger than the renew deadline, which is shorter than the lease duration another
 * candidate must wait out. So a stalled or partitioned leader stops counting itself
 * leader before anyone else can start, even if its timers run late.
 */
import { reportTo } from "@weft/krt";
import { asKubeApiError, type KubeApi, type LeaseRecord } from "./api.js";
import { sleep } from "./backoff.js";

/** Something that says whether this replica may act, and tells when that changes. */
export interface Leadership {
  isLeader(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (leading: boolean) => void): () => void;
}

export interface LeaderElectionOptions {
  namespace: string;
  /** The Lease's name: one per controller that elects a leader. */
  name: string;
  /** This replica's identity, unique among the candidates (a pod name). */
  identity: string;
  /** How long a Lease stays valid without renewal. Default 15 s. Whole seconds on the wire. */
  leaseDurationMs?: number;
  /** How long the leader keeps trying to renew before it gives up leading. Default 10 s. */
  renewDeadlineMs?: number;
  /** Time between attempts (to acquire, or to renew). Default 2 s. */
  retryPeriodMs?: number;
  /** On stop, hand the Lease back so another replica takes over at once. Default true. */
  releaseOnStop?: boolean;
  /**
   * Told of failing Lease requests (`during: "election"` or `"release"`, the error a
   * `KubeApiError`) and of subscribers that throw (`during: "listener"`). Without it
   * they go to the shared error sink (`setErrorSink` of @weft/krt); one that throws
   * is reported there too. The election carries on either way.
   */
  onError?: (error: unknown, context: LeaderElectionErrorContext) => void;
  /** For tests; default Date.now. */
  clock?: () => number;
}

/** What a leader elector's `onError` is told beside the error. */
export interface LeaderElectionErrorContext {
  /** The Lease, `namespace/name`. */
  lease: string;
  during: "election" | "release" | "listener";
}

/** Counters of what the elector did. */
export interface LeaderElectionStats {
  acquisitions: number;
  renewals: number;
  lost: number;
}

export class LeaderElector implements Leadership {
  private readonly controller = new AbortController();
  private readonly listeners = new Set<(leading: boolean) => void>();
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly clock: () => number;
  private running: Promise<void> | undefined;
  private leading = false;
  /** When the request of the last successful acquire or renew was sent. */
  private renewedAt = 0;
  /** The last Lease content seen, and when it was first seen (on our clock). */
  private observed: { key: string; at: number } | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private readonly counters: LeaderElectionStats = { acquisitions: 0, renewals: 0, lost: 0 };

  constructor(
    private readonly api: KubeApi,
    private readonly opts: LeaderElectionOptions,
  ) {
    this.leaseDurationMs = opts.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = opts.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = opts.retryPeriodMs ?? 2_000;
    if (!(this.renewDeadlineMs < this.leaseDurationMs)) throw new Error("leader election: renewDeadlineMs must be shorter than leaseDurationMs");
    if (!(this.retryPeriodMs < this.renewDeadlineMs)) throw new Error("leader election: retryPeriodMs must be shorter than renewDeadlineMs");
    this.clock = opts.clock ?? Date.now;
  }

  get identity(): string {
    return this.opts.identity;
  }

  get stats(): LeaderElectionStats {
    return { ...this.counters };
  }

  isLeader(): boolean {
    return this.leading && this.clock() - this.renewedAt < this.renewDeadlineMs;
  }

  subscribe(listener: (leading: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): this {
    this.running ??= this.run();
    return this;
  }

  /** Stops campaigning; a leader stops leading at once and (by default) releases the Lease. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
    const wasLeading = this.leading;
    this.stepDown(false);
    if (wasLeading && (this.opts.releaseOnStop ?? true)) await this.release();
  }

  /**
   * Hands the Lease back (no holder, 1 s) so the next candidate takes it at its next
   * try. Read fresh: a renewal racing the stop may have moved its version.
   */
  private async release(): Promise<void> {
    const { namespace, name, identity } = this.opts;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const current = await this.api.getLease(namespace, name);
        if (current === undefined || current.holderIdentity !== identity) return;
        await this.api.replaceLease(namespace, name, { ...current, holderIdentity: "", leaseDurationSeconds: 1, renewTime: new Date() });
        return;
      } catch (error) {
        const failure = asKubeApiError(error, "release lease");
        if (!failure.conflict) return this.problem(failure, "release");
      }
    }
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  private problem(error: unknown, during: LeaderElectionErrorContext["during"]): void {
    const lease = `${this.opts.namespace}/${this.opts.name}`;
    reportTo(this.opts.onError, error, { lease, during }, { source: `leader-election ${lease}`, key: this.opts.identity, phase: during === "listener" ? "handler" : "request" });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(this.leading);
      } catch (error) {
        // Reported, and the other listeners still hear.
        this.problem(error, "listener");
      }
    }
  }

  private stepDown(countAsLost: boolean): void {
    clearTimeout(this.deadlineTimer);
    if (!this.leading) return;
    this.leading = false;
    if (countAsLost) this.counters.lost++;
    this.notify();
  }

  private async run(): Promise<void> {
    while (!this.signal.aborted) {
      // Jitter keeps candidates from polling in step.
      const wait = this.leading ? this.retryPeriodMs : this.retryPeriodMs * (1 + 0.2 * Math.random());
      const attempt = this.clock();
      try {
        await this.tryAcquireOrRenew(attempt);
      } catch (error) {
        this.problem(asKubeApiError(error, "leader election"), "election");
      }
      if (this.leading && !this.isLeader()) this.stepDown(true);
      if (!(await sleep(wait, this.signal))) return;
    }
  }

  private async tryAcquireOrRenew(sentAt: number): Promise<void> {
    const { namespace, name, identity } = this.opts;
    const durationSeconds = Math.max(1, Math.ceil(this.leaseDurationMs / 1000));
    const now = new Date();
    const current = await this.api.getLease(namespace, name);
    if (this.signal.aborted) return;
    if (current === undefined) {
      try {
        const created = await this.api.createLease(namespace, name, { holderIdentity: identity, leaseDurationSeconds: durationSeconds, acquireTime: now, renewTime: now, leaseTransitions: 0 });
        return this.won(created, sentAt, true);
      } catch (error) {
        const failure = asKubeApiError(error, "create lease");
        // AlreadyExists: another candidate created it between our read and our create;
        // like a lost update, the next round reads who holds it. Not an error to report.
        if (!failure.conflict) throw failure;
        return;
      }
    }
    this.observe(current);
    const ours = current.holderIdentity === identity;
    if (!ours) {
      // Someone else holds it (or we lost it): we are not leading, whatever we thought.
      this.stepDown(true);
      if (current.holderIdentity !== "" && !this.expired(current)) return;
    }
    const next: LeaseRecord = {
      ...current,
      holderIdentity: identity,
      leaseDurationSeconds: durationSeconds,
      renewTime: now,
      ...(ours ? {} : { acquireTime: now, leaseTransitions: current.leaseTransitions + 1 }),
    };
    try {
      const written = await this.api.replaceLease(namespace, name, next);
      this.won(written, sentAt, !ours || !this.leading);
    } catch (error) {
      const failure = asKubeApiError(error, "update lease");
      // A conflict means another candidate wrote first; the next round reads who.
      if (!failure.conflict) throw failure;
    }
  }

  /** Whether the holder has let the Lease lapse, judged by when we first saw its current content. */
  private expired(record: LeaseRecord): boolean {
    const seenAt = this.observed?.at ?? this.clock();
    return this.clock() - seenAt > record.leaseDurationSeconds * 1000;
  }

  private observe(record: LeaseRecord): void {
    const key = `${record.holderIdentity}|${record.renewTime?.valueOf() ?? ""}|${record.resourceVersion ?? ""}`;
    if (this.observed?.key !== key) this.observed = { key, at: this.clock() };
  }

  private won(record: LeaseRecord, sentAt: number, acquired: boolean): void {
    if (this.signal.aborted) return;
    this.renewedAt = sentAt;
    this.observe(record);
    clearTimeout(this.deadlineTimer);
    // Step down on our own clock if no renewal succeeds in time, even if the loop is late.
    this.deadlineTimer = setTimeout(() => this.stepDown(true), Math.max(0, sentAt + this.renewDeadlineMs - this.clock()));
    if (acquired) this.counters.acquisitions++;
    else this.counters.renewals++;
    if (!this.leading) {
      this.leading = true;
      this.notify();
    }
  }
}
