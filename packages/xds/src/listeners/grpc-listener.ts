/**
 * Listeners for proxyless gRPC clients. A client dialling `xds:///<host>:<port>` asks
 * for the Listener named `<host>:<port>` and expects an api_listener holding an HTTP
 * connection manager; its RDS route is the service port's cluster name (Istio's naming).
 */
import { create } from "@bufbuild/protobuf";
import { ListenerSchema, type Listener } from "../gen/envoy/config/listener/v3/listener_pb.js";
import { clusterName, grpcListenerName } from "../names.js";
import { clientConnectionManager } from "./hcm.js";

export function grpcApiListener(host: string, port: number): Listener {
  return create(ListenerSchema, {
    name: grpcListenerName(host, port),
    apiListener: { apiListener: clientConnectionManager(clusterName(host, port)) },
  });
}
