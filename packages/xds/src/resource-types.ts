/**
 * The xDS resource types this package builds and serves, with their type URLs and
 * protobuf-es schemas.
 */
import type { DescMessage } from "@bufbuild/protobuf";
import { ClusterSchema } from "./gen/envoy/config/cluster/v3/cluster_pb.js";
import { ClusterLoadAssignmentSchema } from "./gen/envoy/config/endpoint/v3/endpoint_pb.js";
import { ListenerSchema } from "./gen/envoy/config/listener/v3/listener_pb.js";
import { RouteConfigurationSchema } from "./gen/envoy/config/route/v3/route_pb.js";

export const LISTENER_TYPE = "type.googleapis.com/envoy.config.listener.v3.Listener";
export const ROUTE_TYPE = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";
export const CLUSTER_TYPE = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
export const ENDPOINT_TYPE = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";

export type XdsTypeUrl = typeof LISTENER_TYPE | typeof ROUTE_TYPE | typeof CLUSTER_TYPE | typeof ENDPOINT_TYPE;

/** The schema of each served type, for decoding and JSON rendering. */
export const SCHEMA_OF: Readonly<Record<XdsTypeUrl, DescMessage>> = {
  [LISTENER_TYPE]: ListenerSchema,
  [ROUTE_TYPE]: RouteConfigurationSchema,
  [CLUSTER_TYPE]: ClusterSchema,
  [ENDPOINT_TYPE]: ClusterLoadAssignmentSchema,
};

export function isXdsTypeUrl(typeUrl: string): typeUrl is XdsTypeUrl {
  return Object.hasOwn(SCHEMA_OF, typeUrl);
}

/**
 * Types for which a state-of-the-world response must list every subscribed resource
 * (a missing one means deleted). For routes and endpoints a response may carry only the
 * resources that changed (xDS protocol, "Resource types" section).
 */
export function requiresFullState(typeUrl: string): boolean {
  return typeUrl === LISTENER_TYPE || typeUrl === CLUSTER_TYPE;
}
