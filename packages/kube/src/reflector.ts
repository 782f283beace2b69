/**
 * A reflector keeps a local copy of one resource type in one scope (a namespace or all
 * of them, and a label selector) in step with the API server: it lists, then watches
 * from the list's resourceVersion, and after a watch ends it resumes from the last
 * version it saw (bookmarks included), so nothing is missed and nothing is re-listed.
 * Only when the server says that version is too old (410 Gone) does it list again.
 * Failures are retried with backoff; a stop ends everything at once.
 *
 * What it learns goes to a sink: whole lists (`replace`) and runs of watch events
 * (`apply`), the events of one network read delivered together so the sink can apply
 * them as one krt batch.
 */
import { reportTo } from "@weft/krt";
import { asKubeApiError, errorFromStatus, KubeApiError, MALFORMED_REASON, type KubeApi, type ListPage, type WatchEventType, type WatchHandle } from "./api.js";
import { Backoff, sleep, type BackoffOptions } from "./backoff.js";
import { apiVersionOf, type ResourceType } from "./resources.js";

/** A change seen on a watch. */
export interface WatchChange {
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: RawObject;
}

/** An object as the server sent it, with apiVersion and kind filled in. */
export interface RawObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** Where a reflector delivers what it learns. */
export interface ReflectorSink {
  /** The complete current content of the scope (after a list). */
  replace(objects: RawObject[]): void;
  /** Watch events, in order. */
  apply(changes: WatchChange[]): void;
  /** The first list has been delivered (or the kind is not served and is optional). */
  synced(): void;
}

/** Where a reflector met the error it is recovering from (what its `onError` is told beside the error). */
export interface ReflectorErrorContext {
  phase: "list" | "watch";
  resource: ResourceType;
  namespace: string | undefined;
  /** How long until the next attempt. */
  retryInMs: number;
}

export interface ReflectorOptions {
  namespace?: string | undefined;
  labelSelector?: string | undefined;
  /** Items per list page. Default 500; 0 lists in one request. */
  pageSize?: number;
  backoff?: BackoffOptions;
  /** Asked of the server per watch. Default: 5 to 10 minutes, at random. */
  watchTimeoutSeconds?: number;
  /** A watch that neither ends nor delivers anything for this long is abandoned. Default: its timeout plus 30 s. */
  watchStallMs?: number;
  /**
   * The kind may not be installed (a CRD): when no version is served, report the
   * scope as empty and synced, and look again after `notServedRetryMs`.
   */
  optional?: boolean;
  /** Default 60 s. */
  notServedRetryMs?: number;
  /**
   * Told of every failing request (being retried). Without it the error goes to the
   * shared error sink (`setErrorSink` of @weft/krt); one that throws is reported there too.
   */
  onError?: (error: KubeApiError, context: ReflectorErrorContext) => void;
}

/** Counters, for observing (and testing) what the reflector did. */
export interface ReflectorStats {
  lists: number;
  relists: number;
  watches: number;
  events: number;
  bookmarks: number;
  /** The version the next watch resumes from ("" before the first list). */
  resourceVersion: string;
  /** The API version the server answered to. */
  version: string;
}

type WatchOutcome =
  | { kind: "stopped" }
  | { kind: "closed"; delivered: number; lastedMs: number }
  | { kind: "gone" }
  | { kind: "stalled" }
  | { kind: "malformed"; error: KubeApiError; delivered: number }
  | { kind: "error"; error: KubeApiError; delivered: number };

/** A watch that lasted this long, or delivered anything, was healthy: the backoff starts over. */
const HEALTHY_WATCH_MS = 1000;

export class Reflector {
  private readonly controller = new AbortController();
  private readonly backoff: Backoff;
  /** Delays relists after malformed events that come again and again (the first is relisted at once). */
  private readonly malformedBackoff: Backoff;
  private malformedStreak = 0;
  private running: Promise<void> | undefined;
  private versionIndex = 0;
  /** undefined: the next step is a list. */
  private resumeFrom: string | undefined;
  private pending: WatchChange[] = [];
  private flushScheduled = false;
  private hasListed = false;
  private readonly counters = { lists: 0, relists: 0, watches: 0, events: 0, bookmarks: 0 };

  constructor(
    private readonly api: KubeApi,
    readonly resource: ResourceType,
    private readonly opts: ReflectorOptions,
    private readonly sink: ReflectorSink,
  ) {
    if (resource.versions.length === 0) throw new Error(`${resource.kind}: no versions to ask for`);
    this.backoff = new Backoff(opts.backoff);
    this.malformedBackoff = new Backoff(opts.backoff);
  }

  get stats(): ReflectorStats {
    return { ...this.counters, resourceVersion: this.resumeFrom ?? "", version: this.version };
  }

