/**
 * The Aggregated Discovery Service as a @grpc/grpc-js service definition, with
 * protobuf-es doing the (de)serialisation. The same definition makes a client.
 */
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { makeGenericClientConstructor, type ServiceDefinition } from "@grpc/grpc-js";
import {
  DeltaDiscoveryRequestSchema,
  DeltaDiscoveryResponseSchema,
  DiscoveryRequestSchema,
  DiscoveryResponseSchema,
  type DeltaDiscoveryRequest,
  type DeltaDiscoveryResponse,
  type DiscoveryRequest,
  type DiscoveryResponse,
} from "../gen/envoy/service/discovery/v3/discovery_pb.js";

const SERVICE = "/envoy.service.discovery.v3.AggregatedDiscoveryService";

export interface AdsServiceDefinition extends ServiceDefinition {
  streamAggregatedResources: {
    path: string;
    requestStream: true;
    responseStream: true;
    requestSerialize: (m: DiscoveryRequest) => Buffer;
    requestDeserialize: (b: Buffer) => DiscoveryRequest;
    responseSerialize: (m: DiscoveryResponse) => Buffer;
    responseDeserialize: (b: Buffer) => DiscoveryResponse;
  };
  deltaAggregatedResources: {
    path: string;
    requestStream: true;
    responseStream: true;
    requestSerialize: (m: DeltaDiscoveryRequest) => Buffer;
    requestDeserialize: (b: Buffer) => DeltaDiscoveryRequest;
    responseSerialize: (m: DeltaDiscoveryResponse) => Buffer;
    responseDeserialize: (b: Buffer) => DeltaDiscoveryResponse;
  };
}

const buffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export const adsServiceDefinition: AdsServiceDefinition = {
  streamAggregatedResources: {
    path: `${SERVICE}/StreamAggregatedResources`,
    requestStream: true,
    responseStream: true,
    requestSerialize: (m) => buffer(toBinary(DiscoveryRequestSchema, m)),
    requestDeserialize: (b) => fromBinary(DiscoveryRequestSchema, b),
    responseSerialize: (m) => buffer(toBinary(DiscoveryResponseSchema, m)),
    responseDeserialize: (b) => fromBinary(DiscoveryResponseSchema, b),
  },
  deltaAggregatedResources: {
    path: `${SERVICE}/DeltaAggregatedResources`,
    requestStream: true,
    responseStream: true,
    requestSerialize: (m) => buffer(toBinary(DeltaDiscoveryRequestSchema, m)),
    requestDeserialize: (b) => fromBinary(DeltaDiscoveryRequestSchema, b),
    responseSerialize: (m) => buffer(toBinary(DeltaDiscoveryResponseSchema, m)),
    responseDeserialize: (b) => fromBinary(DeltaDiscoveryResponseSchema, b),
  },
};

/**
 * The definition the server registers: identical on the wire, but responses are written
 * already serialised, so the server encodes each response once and knows its size.
 */
export const adsServerDefinition: ServiceDefinition = {
  streamAggregatedResources: { ...adsServiceDefinition.streamAggregatedResources, responseSerialize: (bytes: Uint8Array) => buffer(bytes) },
  deltaAggregatedResources: { ...adsServiceDefinition.deltaAggregatedResources, responseSerialize: (bytes: Uint8Array) => buffer(bytes) },
};

/** A client of the service (for tests and tools): `new AdsClient(address, credentials)`. */
export const AdsClient = makeGenericClientConstructor(adsServiceDefinition, "AggregatedDiscoveryService");
