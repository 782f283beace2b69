/**
 * Which resources a client sees. Clusters and endpoints are shared; listeners and routes
 * belong to a scope: one gateway proxy, or proxyless gRPC clients.
 */
import type { Node } from "../gen/envoy/config/core/v3/base_pb.js";
import { ownValue } from "../records.js";
import { GRPC_SCOPE, SHARED_SCOPE, gatewayScope } from "../resource.js";

/** The node metadata key a gateway proxy names itself with (its Service hostname, as `XdsOptions.proxyOf` gives it). */
export const GATEWAY_METADATA_KEY = "WEFT_GATEWAY";

/**
 * Default: a node whose metadata names a gateway is that gateway's proxy; any other is a
 * proxyless gRPC client. Only the metadata's own key counts, never an inherited one.
 */
export function defaultScopeOf(node: Node | undefined): string {
  const gateway = ownValue(node?.metadata, GATEWAY_METADATA_KEY);
  return typeof gateway === "string" && gateway !== "" ? gatewayScope(gateway) : GRPC_SCOPE;
}

/** The scopes a client reads, most specific first. */
export function clientScopes(scope: string): string[] {
  return scope === SHARED_SCOPE ? [SHARED_SCOPE] : [scope, SHARED_SCOPE];
}
