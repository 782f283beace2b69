/**
 * {@link KubeApi} over `@kubernetes/client-node`: its KubeConfig for the server,
 * credentials and TLS, its request pipeline for lists, reads and status writes, and its
 * typed CoordinationV1Api for Leases. Watch streams are our own (watch-stream.ts), so
 * they can be cancelled before the server answers and report lines they cannot read.
 *
 * Objects are kept exactly as the server sent them. The library's typed models turn
 * timestamps into Date objects and drop fields they do not model, which would make a
 * listed object differ from the same object seen on a watch; so lists, reads and writes
 * go through a request helper that returns the parsed JSON untouched.
 */
import {
  ApiException,
  CoordinationV1Api,
  HttpMethod,
  KubernetesObjectApi,
  Observable,
  type KubeConfig,
  type KubernetesObject,
  type RequestContext,
  type ResponseContext,
  type V1Lease,
} from "@kubernetes/client-node";
import { errorFromStatus, KubeApiError, type KubeApi, type LeaseRecord, type ListPage, type WatchHandle } from "./api.js";
import { collectionPath, objectPath } from "./resources.js";
import { openWatchStream } from "./watch-stream.js";

/** Options of {@link clientNodeApi}. */
export interface ClientNodeApiOptions {
  /** Gives up on a request (not a watch) after this long. Default 30 s. */
  requestTimeoutMs?: number;
}

type Query = Record<string, string | number | boolean | undefined>;

/**
 * The library's request pipeline (server, credentials, TLS, middleware), answering
 * with the server's JSON as is instead of a typed model.
 */
class JsonRequests extends KubernetesObjectApi {
  async send(method: HttpMethod, path: string, query: Query, body: unknown, signal: AbortSignal): Promise<unknown> {
    const ctx: RequestContext = this.configuration.baseServer.makeRequestContext(path, method);
    ctx.setHeaderParam("Accept", "application/json");
    for (const [name, value] of Object.entries(query)) if (value !== undefined) ctx.setQueryParam(name, String(value));
    if (body !== undefined) {
      ctx.setHeaderParam("Content-Type", "application/json");
      ctx.setBody(JSON.stringify(body));
    }
    ctx.setSignal(signal);
    return this.requestPromise(ctx);
  }

  protected override async processResponse<T extends KubernetesObject>(response: ResponseContext): Promise<T> {
    const text = await response.body.text();
    const parsed = parseJson(text);
    if (response.httpStatusCode >= 200 && response.httpStatusCode <= 299) return parsed as T;
    throw new ApiException(response.httpStatusCode, "Unsuccessful HTTP Request", parsed, response.headers);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Any failure of the library (or of the network below it) as a {@link KubeApiError}. */
export function toKubeApiError(error: unknown, what: string): KubeApiError {
  if (error instanceof KubeApiError) return error;
  if (error instanceof ApiException) return errorFromStatus(error.body, error.code, what);
  const e = error as { statusCode?: unknown; code?: unknown; message?: unknown; name?: unknown };
  if (typeof e?.statusCode === "number") return new KubeApiError(e.statusCode, `${what}: HTTP ${e.statusCode}`);
  const message = typeof e?.message === "string" ? e.message : String(error);
  return new KubeApiError(0, `${what}: ${message}`);
}

/** A request middleware (in the library's Observable form) that aborts the request after `ms`. */
function timeoutMiddleware(ms: number) {
  return {
    pre: (ctx: RequestContext) => {
      ctx.setSignal(AbortSignal.timeout(ms));
      return new Observable(Promise.resolve(ctx));
    },
    post: (ctx: ResponseContext) => new Observable(Promise.resolve(ctx)),
  };
}

/** The library types Lease times as Dates but may hand back the wire's text. */
function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value !== "string" || value === "") return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.valueOf()) ? undefined : parsed;
}

function leaseRecord(lease: V1Lease): LeaseRecord {
  const spec = lease.spec ?? {};
  return {
    holderIdentity: spec.holderIdentity ?? "",
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: toDate(spec.acquireTime),
    renewTime: toDate(spec.renewTime),
    leaseTransitions: spec.leaseTransitions ?? 0,
    resourceVersion: lease.metadata?.resourceVersion,
  };
}

