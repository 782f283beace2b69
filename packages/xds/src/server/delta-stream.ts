/**
 * One incremental (delta) ADS stream. Per type it tracks the subscription and the
 * version the client holds of each resource, and sends only resources whose version
 * differs, plus the names of subscribed resources that ceased to exist.
 *
 * Every response is acknowledged on its own nonce. On a NACK the client keeps the
 * versions it had, so the server's record of what it holds rolls back to them: a later
 * change (or a rollback to the old content) is then compared with what really runs.
 */
import { create, toBinary } from "@bufbuild/protobuf";
import type { Node } from "../gen/envoy/config/core/v3/base_pb.js";
import { DeltaDiscoveryResponseSchema, type DeltaDiscoveryRequest } from "../gen/envoy/service/discovery/v3/discovery_pb.js";
import type { XdsResource } from "../resource.js";
import { clientScopes } from "./client-scope.js";
import type { ClientStatus, TypeStatus } from "./events.js";
import { countResponse } from "./push-stats.js";
import type { ChangeSet } from "./resource-store.js";
import type { DuplexCall, StreamContext } from "./stream-context.js";

interface Pending {
  systemVersion: string;
  /** The versions the response set ("" for a removal). */
  sent: Record<string, string>;
  /** What the client held of those names before, to restore on NACK (undefined: nothing). */
  before: Map<string, string | undefined>;
}

interface TypeState {
  typeUrl: string;
  wildcard: boolean;
  names: Set<string>;
  /** name → version the client holds (as far as the server knows). */
  holds: Map<string, string>;
  acked: Map<string, string>;
  pending: Map<string, Pending>;
  lastNack?: { nonce: string; rejectedVersion: string; message: string };
}

export class DeltaStream {
  private node: Node | undefined;
  private scopes: string[] = [];
  private readonly types = new Map<string, TypeState>();
  private unsubscribe: (() => void) | undefined;
  private cancelSyncWait: (() => void) | undefined;
  /** Types whose first response waits for the store to sync. */
  private readonly held = new Set<TypeState>();
  private nonces = 0;
  private closed = false;

  constructor(
    private readonly call: DuplexCall<DeltaDiscoveryRequest>,
    private readonly ctx: StreamContext,
    private readonly onClosed: () => void,
  ) {
    call.on("data", (request) => this.onRequest(request));
    call.on("end", () => this.close("client ended"));
    call.on("cancelled", () => this.close("cancelled"));
    call.on("error", (error) => this.close(error.message));
  }

  private get nodeId(): string {
    return this.node?.id ?? "";
  }

  private onRequest(request: DeltaDiscoveryRequest): void {
    if (this.closed || request.typeUrl === "") return;
    if (this.unsubscribe === undefined) {
      this.node = request.node;
      this.scopes = clientScopes(this.ctx.scopeOf(request.node));
      this.unsubscribe = this.ctx.store.subscribe((changes) => this.onChanges(changes));
      this.cancelSyncWait = this.ctx.store.whenSynced(() => this.release());
      this.ctx.emit("open", { streamId: this.ctx.streamId, protocol: "delta", nodeId: this.nodeId, node: this.node, scopes: this.scopes });
    }
    let t = this.types.get(request.typeUrl);
    const first = t === undefined;
    if (t === undefined) {
      t = { typeUrl: request.typeUrl, wildcard: false, names: new Set(), holds: new Map(Object.entries(request.initialResourceVersions)), acked: new Map(), pending: new Map() };
      t.acked = new Map(t.holds);
      this.types.set(request.typeUrl, t);
    }
    if (request.responseNonce !== "") this.acknowledge(t, request);

    const subscribe = request.resourceNamesSubscribe;
    const widened = (first && subscribe.length === 0) || (subscribe.includes("*") && !t.wildcard);
    if (widened) t.wildcard = true;
    if (request.resourceNamesUnsubscribe.includes("*")) t.wildcard = false;
    const added = subscribe.filter((n) => n !== "*" && !t.names.has(n));
    for (const n of added) t.names.add(n);
    for (const n of request.resourceNamesUnsubscribe) {
      if (n === "*") continue;
      t.names.delete(n);
      // The client forgets what it unsubscribed from; a later subscription sends it afresh.
      t.holds.delete(n);
      t.acked.delete(n);
    }
    if (widened) this.push(t, undefined, first);
    else if (added.length > 0) this.push(t, added, false);
    else if (first) this.push(t, [], true);
  }

