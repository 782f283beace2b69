/**
 * The write discipline of a stream, against a transport the test controls: nothing is
 * written after `write()` returns false until "drain"; a type's next response waits until
 * the transport took the previous one; what is finally written is the newest state.
 */
import { fromBinary } from "@bufbuild/protobuf";
import { staticCollection, type StaticCollection } from "@weft/krt";
import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ClusterSchema } from "../gen/envoy/config/cluster/v3/cluster_pb.js";
import { DiscoveryResponseSchema, type DiscoveryRequest } from "../gen/envoy/service/discovery/v3/discovery_pb.js";
import type { XdsResource } from "../resource.js";
import { CLUSTER_TYPE, ENDPOINT_TYPE } from "../resource-types.js";
import { defaultScopeOf } from "./client-scope.js";
import { DEFAULT_ADS_LIMITS } from "./limits.js";
import { emptyStats } from "./push-stats.js";
import { ResourceStore } from "./resource-store.js";
import { SotwStream } from "./sotw-stream.js";
import type { DuplexCall } from "./stream-context.js";
import { assignment, cluster, sotwRequest } from "./test-streams.js";

/** A transport that takes writes only when told to, and says "wait" when told to. */
class FakeCall extends EventEmitter implements DuplexCall<DiscoveryRequest> {
  readonly written: { bytes: Uint8Array; take: () => void }[] = [];
  /** What `write` answers: false asks the stream to wait for "drain". */
  accepting = true;

  write(bytes: Uint8Array, done: (error?: Error | null) => void): boolean {
    this.written.push({ bytes, take: () => done() });
    return this.accepting;
  }

  end(): void {}

  /** Lets the transport take every write so far (their callbacks run). */
  takeAll(): void {
    for (const w of this.written.splice(0)) w.take();
  }
}

let resources: StaticCollection<XdsResource>;
let store: ResourceStore;
let call: FakeCall;
let stream: SotwStream;
let taken: Uint8Array[];

beforeEach(() => {
  resources = staticCollection<XdsResource>([cluster("a"), cluster("b"), assignment("a")], { key: (r) => r.key });
  store = new ResourceStore(resources);
  call = new FakeCall();
  stream = new SotwStream(call, { store, emit: () => undefined, scopeOf: defaultScopeOf, stats: emptyStats(), limits: DEFAULT_ADS_LIMITS, streamId: 1 }, () => undefined);
  taken = [];
});

afterEach(() => {
  stream.close("test over");
  store.close();
});

const timeoutOf = (bytes: Uint8Array) => Number(fromBinary(ClusterSchema, fromBinary(DiscoveryResponseSchema, bytes).resources[0]?.value ?? new Uint8Array()).connectTimeout?.seconds);
const typeOf = (bytes: Uint8Array) => fromBinary(DiscoveryResponseSchema, bytes).typeUrl;
/** Takes what was written so far, remembering it, and lets the callbacks run. */
async function take(): Promise<void> {
  taken.push(...call.written.map((w) => w.bytes));
  call.takeAll();
  await new Promise((r) => setImmediate(r));
}

describe("write discipline", () => {
  test("a type's next response waits until the transport took the previous one, and is built from the newest state", async () => {
    call.emit("data", sotwRequest({ node: { id: "n" }, typeUrl: CLUSTER_TYPE }));
    expect(call.written).toHaveLength(1);
    for (let round = 2; round <= 50; round++) resources.set(cluster("a", round));
    // Forty-nine changes while the first response was in the transport: nothing more written yet.
    expect(call.written).toHaveLength(1);
    await take();
    // Then one response, with the last change.
    expect(call.written.map((w) => timeoutOf(w.bytes))).toEqual([50]);
  });

  test("another type is not held back by a type in flight", () => {
    call.emit("data", sotwRequest({ node: { id: "n" }, typeUrl: CLUSTER_TYPE }));
    resources.set(cluster("a", 2));
    call.emit("data", sotwRequest({ typeUrl: ENDPOINT_TYPE, resourceNames: ["a"] }));
    expect(call.written.map((w) => typeOf(w.bytes))).toEqual([CLUSTER_TYPE, ENDPOINT_TYPE]);
  });

  test("after write() returns false nothing is written until the transport drains", async () => {
    call.accepting = false;
    call.emit("data", sotwRequest({ node: { id: "n" }, typeUrl: CLUSTER_TYPE }));
    await take();
    // Taken, but the stream was told to wait: a new type's first response waits for "drain" too.
    call.emit("data", sotwRequest({ typeUrl: ENDPOINT_TYPE, resourceNames: ["a"] }));
    resources.set(cluster("a", 7));
    expect(call.written).toHaveLength(0);
    call.accepting = true;
    call.emit("drain");
    expect(call.written.map((w) => typeOf(w.bytes)).sort()).toEqual([CLUSTER_TYPE, ENDPOINT_TYPE].sort());
    expect(timeoutOf(call.written.find((w) => typeOf(w.bytes) === CLUSTER_TYPE)?.bytes ?? new Uint8Array())).toBe(7);
  });

  test("the ACK expected is that of the last response written, not of one never built", async () => {
    call.emit("data", sotwRequest({ node: { id: "n" }, typeUrl: CLUSTER_TYPE }));
    await take();
    resources.set(cluster("a", 2));
    resources.set(cluster("a", 3));
    const last = fromBinary(DiscoveryResponseSchema, call.written[0]?.bytes ?? new Uint8Array());
    expect(timeoutOf(call.written[0]?.bytes ?? new Uint8Array())).toBe(2);
    await take();
    const newest = fromBinary(DiscoveryResponseSchema, call.written[0]?.bytes ?? new Uint8Array());
    expect(timeoutOf(call.written[0]?.bytes ?? new Uint8Array())).toBe(3);
    // An ACK of the older one is stale; the newest is acknowledged.
    call.emit("data", sotwRequest({ typeUrl: CLUSTER_TYPE, versionInfo: last.versionInfo, responseNonce: last.nonce }));
    call.emit("data", sotwRequest({ typeUrl: CLUSTER_TYPE, versionInfo: newest.versionInfo, responseNonce: newest.nonce }));
    expect(stream.status().types[0]?.acked.a).toBe(cluster("a", 3).version);
    expect(taken).toHaveLength(2);
  });
});