  private get version(): string {
    return this.resource.versions[this.versionIndex]!;
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Stops at once: the open watch is closed, a pending retry is cancelled. */
  async stop(): Promise<void> {
    this.controller.abort();
    this.pending = [];
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.signal.aborted) {
      if (this.resumeFrom === undefined) {
        await this.listStep();
        continue;
      }
      const outcome = await this.watchOnce(this.resumeFrom);
      switch (outcome.kind) {
        case "stopped":
          return;
        case "gone":
          // Our version is older than the server's history: only a new list can tell what changed.
          this.resumeFrom = undefined;
          this.counters.relists++;
          break;
        case "stalled":
          this.report(new KubeApiError(0, `watch of ${this.resource.kind} went silent; reconnecting`), "watch", 0);
          break;
        case "malformed": {
          // The event that could not be read was about some object, which is now out of
          // date or missing, and a resume would start after it: only a list can tell.
          // The first relist is at once; a server that keeps sending such events is
          // relisted with the growing delays of its own backoff.
          if (outcome.delivered > 0) {
            this.malformedStreak = 0; // good events came in between: this one is news
            this.malformedBackoff.reset();
          }
          const delay = this.malformedStreak++ === 0 ? 0 : this.malformedBackoff.next();
          this.report(outcome.error, "watch", delay);
          this.resumeFrom = undefined;
          this.counters.relists++;
          if (delay > 0) await sleep(delay, this.signal);
          break;
        }
        case "closed":
          // A watch ending cleanly is routine (its timeout elapsed). Only one that ends at
          // once and empty, again and again, gets slowed down.
          if (outcome.delivered > 0 || outcome.lastedMs >= HEALTHY_WATCH_MS) {
            this.backoff.reset();
            this.malformedStreak = 0;
            this.malformedBackoff.reset();
          } else await sleep(this.backoff.next(), this.signal);
          break;
        case "error": {
          if (outcome.delivered > 0) this.backoff.reset();
          const delay = this.backoff.next();
          this.report(outcome.error, "watch", delay);
          await sleep(delay, this.signal);
          break;
        }
      }
    }
  }

  private report(error: KubeApiError, phase: "list" | "watch", retryInMs: number): void {
    const { namespace } = this.opts;
    reportTo(this.opts.onError, error, { phase, resource: this.resource, namespace, retryInMs }, { source: `reflector ${this.resource.kind}`, ...(namespace === undefined ? {} : { key: namespace }), phase: "request" });
  }

  /** One attempt at a complete list; on failure it waits out the backoff before returning. */
  private async listStep(): Promise<void> {
    try {
      const { items, resourceVersion } = await this.listAll();
      if (this.signal.aborted) return;
      this.counters.lists++;
      this.sink.replace(items);
      this.resumeFrom = resourceVersion;
      this.backoff.reset();
      this.markListed();
    } catch (caught) {
      if (this.signal.aborted) return;
      const error = asKubeApiError(caught, `list ${this.resource.kind}`);
      if (error.notFound && this.versionIndex + 1 < this.resource.versions.length) {
        this.versionIndex++; // try the next version at once
        return;
      }
      this.versionIndex = 0;
      if (error.notFound && this.opts.optional) {
        // Not installed: an empty, synced scope, and a look now and then in case it appears.
        this.counters.lists++;
        this.sink.replace([]);
        this.markListed();
        const delay = this.opts.notServedRetryMs ?? 60_000;
        this.report(error, "list", delay);
        await sleep(delay, this.signal);
        return;
      }
      const delay = this.backoff.next();
      this.report(error, "list", delay);
      await sleep(delay, this.signal);
    }
  }

  private markListed(): void {
    if (this.hasListed) return;
    this.hasListed = true;
    this.sink.synced();
  }

  /**
   * Every page of a list, as one consistent snapshot. When the snapshot behind a continue
   * token has expired (410), the pages read so far are thrown away and the list starts
   * over, in one request as client-go does (a list without a continue token cannot
   * expire); nothing is returned, so nothing is replaced, until a list has completed.
   */
  private async listAll(): Promise<{ items: RawObject[]; resourceVersion: string }> {
    const pageSize = this.opts.pageSize ?? 500;
    let items: RawObject[] = [];
    let continueToken: string | undefined;
    let resourceVersion = "";
    let limit: number | undefined = pageSize > 0 ? pageSize : undefined;
    let restarted = false;
    for (;;) {
      let page: ListPage;
      try {
        page = await this.api.list(this.resource, this.version, {
          namespace: this.opts.namespace,
          labelSelector: this.opts.labelSelector,
          limit,
          continueToken,
          signal: this.signal,
        });
      } catch (caught) {
        const error = asKubeApiError(caught, `list ${this.resource.kind}`);
        // Started over once already (a server that expires even that): back off instead.
        if (continueToken === undefined || !error.gone || restarted || this.signal.aborted) throw error;
        this.report(error, "list", 0);
        restarted = true;
        items = [];
        continueToken = undefined;
        limit = undefined;
        continue;
      }
      if (this.signal.aborted) throw new KubeApiError(0, `list ${this.resource.kind}: stopped`);
      for (const item of page.items) {
        const object = this.complete(item);
        if (object !== undefined) items.push(object);
        else this.report(new KubeApiError(0, `list ${this.resource.kind}: an item without metadata.name was left out`, MALFORMED_REASON), "list", 0);
      }
      resourceVersion = page.resourceVersion;
      continueToken = page.continueToken;
      if (continueToken === undefined) return { items, resourceVersion };
    }
  }