function leaseBody(namespace: string, name: string, record: LeaseRecord): V1Lease {
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name, namespace, ...(record.resourceVersion === undefined ? {} : { resourceVersion: record.resourceVersion }) },
    spec: {
      holderIdentity: record.holderIdentity,
      leaseDurationSeconds: record.leaseDurationSeconds,
      leaseTransitions: record.leaseTransitions,
      ...(record.acquireTime === undefined ? {} : { acquireTime: record.acquireTime }),
      ...(record.renewTime === undefined ? {} : { renewTime: record.renewTime }),
    },
  };
}

/** The Kubernetes API of the cluster `kubeConfig` points at. */
export function clientNodeApi(kubeConfig: KubeConfig, options: ClientNodeApiOptions = {}): KubeApi {
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const requests = kubeConfig.makeApiClient(JsonRequests);
  const leases = kubeConfig.makeApiClient(CoordinationV1Api);
  const leaseOptions = { middleware: [timeoutMiddleware(timeoutMs)], middlewareMergeStrategy: "append" as const };
  const signalFor = (signal: AbortSignal | undefined) => (signal === undefined ? AbortSignal.timeout(timeoutMs) : AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]));

  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toKubeApiError(error, what);
    }
  };

  return {
    async list(resource, version, opts): Promise<ListPage> {
      const path = collectionPath(resource, version, opts.namespace);
      const query: Query = { labelSelector: opts.labelSelector, limit: opts.limit, continue: opts.continueToken };
      const body = await call(`list ${path}`, () => requests.send(HttpMethod.GET, path, query, undefined, signalFor(opts.signal)));
      const list = (typeof body === "object" && body !== null ? body : {}) as { items?: unknown; metadata?: { resourceVersion?: unknown; continue?: unknown } };
      const next = list.metadata?.continue;
      return {
        items: Array.isArray(list.items) ? list.items : [],
        resourceVersion: typeof list.metadata?.resourceVersion === "string" ? list.metadata.resourceVersion : "",
        continueToken: typeof next === "string" && next !== "" ? next : undefined,
      };
    },

    async watch(resource, version, opts, onEvent, onDone): Promise<WatchHandle> {
      const path = collectionPath(resource, version, opts.namespace);
      const query: Query = {
        resourceVersion: opts.resourceVersion,
        allowWatchBookmarks: opts.allowWatchBookmarks,
        labelSelector: opts.labelSelector,
        timeoutSeconds: opts.timeoutSeconds,
      };
      // Aborted by the handle or by the caller's signal, whichever comes first; either
      // cancels the request even while it waits for response headers.
      const controller = new AbortController();
      const signal = opts.signal === undefined ? controller.signal : AbortSignal.any([opts.signal, controller.signal]);
      try {
        await openWatchStream(kubeConfig, path, query, signal, { onEvent, onDone });
      } catch (error) {
        throw toKubeApiError(error, `watch ${path}`);
      }
      return { abort: () => controller.abort() };
    },

    async get(resource, version, name, namespace, signal) {
      const path = objectPath(resource, version, name, namespace);
      return call(`get ${path}`, () => requests.send(HttpMethod.GET, path, {}, undefined, signalFor(signal)));
    },

    async replaceStatus(resource, version, object, signal) {
      const path = `${objectPath(resource, version, object.metadata.name, object.metadata.namespace)}/status`;
      return call(`update ${path}`, () => requests.send(HttpMethod.PUT, path, {}, object, signalFor(signal)));
    },

    async getLease(namespace, name) {
      try {
        return leaseRecord(await leases.readNamespacedLease({ name, namespace }, leaseOptions));
      } catch (error) {
        const failure = toKubeApiError(error, `get lease ${namespace}/${name}`);
        if (failure.notFound) return undefined;
        throw failure;
      }
    },

    async createLease(namespace, name, record) {
      const body = leaseBody(namespace, name, { ...record, resourceVersion: undefined });
      return call(`create lease ${namespace}/${name}`, async () => leaseRecord(await leases.createNamespacedLease({ namespace, body }, leaseOptions)));
    },

    async replaceLease(namespace, name, record) {
      const body = leaseBody(namespace, name, record);
      return call(`update lease ${namespace}/${name}`, async () => leaseRecord(await leases.replaceNamespacedLease({ name, namespace, body }, leaseOptions)));
    },
  };
}
