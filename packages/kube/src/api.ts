/**
 * The little of the Kubernetes API that informers, the status writer and leader
 * election use, as one interface. `clientNodeApi` implements it with
 * `@kubernetes/client-node`; keeping the surface this small keeps every retry and
 * error decision in our code, where it is tested, rather than spread over call sites.
 */
import type { ResourceType } from "./resources.js";

/** Where a list or watch looks: one namespace or all, and a label selector. */
export interface Scope {
  /** One namespace; undefined for every namespace (or a cluster-scoped kind). */
  namespace?: string | undefined;
  /** A Kubernetes label selector (`app=web,tier!=db`); undefined for all objects. */
  labelSelector?: string | undefined;
}

/** One page of a list. */
export interface ListPage {
  items: unknown[];
  resourceVersion: string;
  /** Set when more pages follow. */
  continueToken?: string | undefined;
}

export interface ListOptions extends Scope {
  limit?: number | undefined;
  continueToken?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface WatchOptions extends Scope {
  /** Resume after this version ("" would replay the current state as additions). */
  resourceVersion: string;
  allowWatchBookmarks: boolean;
  /** Asks the server to end the watch after this long (it then ends cleanly). */
  timeoutSeconds?: number | undefined;
  /**
   * Aborting it ends the watch like `WatchHandle.abort()`, but also works before the
   * handle exists: a request still waiting for response headers is cancelled.
   */
  signal?: AbortSignal | undefined;
}

/** The event types of a watch stream. */
export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

/** A running watch: aborting it ends the stream (and its done callback is not called). */
export interface WatchHandle {
  abort(): void;
}

/** A Lease's spec as leader election reads and writes it. */
export interface LeaseRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime?: Date | undefined;
  renewTime?: Date | undefined;
  leaseTransitions: number;
  /** The version read; a replace with it fails with a conflict if someone wrote since. */
  resourceVersion?: string | undefined;
}

/** The API calls Weft makes. Every method rejects with a {@link KubeApiError}. */
export interface KubeApi {
  list(resource: ResourceType, version: string, opts: ListOptions): Promise<ListPage>;
  /**
   * Starts a watch. `onEvent` receives each event; `onDone` is called once when the
   * stream ends by itself (null: closed cleanly), never after `abort()` (or the signal).
   * A line that is not a JSON event ends the stream with an error whose reason is
   * {@link MALFORMED_REASON}.
   */
  watch(
    resource: ResourceType,
    version: string,
    opts: WatchOptions,
    onEvent: (type: WatchEventType, object: unknown) => void,
    onDone: (error: KubeApiError | null) => void,
  ): Promise<WatchHandle>;
  get(resource: ResourceType, version: string, name: string, namespace?: string, signal?: AbortSignal): Promise<unknown>;
  /** PUT to the status subresource; `object.metadata.resourceVersion` is the precondition. */
  replaceStatus(resource: ResourceType, version: string, object: KubeObjectLike, signal?: AbortSignal): Promise<unknown>;
  getLease(namespace: string, name: string): Promise<LeaseRecord | undefined>;
  createLease(namespace: string, name: string, record: LeaseRecord): Promise<LeaseRecord>;
  replaceLease(namespace: string, name: string, record: LeaseRecord): Promise<LeaseRecord>;
}

/** The identity of an object as the API addresses it. */
export interface KubeObjectLike {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string | undefined; resourceVersion?: string | undefined };
  [field: string]: unknown;
}

/**
 * The reason of a {@link KubeApiError} for a watch event (or list item) that cannot be
 * read: unparseable, of no known type, or an object without a name. The object it was
 * about is unknown, so a reflector that meets one relists.
 */
export const MALFORMED_REASON = "MalformedEvent";

/**
 * A failed API call. `code` is the HTTP status (410 Gone, 409 Conflict...), or 0 when
 * no response came back (connection refused or dropped, timeout).
 */
export class KubeApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** The Status reason (`Conflict`, `Expired`, `NotFound`...), when the server gave one. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = "KubeApiError";
  }

  /** The resource version is too old: the history it needs was compacted. */
  get gone(): boolean {
    return this.code === 410 || this.reason === "Expired" || this.reason === "Gone";
  }

  /** A watch event (or list item) that could not be read: see {@link MALFORMED_REASON}. */
  get malformed(): boolean {
    return this.reason === MALFORMED_REASON;
  }

  get conflict(): boolean {
    return this.code === 409;
  }

  get notFound(): boolean {
    return this.code === 404;
  }

  /** Worth retrying as is: no response, throttling, or a server-side failure. */
  get transient(): boolean {
    return this.code === 0 || this.code === 429 || this.code >= 500;
  }
}

/** A `metav1.Status` body, as sent with errors and in watch ERROR events. */
export interface StatusBody {
  code?: number;
  reason?: string;
  message?: string;
}

/** Turns a Status object (from a watch ERROR event or an error body) into an error. */
export function errorFromStatus(status: unknown, fallbackCode: number, what: string): KubeApiError {
  const body = (typeof status === "object" && status !== null ? status : {}) as StatusBody;
  const code = typeof body.code === "number" ? body.code : fallbackCode;
  const reason = typeof body.reason === "string" ? body.reason : undefined;
  const message = typeof body.message === "string" ? body.message : `HTTP ${code}`;
  return new KubeApiError(code, `${what}: ${message}`, reason);
}

/** Any rejection as a {@link KubeApiError} (a foreign error counts as "no response"). */
export function asKubeApiError(error: unknown, what: string): KubeApiError {
  if (error instanceof KubeApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new KubeApiError(0, `${what}: ${message}`);
}
