/**
 * What every ADS stream does whatever its protocol (state-of-the-world or delta): learn
 * the client's node and scopes from its first request and start following the store,
 * hold responses until the store has synced, turn store changes into pushes for the
 * types and names the client follows, write them only as fast as the client reads,
 * report its status, and tear down once. The protocols differ only in how requests
 * update a subscription, how a response is built and acknowledged: that is what
 * subclasses implement.
 *
 * Backpressure and coalescing: a push only marks its type due (which names to look at,
 * whether to answer even if nothing differs). A due type is built and written when the
 * transport can take it: the store has synced, `write` has not asked to wait for
 * "drain", and the type's previous response has been taken by the transport. So at most
 * one response per type is queued behind a slow client, and what it finally gets is
 * built from the newest state, never a backlog of older ones. What a stream keeps is
 * then bounded by the resources it follows, not by how many changes happened.
 *
 * Input bounds: only served type URLs keep state (others are reported as `ignored`);
 * names, versions and subscription counts are bounded by `AdsLimits`, and a request
 * past a bound ends the stream with a gRPC error. Everything is freed when it ends.
 */
import type { Node } from "../gen/envoy/config/core/v3/base_pb.js";
import { reportError } from "@weft/krt";
import { nullProtoRecord } from "../records.js";
import { isXdsTypeUrl, type XdsTypeUrl } from "../resource-types.js";
import { clientScopes } from "./client-scope.js";
import type { ClientStatus, TypeStatus } from "./events.js";
import { LimitExceeded, truncate } from "./limits.js";
import type { ChangeSet } from "./resource-store.js";
import type { DuplexCall, StreamContext } from "./stream-context.js";

/** A response waiting for the transport: what to look at when it is built. */
interface Due {
  /** Names to compare with what the client has (undefined: everything it follows). */
  candidates: Set<string> | undefined;
  /** Answer even when nothing differs (a request must get a response). */
  force: boolean;
}

/** The per-type state both protocols keep. */
export interface BaseTypeState {
  typeUrl: XdsTypeUrl;
  wildcard: boolean;
  names: Set<string>;
  /** name → version the client acknowledged. */
  acked: Map<string, string>;
  lastNack?: { nonce: string; rejectedVersion: string; message: string };
  due?: Due;
  /** A response of this type was written and the transport has not taken it yet. */
  inFlight: boolean;
}

/** A request of a served type: what subclasses handle. */
export type ServedRequest<Req> = Req & { typeUrl: XdsTypeUrl };

export abstract class AdsStream<Req extends { typeUrl: string; node?: Node | undefined }, T extends BaseTypeState> {
  protected node: Node | undefined;
  protected scopes: string[] = [];
  protected readonly types = new Map<XdsTypeUrl, T>();
  private unsubscribe: (() => void) | undefined;
  private cancelSyncWait: (() => void) | undefined;
  /** `write` returned false: nothing more until the transport emits "drain". */
  private blocked = false;
  private nonces = 0;
  protected closed = false;

  constructor(
    protected readonly protocol: "sotw" | "delta",
    protected readonly call: DuplexCall<Req>,
    protected readonly ctx: StreamContext,
    private readonly onClosed: () => void,
  ) {
    call.on("data", (request) => this.receiveGuarded(request));
    call.on("drain", () => {
      this.blocked = false;
      this.flush();
    });
    call.on("end", () => this.close("client ended"));
    call.on("cancelled", () => this.close("cancelled"));
    call.on("error", (error) => this.close(error.message));
  }

  protected get nodeId(): string {
    return this.node?.id ?? "";
  }

  /** Handles one request of a served type, after the stream is open; throws `LimitExceeded` to refuse it. */
  protected abstract onRequest(request: ServedRequest<Req>): void;

  /**
   * Builds the response that brings the client up to date on `t` among `candidates`
   * (undefined: all it follows), recording it as sent; undefined when there is nothing
   * to send and `force` is false.
   */
  protected abstract build(t: T, candidates: readonly string[] | undefined, force: boolean): Uint8Array | undefined;

