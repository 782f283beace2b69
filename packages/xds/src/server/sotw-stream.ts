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
 * - A request naming more resources than `maxNamesPerType`, or a name longer than
 *   `maxResourceNameLength`, ends the stream (RESOURCE_EXHAUSTED, INVALID_ARGUMENT).
 */
import { create, toBinary } from "@bufbuild/protobuf";
import { DiscoveryResponseSchema, type DiscoveryRequest } from "../gen/envoy/service/discovery/v3/discovery_pb.js";
import { nullProtoRecord } from "../records.js";
import type { XdsResource } from "../resource.js";
import { requiresFullState } from "../resource-types.js";
import { checkCount, checkName, truncate } from "./limits.js";
import { countResponse } from "./push-stats.js";
import { AdsStream, type BaseTypeState, type ServedRequest } from "./stream-base.js";
import type { DuplexCall, StreamContext } from "./stream-context.js";

interface TypeState extends BaseTypeState {
  /** name → version last sent. */
  sent: Map<string, string>;
  lastResponse?: { nonce: string; versionInfo: string; resources: Record<string, string> };
  ackedVersion: string;
}

export class SotwStream extends AdsStream<DiscoveryRequest, TypeState> {
  constructor(call: DuplexCall<DiscoveryRequest>, ctx: StreamContext, onClosed: () => void) {
    super("sotw", call, ctx, onClosed);
  }

  protected onRequest(request: ServedRequest<DiscoveryRequest>): void {
    const existing = this.types.get(request.typeUrl);
    if (existing !== undefined && request.responseNonce !== existing.lastResponse?.nonce) return; // stale, or a nonce we never sent
    // Checked before anything is kept: a refused request leaves nothing behind.
    const explicit = new Set(request.resourceNames.filter((n) => n !== "*"));
    checkCount(this.ctx.limits, request.typeUrl, explicit.size);
    for (const name of explicit) checkName(this.ctx.limits, request.typeUrl, name);
    const t: TypeState = existing ?? { typeUrl: request.typeUrl, wildcard: false, names: new Set(), sent: new Map(), acked: new Map(), ackedVersion: "", inFlight: false };
    if (existing === undefined) this.types.set(request.typeUrl, t);
    if (existing !== undefined && request.responseNonce !== "") this.acknowledge(t, request);

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
      const message = truncate(request.errorDetail.message);
      t.lastNack = { nonce: response.nonce, rejectedVersion: response.versionInfo, message };
      this.ctx.emit("nack", { ...base, rejectedVersion: response.versionInfo, keptVersion: t.ackedVersion, message });
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
   * The response of what the client lacks. `candidates` limits the look to names that
   * changed (undefined: every subscribed name); `force` answers even when nothing differs
   * (the first request of a type must get a response).
   */
  protected build(t: TypeState, candidates: readonly string[] | undefined, force: boolean): Uint8Array | undefined {
    const current = this.visible(t);
    let resources: XdsResource[];
    if (requiresFullState(t.typeUrl)) {
      const differs = [...current.values()].some((r) => t.sent.get(r.name) !== r.version) || [...t.sent.keys()].some((n) => !current.has(n));
      if (!differs && !force) return undefined;
      resources = [...current.values()];
      t.sent = new Map(resources.map((r) => [r.name, r.version]));
    } else {
      const names = candidates ?? [...current.keys()];
      resources = names.flatMap((n) => {
        const r = current.get(n);
        return r !== undefined && (force || t.sent.get(n) !== r.version) ? [r] : [];
      });
      if (resources.length === 0 && !force) return undefined;
      for (const r of resources) t.sent.set(r.name, r.version);
    }
    resources.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const nonce = this.nextNonce();
    const versionInfo = String(this.ctx.store.generation);
    const bytes = toBinary(
      DiscoveryResponseSchema,
      create(DiscoveryResponseSchema, { versionInfo, typeUrl: t.typeUrl, nonce, resources: resources.map((r) => ({ typeUrl: r.typeUrl, value: r.bytes })) }),
    );
    t.lastResponse = { nonce, versionInfo, resources: nullProtoRecord(resources.map((r) => [r.name, r.version])) };
    countResponse(this.ctx.stats, t.typeUrl, resources.length, bytes.byteLength);
    return bytes;
  }
}
