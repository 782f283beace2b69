/**
 * An Aggregated Discovery Service over @grpc/grpc-js serving what a krt collection of
 * xDS resources holds, in both protocol variants (state of the world and delta). Each
 * change of the collection is pushed, as it happens, to the streams subscribed to what
 * changed, and only that, as fast as each client reads (at most one response per type
 * queued per stream, built from the newest state). What a client can make the server
 * keep is bounded (`limits`) and freed when its stream ends.
 *
 *   const server = new AdsServer(xds.resources, { onNack: (e) => log(e) });
 *   const port = await server.listen("127.0.0.1:0");
 *   ...
 *   await server.close();
 */
import { Server, ServerCredentials, status, type ServerDuplexStream } from "@grpc/grpc-js";
import { EventEmitter } from "node:events";
import type { Node } from "../gen/envoy/config/core/v3/base_pb.js";
import type { DeltaDiscoveryRequest, DiscoveryRequest } from "../gen/envoy/service/discovery/v3/discovery_pb.js";
import { reportTo, type Collection } from "@weft/krt";
import type { XdsResource } from "../resource.js";
import { adsServerDefinition } from "./ads-service.js";
import { defaultScopeOf } from "./client-scope.js";
import { DeltaStream } from "./delta-stream.js";
import type { AdsEvents, ClientStatus, Emit, PushStats } from "./events.js";
import { resolveLimits, type AdsLimits } from "./limits.js";
import { copyStats, emptyStats } from "./push-stats.js";
import { ResourceStore } from "./resource-store.js";
import { SotwStream } from "./sotw-stream.js";
import type { StreamContext } from "./stream-context.js";

export interface AdsServerOptions {
  /**
   * The scope of a client's resources from its node (see `GRPC_SCOPE`, `gatewayScope`).
   * Default: node metadata `WEFT_GATEWAY` names a gateway proxy; otherwise a proxyless
   * gRPC client.
   */
  scopeOf?: (node: Node | undefined) => string;
  /** Told when a client rejects a response (it keeps its previous configuration). */
  onNack?: (event: AdsEvents["nack"]) => void;
  onAck?: (event: AdsEvents["ack"]) => void;
  /** Bounds on what one stream may make the server keep; see `AdsLimits` for the defaults. */
  limits?: Partial<AdsLimits>;
  /**
   * Told when a listener (`on`, `onAck`, `onNack`) or `scopeOf` throws. A listener's
   * error leaves the stream as it was; a `scopeOf` that throws closes that client's stream
   * (it cannot be told which resources are its own). Without `onError` the error goes to
   * the shared error sink (`setErrorSink` of @weft/krt); one that throws is reported
   * there too. The server and its other streams carry on either way.
   */
  onError?: (error: unknown, context: AdsErrorContext) => void;
}

/** What an ADS server's `onError` is told beside the error. */
export interface AdsErrorContext {
  streamId: number;
  /** The event whose listener threw, or `request` for a request the server could not handle. */
  during: keyof AdsEvents | "request";
}

/** What the server keeps for its clients, for diagnosis and leak tests. */
export interface RetainedState {
  /** Open streams. */
  streams: number;
  /** Streams following the resource store's changes (equal to `streams` once each has sent a request). */
  storeSubscribers: number;
  /** Types followed, over all streams. */
  types: number;
  /** Names subscribed, over all streams and types. */
  names: number;
}

type Stream = SotwStream | DeltaStream;

export class AdsServer {
  private readonly store: ResourceStore;
  private readonly events = new EventEmitter();
  private readonly streams = new Map<number, Stream>();
  private readonly scopeOf: (node: Node | undefined) => string;
  private readonly limits: AdsLimits;
  private pushStats: PushStats = emptyStats();
  private nextStreamId = 1;
  private grpcServer: Server | undefined;
  private closed = false;
  private readonly onError: AdsServerOptions["onError"];

  constructor(resources: Collection<XdsResource>, options: AdsServerOptions = {}) {
    this.store = new ResourceStore(resources);
    this.onError = options.onError;
    this.scopeOf = options.scopeOf ?? defaultScopeOf;
    this.limits = resolveLimits(options.limits);
    if (options.onNack !== undefined) this.on("nack", options.onNack);
    if (options.onAck !== undefined) this.on("ack", options.onAck);
  }

