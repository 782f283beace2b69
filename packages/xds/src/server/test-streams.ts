/**
 * Test helpers: raw ADS streams against an AdsServer, with responses read in order.
 */
import { create, fromBinary, type MessageInitShape } from "@bufbuild/protobuf";
import { credentials, type ClientDuplexStream } from "@grpc/grpc-js";
import { ClusterSchema } from "../gen/envoy/config/cluster/v3/cluster_pb.js";
import { ClusterLoadAssignmentSchema } from "../gen/envoy/config/endpoint/v3/endpoint_pb.js";
import {
  DeltaDiscoveryRequestSchema,
  DiscoveryRequestSchema,
  type DeltaDiscoveryRequest,
  type DeltaDiscoveryResponse,
  type DiscoveryRequest,
  type DiscoveryResponse,
} from "../gen/envoy/service/discovery/v3/discovery_pb.js";
import { ListenerSchema } from "../gen/envoy/config/listener/v3/listener_pb.js";
import { xdsResource, type XdsResource } from "../resource.js";
import { CLUSTER_TYPE, ENDPOINT_TYPE, LISTENER_TYPE } from "../resource-types.js";
import { AdsClient } from "./ads-service.js";

/** A client-side stream whose responses queue up until read. */
export class TestStream<Req, Res> {
  private readonly queue: Res[] = [];
  private readonly waiters: ((r: Res) => void)[] = [];
  ended = false;
  /** The gRPC status the server ended the stream with, once it has. */
  status: { code: number; details: string } | undefined;

  constructor(private readonly call: ClientDuplexStream<Req, Res>) {
    call.on("data", (r: Res) => {
      const waiter = this.waiters.shift();
      if (waiter) waiter(r);
      else this.queue.push(r);
    });
    call.on("error", () => undefined);
    call.on("end", () => (this.ended = true));
    call.on("status", (s: { code: number; details: string }) => {
      this.ended = true;
      this.status = { code: s.code, details: s.details };
    });
  }

  send(request: Req): void {
    this.call.write(request);
  }

  /** The next response; rejects after `timeoutMs`. */
  next(timeoutMs = 5000): Promise<Res> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(done), 1);
        reject(new Error(`no response within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (r: Res) => {
        clearTimeout(timer);
        resolve(r);
      };
      this.waiters.push(done);
    });
  }

  /** Resolves true if no response arrives within `ms` (nothing is pushed). */
  async quiet(ms = 300): Promise<boolean> {
    if (this.queue.length > 0) return false;
    await new Promise((r) => setTimeout(r, ms));
    return this.queue.length === 0;
  }

  /** Responses received and not yet taken by `next`. */
  get queued(): number {
    return this.queue.length;
  }

  /** Stops reading from the transport: HTTP/2 flow control then holds the server's writes back. */
  pause(): void {
    this.call.pause();
  }

  resume(): void {
    this.call.resume();
  }

  cancel(): void {
    this.call.cancel();
  }

  end(): void {
    this.call.end();
  }
}

type Client = InstanceType<typeof AdsClient> & {
  streamAggregatedResources(): ClientDuplexStream<DiscoveryRequest, DiscoveryResponse>;
  deltaAggregatedResources(): ClientDuplexStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>;
};

export function adsClient(port: number): Client {
  return new AdsClient(`127.0.0.1:${port}`, credentials.createInsecure()) as Client;
}

export function sotwRequest(init: MessageInitShape<typeof DiscoveryRequestSchema>): DiscoveryRequest {
  return create(DiscoveryRequestSchema, init);
}

export function deltaRequest(init: MessageInitShape<typeof DeltaDiscoveryRequestSchema>): DeltaDiscoveryRequest {
  return create(DeltaDiscoveryRequestSchema, init);
}

/** A cluster resource whose content is told apart by its connect timeout. */
export function cluster(name: string, seconds = 1): XdsResource {
  return xdsResource(ClusterSchema, { typeUrl: CLUSTER_TYPE, scope: "", name }, create(ClusterSchema, { name, connectTimeout: { seconds: BigInt(seconds) } }));
}

export function assignment(name: string, port = 80): XdsResource {
  return xdsResource(ClusterLoadAssignmentSchema, { typeUrl: ENDPOINT_TYPE, scope: "", name }, create(ClusterLoadAssignmentSchema, { clusterName: name, endpoints: [{ lbEndpoints: [{ hostIdentifier: { case: "endpoint", value: { address: { address: { case: "socketAddress", value: { address: "10.0.0.1", portSpecifier: { case: "portValue", value: port } } } } } } }] }] }));
}

export function listener(scope: string, name: string): XdsResource {
  // The stat prefix tells listeners of one name in different scopes apart.
  return xdsResource(ListenerSchema, { typeUrl: LISTENER_TYPE, scope, name }, create(ListenerSchema, { name, statPrefix: scope }));
}

/** The names of a state-of-the-world response's resources, decoded. */
export function clusterNames(response: DiscoveryResponse): string[] {
  return response.resources.map((a) => fromBinary(ClusterSchema, a.value).name);
}
