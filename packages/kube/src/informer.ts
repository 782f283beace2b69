/**
 * Informers: a krt static collection kept equal to what the API server holds for one
 * resource type, in chosen namespaces and under a label selector. One reflector per
 * namespace (or one for all) lists and watches; what they learn is written to the
 * collection in krt batches, so a burst of watch events recomputes each derived key
 * once. The collection reports synced once every reflector has delivered its first list.
 */
import { objectKey, parseObject } from "@weft/api";
import { batch, reportTo, staticCollection, type Collection, type StaticCollection } from "@weft/krt";
import type { KubeApi } from "./api.js";
import { Reflector, type RawObject, type ReflectorErrorContext, type ReflectorOptions, type ReflectorStats, type WatchChange } from "./reflector.js";
import type { ResourceType } from "./resources.js";

/** What an informer makes of one object: the item to keep, or why it is rejected. */
export type ParseOutcome<T> = { ok: true; item: T } | { ok: false; problems: string[] };

/**
 * What an informer's `onError` is told beside the error: a failing request (being
 * retried; the error is a `KubeApiError`) or an object it rejected (the error is an
 * `InvalidObjectError`).
 */
export type InformerErrorContext = ({ type: "request" } & ReflectorErrorContext) | { type: "invalid"; resource: ResourceType; key: string; problems: string[] };