  on<K extends keyof AdsEvents>(event: K, listener: (payload: AdsEvents[K]) => void): this {
    this.events.on(event, listener);
    return this;
  }

  off<K extends keyof AdsEvents>(event: K, listener: (payload: AdsEvents[K]) => void): this {
    this.events.off(event, listener);
    return this;
  }

  private readonly emit: Emit = (event, payload) => {
    // A listener that throws is reported; it must not break the stream that reported
    // the event, nor the other listeners, nor (as a rethrow would) the process.
    for (const listener of this.events.listeners(event)) {
      try {
        (listener as (p: typeof payload) => void)(payload);
      } catch (error) {
        this.fail(error, { streamId: payload.streamId, during: event });
      }
    }
  };

  private fail(error: unknown, context: AdsErrorContext): void {
    reportTo(this.onError, error, context, { source: "ads-server", key: `stream ${context.streamId}`, phase: "handler" });
  }

  private context(): StreamContext {
    const streamId = this.nextStreamId++;
    const fail = (error: unknown) => this.fail(error, { streamId, during: "request" });
    return { store: this.store, emit: this.emit, scopeOf: this.scopeOf, stats: this.pushStats, limits: this.limits, streamId, fail };
  }

  private accept<S extends Stream>(make: (ctx: StreamContext, onClosed: () => void) => S): void {
    const ctx = this.context();
    this.streams.set(ctx.streamId, make(ctx, () => this.streams.delete(ctx.streamId)));
  }

  /** Ends a new stream with RESOURCE_EXHAUSTED, keeping nothing of it, when `maxStreams` are open. */
  private atStreamLimit(call: ServerDuplexStream<unknown, Uint8Array>): boolean {
    if (this.streams.size < this.limits.maxStreams) return false;
    const details = `the server already serves ${this.streams.size} ADS streams, its limit (maxStreams)`;
    call.emit("error", Object.assign(new Error(details), { code: status.RESOURCE_EXHAUSTED, details }));
    return true;
  }

  /** Adds the service to a gRPC server the caller runs (and closes). */
  addTo(server: Server): void {
    server.addService(adsServerDefinition, {
      streamAggregatedResources: (call: ServerDuplexStream<DiscoveryRequest, Uint8Array>) => {
        if (this.closed) return call.end();
        if (this.atStreamLimit(call)) return;
        this.accept((ctx, onClosed) => new SotwStream(call, ctx, onClosed));
      },
      deltaAggregatedResources: (call: ServerDuplexStream<DeltaDiscoveryRequest, Uint8Array>) => {
        if (this.closed) return call.end();
        if (this.atStreamLimit(call)) return;
        this.accept((ctx, onClosed) => new DeltaStream(call, ctx, onClosed));
      },
    });
  }

  /** Starts a gRPC server of its own (plaintext) and returns the port it listens on. */
  async listen(address = "127.0.0.1:0"): Promise<number> {
    if (this.grpcServer !== undefined) throw new Error("AdsServer is already listening");
    const server = new Server();
    this.addTo(server);
    this.grpcServer = server;
    return new Promise((resolve, reject) => server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))));
  }

  /** Every open stream's subscriptions and last acknowledged versions. */
  clients(): ClientStatus[] {
    return [...this.streams.values()].map((s) => s.status());
  }

  /** What was sent since the server started (or the last reset). */
  stats(): PushStats {
    return copyStats(this.pushStats);
  }

  retained(): RetainedState {
    const clients = this.clients();
    return {
      streams: this.streams.size,
      storeSubscribers: this.store.subscriberCount,
      types: clients.reduce((n, c) => n + c.types.length, 0),
      names: clients.reduce((n, c) => n + c.types.reduce((m, t) => m + t.subscribed.length, 0), 0),
    };
  }

  resetStats(): void {
    const fresh = emptyStats();
    Object.assign(this.pushStats, fresh);
  }

  /**
   * Ends every stream, stops watching the collection and, when `listen` started one,
   * shuts the gRPC server down (forcibly after `graceMs`).
   */
  async close(graceMs = 1000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stream of [...this.streams.values()]) stream.close("server closed");
    this.store.close();
    const server = this.grpcServer;
    if (server === undefined) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, graceMs);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
