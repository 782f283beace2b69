/**
 * Test support for the ADS soak test: simulated clients of either protocol that follow
 * clusters (wildcard) and endpoints (by name), record what they run, and behave as
 * told: acknowledge everything, reject every other update until told to stop, never read
 * until told to, or leave early.
 *
 * As a real client does, one that rejects a response keeps what it had. It rejects only
 * updates: a removal cannot fail validation. A resource is recorded by its content token
 * (a cluster's connect timeout, an endpoint's port: what the soak's churn changes), which
 * is cheaper to compare than a digest with a hundred clients decoding.
 */
import { fromBinary } from "@bufbuild/protobuf";
import { credentials, type ClientDuplexStream } from "@grpc/grpc-js";
import { ClusterSchema } from "../gen/envoy/config/cluster/v3/cluster_pb.js";
import { ClusterLoadAssignmentSchema, type ClusterLoadAssignment } from "../gen/envoy/config/endpoint/v3/endpoint_pb.js";
import type { DeltaDiscoveryRequest, DeltaDiscoveryResponse, DiscoveryRequest, DiscoveryResponse } from "../gen/envoy/service/discovery/v3/discovery_pb.js";
import { CLUSTER_TYPE, ENDPOINT_TYPE } from "../resource-types.js";
import { AdsClient } from "./ads-service.js";
import { deltaRequest, sotwRequest } from "./test-streams.js";

export type Behaviour = "acks" | "nacks" | "never-reads" | "leaves";

/** name → content token, per type: what a client runs (or, for the server, what exists). */
export type State = Map<string, Map<string, string>>;

type Channel = InstanceType<typeof AdsClient> & {
  streamAggregatedResources(): ClientDuplexStream<DiscoveryRequest, DiscoveryResponse>;
  deltaAggregatedResources(): ClientDuplexStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>;
};

/** A channel of its own (not gRPC's shared subchannel pool): one HTTP/2 connection per channel. */
export function soakChannel(port: number): Channel {
  return new AdsClient(`127.0.0.1:${port}`, credentials.createInsecure(), { "grpc.use_local_subchannel_pool": 1 }) as Channel;
}

export const clusterToken = (seconds: bigint | number | undefined): string => `t${String(seconds ?? 0)}`;

function endpointToken(a: ClusterLoadAssignment): string {
  const address = a.endpoints[0]?.lbEndpoints[0]?.hostIdentifier;
  const socket = address?.case === "endpoint" ? address.value.address?.address : undefined;
  return `p${socket?.case === "socketAddress" && socket.value.portSpecifier.case === "portValue" ? socket.value.portSpecifier.value : 0}`;
}
export const endpointPortToken = (port: number): string => `p${port}`;

export class SoakClient {
  /** What the client runs, per type: what it accepted. */
  readonly received: State = new Map([
    [CLUSTER_TYPE, new Map()],
    [ENDPOINT_TYPE, new Map()],
  ]);
  responses = 0;
  private rejecting: boolean;
  private readonly sotw: ClientDuplexStream<DiscoveryRequest, DiscoveryResponse> | undefined;
  private readonly delta: ClientDuplexStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse> | undefined;

  constructor(
    channel: Channel,
    readonly id: string,
    readonly protocol: "sotw" | "delta",
    readonly behaviour: Behaviour,
    /** The endpoint names it subscribes to. */
    readonly endpointNames: readonly string[],
  ) {
    this.rejecting = behaviour === "nacks";
    const node = { id };
    if (protocol === "sotw") {
      const call = (this.sotw = channel.streamAggregatedResources());
      call.on("data", (r: DiscoveryResponse) => this.onSotw(r));
      call.on("error", () => undefined);
      call.write(sotwRequest({ node, typeUrl: CLUSTER_TYPE }));
      call.write(sotwRequest({ typeUrl: ENDPOINT_TYPE, resourceNames: [...endpointNames] }));
    } else {
      const call = (this.delta = channel.deltaAggregatedResources());
      call.on("data", (r: DeltaDiscoveryResponse) => this.onDelta(r));
      call.on("error", () => undefined);
      call.write(deltaRequest({ node, typeUrl: CLUSTER_TYPE }));
      call.write(deltaRequest({ typeUrl: ENDPOINT_TYPE, resourceNamesSubscribe: [...endpointNames] }));
    }
    if (behaviour === "never-reads") this.call.pause();
  }