  /** The object with apiVersion and kind (core-group list items come without them). */
  private complete(value: unknown): RawObject | undefined {
    if (typeof value !== "object" || value === null) return undefined;
    const object = value as Partial<RawObject>;
    if (typeof object.metadata !== "object" || object.metadata === null || typeof object.metadata.name !== "string") return undefined;
    return { ...object, apiVersion: object.apiVersion ?? apiVersionOf(this.resource.group, this.version), kind: object.kind ?? this.resource.kind } as RawObject;
  }

  private watchTimeoutSeconds(): number {
    return this.opts.watchTimeoutSeconds ?? Math.floor(300 * (1 + Math.random()));
  }

  /**
   * One watch, until it ends. Its request has its own abort signal: whatever ends the
   * watch (a stall, an error, a stop) aborts the request too, even one still waiting for
   * response headers, so an abandoned watch never keeps its connection open.
   */
  private watchOnce(from: string): Promise<WatchOutcome> {
    const timeoutSeconds = this.watchTimeoutSeconds();
    const stallMs = this.opts.watchStallMs ?? timeoutSeconds * 1000 + 30_000;
    const started = Date.now();
    const request = new AbortController();
    let delivered = 0;
    this.counters.watches++;
    return new Promise<WatchOutcome>((resolve) => {
      let settled = false;
      let handle: WatchHandle | undefined;
      let stallTimer: NodeJS.Timeout | undefined;
      const armStallTimer = () => {
        clearTimeout(stallTimer);
        stallTimer = setTimeout(() => finish({ kind: "stalled" }), stallMs);
      };
      const finish = (outcome: WatchOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(stallTimer);
        this.signal.removeEventListener("abort", onAbort);
        request.abort();
        handle?.abort();
        // Events read before the end are applied before anything that follows (a relist).
        if (outcome.kind !== "stopped") this.flush();
        resolve(outcome);
      };
      const onAbort = () => finish({ kind: "stopped" });
      if (this.signal.aborted) return finish({ kind: "stopped" });
      this.signal.addEventListener("abort", onAbort, { once: true });
      armStallTimer();

      const malformed = (what: string) => finish({ kind: "malformed", error: new KubeApiError(0, `watch ${this.resource.kind}: ${what}; relisting`, MALFORMED_REASON), delivered });
      const onEvent = (type: WatchEventType, object: unknown) => {
        if (settled) return;
        armStallTimer();
        if (type === "ERROR") {
          const error = errorFromStatus(object, 500, `watch ${this.resource.kind}`);
          return finish(error.gone ? { kind: "gone" } : { kind: "error", error, delivered });
        }
        const version = (object as { metadata?: { resourceVersion?: unknown } } | null)?.metadata?.resourceVersion;
        if (type === "BOOKMARK") {
          this.counters.bookmarks++;
          if (typeof version === "string" && version !== "") this.resumeFrom = version;
          return;
        }
        if (type !== "ADDED" && type !== "MODIFIED" && type !== "DELETED") return malformed(`an event of unknown type ${JSON.stringify(String(type)).slice(0, 40)}`);
        const complete = this.complete(object);
        if (complete === undefined) return malformed(`a ${type} event without an object name`);
        delivered++;
        this.counters.events++;
        if (typeof version === "string" && version !== "") this.resumeFrom = version;
        this.pending.push({ type, object: complete });
        this.scheduleFlush();
      };
      const onDone = (error: KubeApiError | null) => {
        if (error === null) return finish({ kind: "closed", delivered, lastedMs: Date.now() - started });
        if (error.malformed) return finish({ kind: "malformed", error, delivered });
        finish(error.gone ? { kind: "gone" } : { kind: "error", error, delivered });
      };
      this.api
        .watch(
          this.resource,
          this.version,
          {
            namespace: this.opts.namespace,
            labelSelector: this.opts.labelSelector,
            resourceVersion: from,
            allowWatchBookmarks: true,
            timeoutSeconds,
            signal: request.signal,
          },
          onEvent,
          onDone,
        )
        .then(
          (h) => {
            handle = h;
            if (settled) h.abort();
          },
          (caught: unknown) => {
            const error = asKubeApiError(caught, `watch ${this.resource.kind}`);
            finish(error.gone ? { kind: "gone" } : { kind: "error", error, delivered });
          },
        );
    });
  }

  /** Events of one read arrive in one tick; delivering them on the next makes them one batch. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.pending.length === 0 || this.signal.aborted) return;
    const changes = this.pending;
    this.pending = [];
    this.sink.apply(changes);
  }
}