  private acknowledge(t: TypeState, request: DeltaDiscoveryRequest): void {
    const pending = t.pending.get(request.responseNonce);
    if (pending === undefined) return;
    t.pending.delete(request.responseNonce);
    const base = { streamId: this.ctx.streamId, protocol: "delta" as const, nodeId: this.nodeId, typeUrl: t.typeUrl, nonce: request.responseNonce, resources: pending.sent };
    if (request.errorDetail !== undefined) {
      for (const [name, version] of pending.before) {
        if (version === undefined) t.holds.delete(name);
        else t.holds.set(name, version);
      }
      t.lastNack = { nonce: request.responseNonce, rejectedVersion: pending.systemVersion, message: request.errorDetail.message };
      this.ctx.emit("nack", { ...base, rejectedVersion: pending.systemVersion, keptVersion: "", message: request.errorDetail.message });
      return;
    }
    for (const [name, version] of Object.entries(pending.sent)) {
      if (version === "") t.acked.delete(name);
      else t.acked.set(name, version);
    }
    this.ctx.emit("ack", { ...base, versionInfo: pending.systemVersion });
  }

  private subscribed(t: TypeState, name: string): boolean {
    return t.wildcard || t.names.has(name);
  }

  /** Sends what differs among `candidates` (undefined: everything subscribed). */
  private push(t: TypeState, candidates: readonly string[] | undefined, force: boolean): void {
    if (!this.ctx.store.synced) {
      this.held.add(t);
      return;
    }
    const names = new Set(candidates ?? (t.wildcard ? [...this.ctx.store.all(t.typeUrl, this.scopes).keys(), ...t.names, ...t.holds.keys()] : [...t.names, ...t.holds.keys()]));
    const updates: XdsResource[] = [];
    const removals: string[] = [];
    for (const name of names) {
      const current = this.subscribed(t, name) ? this.ctx.store.get(t.typeUrl, name, this.scopes) : undefined;
      const held = t.holds.get(name);
      if (current !== undefined && current.version !== held) updates.push(current);
      else if (current === undefined && held !== undefined && this.subscribed(t, name)) removals.push(name);
    }
    if (updates.length === 0 && removals.length === 0 && !force) return;
    updates.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    removals.sort();
    const nonce = `${this.ctx.streamId}-${++this.nonces}`;
    const systemVersion = String(this.ctx.store.generation);
    const before = new Map<string, string | undefined>();
    const sent: Record<string, string> = {};
    for (const r of updates) {
      before.set(r.name, t.holds.get(r.name));
      t.holds.set(r.name, r.version);
      sent[r.name] = r.version;
    }
    for (const name of removals) {
      before.set(name, t.holds.get(name));
      t.holds.delete(name);
      sent[name] = "";
    }
    t.pending.set(nonce, { systemVersion, sent, before });
    const bytes = toBinary(
      DeltaDiscoveryResponseSchema,
      create(DeltaDiscoveryResponseSchema, {
        systemVersionInfo: systemVersion,
        typeUrl: t.typeUrl,
        nonce,
        resources: updates.map((r) => ({ name: r.name, version: r.version, resource: { typeUrl: r.typeUrl, value: r.bytes } })),
        removedResources: removals,
      }),
    );
    countResponse(this.ctx.stats, t.typeUrl, updates.length, bytes.byteLength);
    this.call.write(bytes);
  }

  /** The store has synced: answer every type that asked meanwhile, with all it subscribes to. */
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
      const names = [...new Set(changed.filter((c) => this.scopes.includes(c.scope) && this.subscribed(t, c.name)).map((c) => c.name))];
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
    return { streamId: this.ctx.streamId, protocol: "delta", nodeId: this.nodeId, scopes: this.scopes, types };
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
    this.ctx.emit("close", { streamId: this.ctx.streamId, protocol: "delta", nodeId: this.nodeId, reason });
    this.onClosed();
  }
}