  private get call(): ClientDuplexStream<DiscoveryRequest, DiscoveryResponse> | ClientDuplexStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse> {
    return (this.sotw ?? this.delta) as ClientDuplexStream<DiscoveryRequest, DiscoveryResponse>;
  }

  /** A NACKing client rejects every other update that carries no removal. */
  private rejects(removals: number): boolean {
    return this.rejecting && removals === 0 && this.responses % 2 === 0;
  }

  /** From now on it accepts everything (its configuration was fixed). */
  stopRejecting(): void {
    this.rejecting = false;
  }

  private onSotw(r: DiscoveryResponse): void {
    this.responses++;
    const held = this.received.get(r.typeUrl);
    if (held === undefined) return;
    const rejected = this.rejects(0);
    if (!rejected && r.typeUrl === CLUSTER_TYPE) {
      // Clusters come whole: the response is the state.
      held.clear();
      for (const any of r.resources) {
        const c = fromBinary(ClusterSchema, any.value);
        held.set(c.name, clusterToken(c.connectTimeout?.seconds));
      }
    } else if (!rejected) for (const any of r.resources) {
      const a = fromBinary(ClusterLoadAssignmentSchema, any.value);
      held.set(a.clusterName, endpointToken(a));
    }
    const resourceNames = r.typeUrl === ENDPOINT_TYPE ? [...this.endpointNames] : [];
    const errorDetail = rejected ? { errorDetail: { code: 3, message: "soak: rejected" } } : {};
    this.sotw?.write(sotwRequest({ typeUrl: r.typeUrl, versionInfo: r.versionInfo, responseNonce: r.nonce, resourceNames, ...errorDetail }));
  }

  private onDelta(r: DeltaDiscoveryResponse): void {
    this.responses++;
    const held = this.received.get(r.typeUrl);
    if (held === undefined) return;
    const rejected = this.rejects(r.removedResources.length);
    if (!rejected) {
      for (const x of r.resources) {
        const bytes = x.resource?.value ?? new Uint8Array();
        held.set(x.name, r.typeUrl === CLUSTER_TYPE ? clusterToken(fromBinary(ClusterSchema, bytes).connectTimeout?.seconds) : endpointToken(fromBinary(ClusterLoadAssignmentSchema, bytes)));
      }
      for (const name of r.removedResources) held.delete(name);
    }
    const errorDetail = rejected ? { errorDetail: { code: 3, message: "soak: rejected" } } : {};
    this.delta?.write(deltaRequest({ typeUrl: r.typeUrl, responseNonce: r.nonce, ...errorDetail }));
  }

  /** Whether what it was sent is the server's state: every cluster, and its endpoints at their versions. */
  converged(expected: State): boolean {
    const clusters = expected.get(CLUSTER_TYPE) ?? new Map<string, string>();
    const got = this.received.get(CLUSTER_TYPE) ?? new Map<string, string>();
    if (got.size !== clusters.size || [...clusters].some(([n, v]) => got.get(n) !== v)) return false;
    const endpoints = expected.get(ENDPOINT_TYPE) ?? new Map<string, string>();
    const gotEndpoints = this.received.get(ENDPOINT_TYPE) ?? new Map<string, string>();
    return this.endpointNames.every((n) => gotEndpoints.get(n) === endpoints.get(n));
  }

  /** What differs from `expected`, for failure messages. */
  diff(expected: State): string {
    const out: string[] = [];
    for (const [type, want] of expected) {
      const got = this.received.get(type) ?? new Map<string, string>();
      const names = type === CLUSTER_TYPE ? new Set([...want.keys(), ...got.keys()]) : new Set(this.endpointNames);
      for (const n of names) if (want.get(n) !== got.get(n)) out.push(`${type.slice(type.lastIndexOf(".") + 1)}/${n}: want ${want.get(n) ?? "none"}, got ${got.get(n) ?? "none"}`);
    }
    return out.slice(0, 5).join("; ");
  }

  resume(): void {
    this.call.resume();
  }

  leave(): void {
    this.call.cancel();
  }
}
