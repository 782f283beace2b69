/**
 * One incremental (delta) ADS stream. Per type it tracks the subscription and the
 * version the client holds of each resource, and sends only resources whose version
 * differs, plus the names of subscribed resources that ceased to exist.
 *
 * Every response is acknowledged on its own nonce. On a NACK the client keeps the
 * versions it had, so the server's record of what it holds rolls back to them: a later
 * change (or a rollback to the old content) is then compared with what really runs.
 *
 * Bounds: at most `maxNamesPerType` subscribed names, and as many `initial_resource_versions`
 * entries, per type (RESOURCE_EXHAUSTED past it); names and versions at most
 * `maxResourceNameLength` long (INVALID_ARGUMENT); the last `MAX_UNACKED_RESPONSES`
 * responses remembered for their ACK.
 */
import { create, toBinary } from "@bufbuild/protobuf";
import { DeltaDiscoveryResponseSchema, type DeltaDiscoveryRequest } from "../gen/envoy/service/discovery/v3/discovery_pb.js";
import { nullProtoRecord } from "../records.js";
import type { XdsResource } from "../resource.js";
import { checkCount, checkName, MAX_UNACKED_RESPONSES, namesAfter, truncate } from "./limits.js";
import { countResponse } from "./push-stats.js";
import { AdsStream, type BaseTypeState, type ServedRequest } from "./stream-base.js";
import type { DuplexCall, StreamContext } from "./stream-context.js";

interface Pending {
  systemVersion: string;
  /** The versions the response set ("" for a removal), in a record without prototype. */
  sent: Record<string, string>;
  /** What the client held of those names before, to restore on NACK (undefined: nothing). */
  before: Map<string, string | undefined>;
}

interface TypeState extends BaseTypeState {
  /** name → version the client holds (as far as the server knows). */
  holds: Map<string, string>;
  pending: Map<string, Pending>;
}

export class DeltaStream extends AdsStream<DeltaDiscoveryRequest, TypeState> {
  constructor(call: DuplexCall<DeltaDiscoveryRequest>, ctx: StreamContext, onClosed: () => void) {
    super("delta", call, ctx, onClosed);
  }

  /** Refuses a request that would make the stream keep more than the limits allow, before anything is kept. */
  private check(request: ServedRequest<DeltaDiscoveryRequest>, t: TypeState | undefined): void {
    const { limits } = this.ctx;
    const { typeUrl } = request;
    for (const name of request.resourceNamesSubscribe) checkName(limits, typeUrl, name);
    for (const name of request.resourceNamesUnsubscribe) checkName(limits, typeUrl, name);
    if (t === undefined) {
      const initial = Object.entries(request.initialResourceVersions);
      checkCount(limits, typeUrl, initial.length, "initial_resource_versions entries");
      for (const [name, version] of initial) {
        checkName(limits, typeUrl, name);
        checkName(limits, typeUrl, version, "version");
      }
    }
    const count = namesAfter(t?.names ?? new Set<string>(), request.resourceNamesSubscribe, request.resourceNamesUnsubscribe);
    checkCount(limits, typeUrl, count);
  }

  protected onRequest(request: ServedRequest<DeltaDiscoveryRequest>): void {
    this.check(request, this.types.get(request.typeUrl));
    let t = this.types.get(request.typeUrl);
    const first = t === undefined;
    if (t === undefined) {
      t = { typeUrl: request.typeUrl, wildcard: false, names: new Set(), holds: new Map(Object.entries(request.initialResourceVersions)), acked: new Map(), pending: new Map(), inFlight: false };
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
      const message = truncate(request.errorDetail.message);
      t.lastNack = { nonce: request.responseNonce, rejectedVersion: pending.systemVersion, message };
      this.ctx.emit("nack", { ...base, rejectedVersion: pending.systemVersion, keptVersion: "", message });
      return;
    }
    for (const [name, version] of Object.entries(pending.sent)) {
      if (version === "") t.acked.delete(name);
      else t.acked.set(name, version);
    }
    this.ctx.emit("ack", { ...base, versionInfo: pending.systemVersion });
  }

  /** The response of what differs among `candidates` (undefined: everything subscribed). */
  protected build(t: TypeState, candidates: readonly string[] | undefined, force: boolean): Uint8Array | undefined {
    const names = new Set(candidates ?? (t.wildcard ? [...this.ctx.store.all(t.typeUrl, this.scopes).keys(), ...t.names, ...t.holds.keys()] : [...t.names, ...t.holds.keys()]));
    const updates: XdsResource[] = [];
    const removals: string[] = [];
    for (const name of names) {
      const current = this.follows(t, name) ? this.ctx.store.get(t.typeUrl, name, this.scopes) : undefined;
      const held = t.holds.get(name);
      if (current !== undefined && current.version !== held) updates.push(current);
      else if (current === undefined && held !== undefined && this.follows(t, name)) removals.push(name);
    }
    if (updates.length === 0 && removals.length === 0 && !force) return undefined;
    updates.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    removals.sort();
    const nonce = this.nextNonce();
    const systemVersion = String(this.ctx.store.generation);
    const before = new Map<string, string | undefined>();
    const sent = nullProtoRecord<string>();
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
    // A client that reads but never answers must not grow this: forget the oldest.
    if (t.pending.size > MAX_UNACKED_RESPONSES) t.pending.delete(t.pending.keys().next().value as string);
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
    return bytes;
  }
}
