/**
 * What every ADS stream does whatever its protocol (state-of-the-world or delta): learn
 * the client's node and scopes from its first request and start following the store,
 * hold responses until the store has synced, turn store changes into pushes for the
 * types and names the client follows, report its status, and tear down once. The
 * protocols differ only in how requests update a subscription, how a response is
 * built and acknowledged: that is what subclasses implement.
 */
import type { Node } from "../gen/envoy/config/core/v3/base_pb.js";
import { clientScopes } from "./client-scope.js";
import type { ClientStatus, TypeStatus } from "./events.js";
import type { ChangeSet } from "./resource-store.js";
import type { DuplexCall, StreamContext } from "./stream-context.js";

/** The per-type state both protocols keep. */
export interface BaseTypeState {
  typeUrl: string;
  wildcard: boolean;
  names: Set<string>;
  /** name → version the client acknowledged. */
  acked: Map<string, string>;
  lastNack?: { nonce: string; rejectedVersion: string; message: string };
}

export abstract class AdsStream<Req extends { typeUrl: string; node?: Node | undefined }, T extends BaseTypeState> {
  protected node: Node | undefined;
  protected scopes: string[] = [];
  protected readonly types = new Map<string, T>();
  private unsubscribe: (() => void) | undefined;
  private cancelSyncWait: (() => void) | undefined;
  /** Types whose first response waits for the store to sync. */
  protected readonly held = new Set<T>();
  private nonces = 0;
  protected closed = false;

  constructor(
    protected readonly protocol: "sotw" | "delta",
    protected readonly call: DuplexCall<Req>,
    protected readonly ctx: StreamContext,
    private readonly onClosed: () => void,
  ) {
    call.on("data", (request) => this.receive(request));
    call.on("end", () => this.close("client ended"));
    call.on("cancelled", () => this.close("cancelled"));
    call.on("error", (error) => this.close(error.message));
  }

  protected get nodeId(): string {
    return this.node?.id ?? "";
  }

  /** Handles one request of a type, after the stream is open. */
  protected abstract onRequest(request: Req): void;

  /** Sends what the client lacks of `t` among `candidates` (undefined: all it follows); `force` answers even if nothing differs. */
  protected abstract push(t: T, candidates: readonly string[] | undefined, force: boolean): void;

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
    this.onRequest(request);
  }

  protected nextNonce(): string {
    return `${this.ctx.streamId}-${++this.nonces}`;
  }

  /** Whether the client follows `name` of `t`. */
  protected follows(t: T, name: string): boolean {
    return t.wildcard || t.names.has(name);
  }

  /** Defers `t` until the store has synced (a partial state would delete what the client runs); true when deferred. */
  protected holdUntilSynced(t: T): boolean {
    if (this.ctx.store.synced) return false;
    this.held.add(t);
    return true;
  }

  /** The store has synced: answer every type that asked meanwhile, in full. */
  private release(): void {
    if (this.closed) return;
    for (const t of this.held) this.push(t, undefined, true);
    this.held.clear();
  }

  private onChanges(changes: ChangeSet): void {
    if (this.closed) return;
    for (const [typeUrl, changed] of changes) {
      const t = this.types.get(typeUrl);
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
      acked: Object.fromEntries(t.acked),
      ...(t.lastNack === undefined ? {} : { lastNack: t.lastNack }),
    }));
    return { streamId: this.ctx.streamId, protocol: this.protocol, nodeId: this.nodeId, scopes: this.scopes, types };
  }

  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.cancelSyncWait?.();
    try {
      this.call.end();
    } catch {
      // The transport is already gone; there is nothing left to end.
    }
    this.ctx.emit("close", { streamId: this.ctx.streamId, protocol: this.protocol, nodeId: this.nodeId, reason });
    this.onClosed();
  }
}
