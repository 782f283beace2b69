/**
 * One state-of-the-world ADS stream. Per type it tracks the subscription (names or
 * wildcard), what was last sent, and what the client acknowledged.
 *
 * - A request with the nonce of the latest response is an ACK, or a NACK when it carries
 *   error_detail: the client keeps its previous configuration, which is what `acked`
 *   still says; nothing is re-sent until the resources change again.
 * - A request with an older nonce is stale (a newer response is on its way) and ignored.
 * - Listeners and clusters are sent whole (the protocol reads a missing one as deleted);
 *   routes, endpoints and other types carry only what changed.
 */
import { create, toBinary } from "@bufbuild/protobuf";
import type { Node } from "../gen/envoy/config/core/v3/base_pb.js";
import { DiscoveryResponseSchema, type DiscoveryRequest } from "../gen/envoy/service/discovery/v3/discovery_pb.js";
import type { XdsResource } from "../resource.js";
import { requiresFullState } from "../resource-types.js";
import { clientScopes } from "./client-scope.js";
import type { ClientStatus, TypeStatus } from "./events.js";
import { countResponse } from "./push-stats.js";
import type { ChangeSet } from "./resource-store.js";
import type { DuplexCall, StreamContext } from "./stream-context.js";

interface TypeState {
  typeUrl: string;
  wildcard: boolean;
  names: Set<string>;
  /** name → version last sent. */
  sent: Map<string, string>;
  lastResponse?: { nonce: string; versionInfo: string; resources: Record<string, string> };
  acked: Map<string, string>;
  ackedVersion: string;
  lastNack?: { nonce: string; rejectedVersion: string; message: string };
}

export class SotwStream {
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
    private readonly call: DuplexCall<DiscoveryRequest>,
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

  private onRequest(request: DiscoveryRequest): void {
    if (this.closed || request.typeUrl === "") return;
    if (this.unsubscribe === undefined) {
      this.node = request.node;
      this.scopes = clientScopes(this.ctx.scopeOf(request.node));
      this.unsubscribe = this.ctx.store.subscribe((changes) => this.onChanges(changes));
      this.cancelSyncWait = this.ctx.store.whenSynced(() => this.release());
      this.ctx.emit("open", { streamId: this.ctx.streamId, protocol: "sotw", nodeId: this.nodeId, node: this.node, scopes: this.scopes });
    }
    const existing = this.types.get(request.typeUrl);
    const t: TypeState = existing ?? { typeUrl: request.typeUrl, wildcard: false, names: new Set(), sent: new Map(), acked: new Map(), ackedVersion: "" };
    if (existing === undefined) this.types.set(request.typeUrl, t);
    else if (request.responseNonce !== t.lastResponse?.nonce) return; // stale, or a nonce we never sent
    if (existing !== undefined && request.responseNonce !== "") this.acknowledge(t, request);

    const explicit = new Set(request.resourceNames.filter((n) => n !== "*"));
    // Legacy wildcard: a first request without names; later, "*" or (while wildcard) no names.
    const wildcard = existing === undefined ? request.resourceNames.length === 0 || request.resourceNames.includes("*") : request.resourceNames.includes("*") || (t.wildcard && request.resourceNames.length === 0);
    const added = [...explicit].filter((n) => !t.names.has(n));
    for (const name of t.names) {
      if (explicit.has(name)) continue;
      t.sent.delete(name);
      t.acked.delete(name);
    }
    const widened = wildcard && !t.wildcard;
    t.names = explicit;
    t.wildcard = wildcard;
    if (existing === undefined || widened) this.push(t, undefined, true);
    else if (added.length > 0) this.push(t, added, false);
  }

  private acknowledge(t: TypeState, request: DiscoveryRequest): void {
    const response = t.lastResponse;
    if (response === undefined) return;
    const base = { streamId: this.ctx.streamId, protocol: "sotw" as const, nodeId: this.nodeId, typeUrl: t.typeUrl, nonce: response.nonce, resources: response.resources };
    if (request.errorDetail !== undefined) {
      t.lastNack = { nonce: response.nonce, rejectedVersion: response.versionInfo, message: request.errorDetail.message };
      this.ctx.emit("nack", { ...base, rejectedVersion: response.versionInfo, keptVersion: t.ackedVersion, message: request.errorDetail.message });
      return;
    }
    if (requiresFullState(t.typeUrl)) t.acked = new Map(Object.entries(response.resources));
    else for (const [name, version] of Object.entries(response.resources)) t.acked.set(name, version);
    t.ackedVersion = response.versionInfo;
    this.ctx.emit("ack", { ...base, versionInfo: response.versionInfo });
  }

  /** The resources of a subscription the client can see now. */
  private visible(t: TypeState): Map<string, XdsResource> {
    if (t.wildcard) return this.ctx.store.all(t.typeUrl, this.scopes);
    const out = new Map<string, XdsResource>();
    for (const name of t.names) {
      const r = this.ctx.store.get(t.typeUrl, name, this.scopes);
      if (r !== undefined) out.set(name, r);
    }
    return out;
  }

  /**
   * Sends what the client lacks. `candidates` limits the look to names that changed
   * (undefined: every subscribed name); `force` answers even when nothing differs (the
   * first request of a type must get a response).
   */
  private push(t: TypeState, candidates: readonly string[] | undefined, force: boolean): void {
    if (!this.ctx.store.synced) {
      this.held.add(t);
      return;
    }
    const current = this.visible(t);
    let resources: XdsResource[];
    if (requiresFullState(t.typeUrl)) {
      const differs = [...current.values()].some((r) => t.sent.get(r.name) !== r.version) || [...t.sent.keys()].some((n) => !current.has(n));
      if (!differs && !force) return;
      resources = [...current.values()];
      t.sent = new Map(resources.map((r) => [r.name, r.version]));
    } else {
      const names = candidates ?? [...current.keys()];
      resources = names.flatMap((n) => {
        const r = current.get(n);
        return r !== undefined && (force || t.sent.get(n) !== r.version) ? [r] : [];
      });
      if (resources.length === 0 && !force) return;
      for (const r of resources) t.sent.set(r.name, r.version);
    }
    resources.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const nonce = `${this.ctx.streamId}-${++this.nonces}`;
    const versionInfo = String(this.ctx.store.generation);
    const bytes = toBinary(
      DiscoveryResponseSchema,
      create(DiscoveryResponseSchema, { versionInfo, typeUrl: t.typeUrl, nonce, resources: resources.map((r) => ({ typeUrl: r.typeUrl, value: r.bytes })) }),
    );
    t.lastResponse = { nonce, versionInfo, resources: Object.fromEntries(resources.map((r) => [r.name, r.version])) };
    countResponse(this.ctx.stats, t.typeUrl, resources.length, bytes.byteLength);
    this.call.write(bytes);
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
      const names = [...new Set(changed.filter((c) => this.scopes.includes(c.scope) && (t.wildcard || t.names.has(c.name))).map((c) => c.name))];
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
    return { streamId: this.ctx.streamId, protocol: "sotw", nodeId: this.nodeId, scopes: this.scopes, types };
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
    this.ctx.emit("close", { streamId: this.ctx.streamId, protocol: "sotw", nodeId: this.nodeId, reason });
    this.onClosed();
  }
}