  /**
   * A request the stream cannot handle (a user's `scopeOf` threw, or a bug) is reported
   * and ends this stream alone: thrown from a transport event, it would crash the process.
   */
  private receiveGuarded(request: Req): void {
    try {
      this.receive(request);
    } catch (error) {
      if (this.ctx.fail === undefined) reportError(error, { source: "ads-server", key: `stream ${this.ctx.streamId}`, phase: "handler" });
      else this.ctx.fail(error);
      this.close(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private receive(request: Req): void {
    if (this.closed || request.typeUrl === "") return;
    if (this.unsubscribe === undefined) {
      // The first request says who the client is; only then is there something to follow.
      this.node = request.node;
      this.scopes = clientScopes(this.ctx.scopeOf(request.node));
      this.unsubscribe = this.ctx.store.subscribe((changes) => this.onChanges(changes));
      this.cancelSyncWait = this.ctx.store.whenSynced(() => this.release());
      this.ctx.emit("open", { streamId: this.ctx.streamId, protocol: this.protocol, nodeId: this.nodeId, node: this.node, scopes: this.scopes });
    }
    if (!isXdsTypeUrl(request.typeUrl)) {
      // As Istio does: a type nobody serves is not an error (Envoy may ask for secrets
      // over ADS), but unlike a subscription it is remembered nowhere.
      this.ctx.emit("ignored", { streamId: this.ctx.streamId, protocol: this.protocol, nodeId: this.nodeId, typeUrl: truncate(request.typeUrl), reason: "type not served" });
      return;
    }
    try {
      this.onRequest(request as ServedRequest<Req>);
    } catch (error) {
      if (!(error instanceof LimitExceeded)) throw error;
      this.close(error.details, error);
    }
  }

  protected nextNonce(): string {
    return `${this.ctx.streamId}-${++this.nonces}`;
  }

  /** Whether the client follows `name` of `t`. */
  protected follows(t: T, name: string): boolean {
    return t.wildcard || t.names.has(name);
  }

  /** Marks `t` due: merged into what is already due, sent when the transport can take it. */
  protected push(t: T, candidates: readonly string[] | undefined, force: boolean): void {
    const due = t.due;
    if (due === undefined) t.due = { candidates: candidates === undefined ? undefined : new Set(candidates), force };
    else {
      if (candidates === undefined) due.candidates = undefined;
      else if (due.candidates !== undefined) for (const name of candidates) due.candidates.add(name);
      due.force ||= force;
    }
    this.flush();
  }

  /** Builds and writes every due type the transport can take now. */
  private flush(): void {
    if (this.closed || this.blocked || !this.ctx.store.synced) return;
    for (const t of this.types.values()) {
      if (t.due === undefined || t.inFlight) continue;
      const { candidates, force } = t.due;
      t.due = undefined;
      const bytes = this.build(t, candidates === undefined ? undefined : [...candidates], force);
      if (bytes === undefined) continue;
      t.inFlight = true;
      const accepted = this.call.write(bytes, () => {
        t.inFlight = false;
        this.flush();
      });
      if (!accepted) {
        this.blocked = true;
        return;
      }
    }
  }

  /** The store has synced: answer every type that asked meanwhile, in full. */
  private release(): void {
    for (const t of this.types.values()) if (t.due !== undefined) t.due = { candidates: undefined, force: true };
    this.flush();
  }

  private onChanges(changes: ChangeSet): void {
    if (this.closed) return;
    for (const [typeUrl, changed] of changes) {
      const t = isXdsTypeUrl(typeUrl) ? this.types.get(typeUrl) : undefined;
      if (t === undefined) continue;
      const names = [...new Set(changed.filter((c) => this.scopes.includes(c.scope) && this.follows(t, c.name)).map((c) => c.name))];
      if (names.length > 0) this.push(t, names, false);
    }
  }

  status(): ClientStatus {
    const types: TypeStatus[] = [...this.types.values()].map((t) => ({
      typeUrl: t.typeUrl,
      wildcard: t.wildcard,
      subscribed: [...t.names].sort(),
      acked: nullProtoRecord(t.acked),
      ...(t.lastNack === undefined ? {} : { lastNack: t.lastNack }),
    }));
    return { streamId: this.ctx.streamId, protocol: this.protocol, nodeId: this.nodeId, scopes: this.scopes, types };
  }

  /** Ends the stream (with `failure`'s gRPC status, if given) and frees all it kept. */
  close(reason: string, failure?: LimitExceeded): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.cancelSyncWait?.();
    this.types.clear();
    try {
      if (failure === undefined) this.call.end();
      else this.call.emit("error", Object.assign(new Error(failure.details), { code: failure.code, details: failure.details }));
    } catch {
      // The transport is already gone; there is nothing left to end.
    }
    this.ctx.emit("close", { streamId: this.ctx.streamId, protocol: this.protocol, nodeId: this.nodeId, reason });
    this.onClosed();
  }
}