/** An object the informer left out because it did not parse (or `parse` threw). */
export class InvalidObjectError extends Error {
  constructor(
    readonly kind: string,
    readonly key: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid ${kind} ${key}: ${problems.join("; ")}`);
    this.name = "InvalidObjectError";
  }
}

/** The list/watch tuning an informer hands to each of its reflectors, documented there. */
type WatchTuning = Pick<ReflectorOptions, "pageSize" | "backoff" | "watchTimeoutSeconds" | "watchStallMs" | "optional" | "notServedRetryMs">;
const WATCH_TUNING_KEYS = ["pageSize", "backoff", "watchTimeoutSeconds", "watchStallMs", "optional", "notServedRetryMs"] as const satisfies readonly (keyof WatchTuning)[];

export interface InformerOptions<T> extends WatchTuning {
  /** Shown in errors and the krt graph. Default: the kind. */
  name?: string;
  /** Watch only these namespaces (one watch each). Default: all. */
  namespaces?: readonly string[];
  /** A label selector, as text (`app=web,tier!=db`) or as labels that must all match. */
  labelSelector?: string | Readonly<Record<string, string>>;
  /**
   * Turns a server object into an item. Default: validated with @weft/api's schemas
   * when the kind is one it knows (an invalid object is reported and left out), kept
   * as is otherwise; `metadata.managedFields` is dropped either way.
   */
  parse?: (object: RawObject) => ParseOutcome<T>;
  /**
   * Told of failing requests (retried) and rejected objects. Without it they go to the
   * shared error sink (`setErrorSink` of @weft/krt); one that throws is reported there too,
   * and the informer carries on.
   */
  onError?: (error: unknown, context: InformerErrorContext) => void;
}

/** A running informer. */
export interface Informer<T> {
  /** The objects, kept up to date; feed it to krt transforms. */
  readonly collection: Collection<T>;
  readonly resource: ResourceType;
  /** Starts listing and watching (once; later calls do nothing). */
  start(): this;
  /** Stops every watch and retry; the collection keeps its last content. */
  stop(): Promise<void>;
  hasSynced(): boolean;
  waitUntilSynced(signal?: AbortSignal): Promise<void>;
  /** Per-scope counters (one entry per namespace watched, or one for all). */
  stats(): ReflectorStats[];
}

/** `a=b,c=d` from labels that must all match. */
export function selectorText(selector: string | Readonly<Record<string, string>> | undefined): string | undefined {
  if (selector === undefined || typeof selector === "string") return selector === "" ? undefined : selector;
  const terms = Object.entries(selector).map(([k, v]) => `${k}=${v}`);
  return terms.length === 0 ? undefined : terms.join(",");
}

function withoutManagedFields(object: RawObject): RawObject {
  if (!("managedFields" in object.metadata)) return object;
  const { managedFields: _dropped, ...metadata } = object.metadata;
  return { ...object, metadata };
}

/** The default parse: @weft/api's schema for known kinds, the object as is otherwise. */
export function defaultParse<T>(object: RawObject): ParseOutcome<T> {
  const trimmed = withoutManagedFields(object);
  const parsed = parseObject(trimmed, { source: `${object.kind} ${objectKey(object)}` });
  if (parsed.ok) return { ok: true, item: parsed.object as T };
  const unknownKind = parsed.errors.every((e) => e.path === "kind" || e.path === "apiVersion");
  if (unknownKind) return { ok: true, item: trimmed as T };
  return { ok: false, problems: parsed.errors.map((e) => `${e.path === "" ? "" : `${e.path}: `}${e.message}`) };
}

class InformerImpl<T> implements Informer<T> {
  private readonly store: StaticCollection<T>;
  private readonly reflectors: Reflector[];
  private readonly synced = new Set<Reflector>();
  private started = false;

  constructor(
    api: KubeApi,
    readonly resource: ResourceType,
    private readonly opts: InformerOptions<T>,
  ) {
    this.store = staticCollection<T>([], { name: opts.name ?? resource.kind, synced: false, key: (item) => objectKey(item as RawObject) });
    const labelSelector = selectorText(opts.labelSelector);
    const namespaces: (string | undefined)[] = resource.namespaced && opts.namespaces !== undefined ? [...new Set(opts.namespaces)] : [undefined];
    this.reflectors = namespaces.map((namespace) => {
      // Each reflector owns the keys it delivered, so one namespace's relist never
      // deletes another's objects.
      const owned = new Set<string>();
      const reflector: Reflector = new Reflector(
        api,
        resource,
        {
          namespace,
          labelSelector,
          ...watchTuning(opts),
          onError: (error, context) => this.tell(error, { type: "request", ...context }),
        },
        {
          replace: (objects) => this.replace(owned, objects),
          apply: (changes) => this.apply(owned, changes),
          synced: () => this.reflectorSynced(reflector),
        },
      );
      return reflector;
    });
  }

  get collection(): Collection<T> {
    return this.store;
  }

  start(): this {
    if (!this.started) {
      this.started = true;
      for (const r of this.reflectors) r.start();
    }
    return this;
  }

  async stop(): Promise<void> {
    await Promise.all(this.reflectors.map((r) => r.stop()));
  }

  hasSynced(): boolean {
    return this.store.hasSynced();
  }

  waitUntilSynced(signal?: AbortSignal): Promise<void> {
    return this.store.waitUntilSynced(signal);
  }

  stats(): ReflectorStats[] {
    return this.reflectors.map((r) => r.stats);
  }

  private tell(error: unknown, context: InformerErrorContext): void {
    const key = context.type === "invalid" ? context.key : context.namespace;
    reportTo(this.opts.onError, error, context, { source: `informer ${this.store.name}`, ...(key === undefined ? {} : { key }), phase: context.type === "invalid" ? "input" : "request" });
  }

  private parse(object: RawObject): ParseOutcome<T> {
    try {
      return (this.opts.parse ?? defaultParse<T>)(object);
    } catch (error) {
      return { ok: false, problems: [`parse failed: ${error instanceof Error ? error.message : String(error)}`] };
    }
  }

  /** Keeps a valid object; an invalid one is reported and removed (its old version is no longer true). */
  private upsert(owned: Set<string>, object: RawObject): string {
    const key = objectKey(object);
    const outcome = this.parse(object);
    if (outcome.ok) {
      this.store.set(outcome.item);
      owned.add(key);
    } else {
      this.tell(new InvalidObjectError(this.resource.kind, key, outcome.problems), { type: "invalid", resource: this.resource, key, problems: outcome.problems });
      this.store.delete(key);
      owned.delete(key);
    }
    return key;
  }

  private replace(owned: Set<string>, objects: RawObject[]): void {
    batch(() => {
      const seen = new Set<string>();
      for (const object of objects) seen.add(this.upsert(owned, object));
      for (const key of [...owned]) {
        if (seen.has(key)) continue;
        owned.delete(key);
        this.store.delete(key);
      }
    });
  }

  private apply(owned: Set<string>, changes: WatchChange[]): void {
    batch(() => {
      for (const change of changes) {
        if (change.type === "DELETED") {
          const key = objectKey(change.object);
          owned.delete(key);
          this.store.delete(key);
        } else this.upsert(owned, change.object);
      }
    });
  }

  private reflectorSynced(reflector: Reflector): void {
    this.synced.add(reflector);
    if (this.synced.size === this.reflectors.length) this.store.markSynced();
  }
}

/**
 * An informer for `resource` through `api`. Call `start()`; the collection fills from
 * the first list and follows every change after it.
 */
export function informer<T = RawObject>(api: KubeApi, resource: ResourceType, opts: InformerOptions<T> = {}): Informer<T> {
  return new InformerImpl<T>(api, resource, opts);
}

/** The tuning options that were given (absent ones stay absent, for the reflector's defaults). */
function watchTuning(opts: WatchTuning): WatchTuning {
  const out: Record<string, unknown> = {};
  for (const key of WATCH_TUNING_KEYS) if (opts[key] !== undefined) out[key] = opts[key];
  return out as WatchTuning;
}
