/**
 * Resources for proxyless gRPC clients: for every service port, the api_listener named
 * `<host>:<port>` and its RouteConfiguration (from the mesh VirtualServices for the
 * host). A VirtualService change re-runs only the services whose hosts it covers.
 */
import { manyCollection, type Collection } from "@weft/krt";
import { ListenerSchema } from "./gen/envoy/config/listener/v3/listener_pb.js";
import { RouteConfigurationSchema } from "./gen/envoy/config/route/v3/route_pb.js";
import { grpcApiListener } from "./listeners/grpc-listener.js";
import { meshVirtualServicesFor, routeContext, type Lookups } from "./lookups.js";
import { grpcListenerName, clusterName } from "./names.js";
import { GRPC_SCOPE, sameResource, xdsResource, type XdsResource } from "./resource.js";
import { LISTENER_TYPE, ROUTE_TYPE } from "./resource-types.js";
import { meshRouteConfiguration } from "./routes/mesh-route-config.js";

export interface MeshXds {
  listeners: Collection<XdsResource>;
  routes: Collection<XdsResource>;
}

export function meshXds(l: Lookups): MeshXds {
  const listeners = manyCollection(
    l.services,
    (_ctx, service): XdsResource[] => {
      const host = service.hostname.toLowerCase();
      return service.ports.map((p) => xdsResource(ListenerSchema, { typeUrl: LISTENER_TYPE, scope: GRPC_SCOPE, name: grpcListenerName(host, p.port) }, grpcApiListener(host, p.port)));
    },
    { name: "GrpcListeners", key: (r) => r.key, equals: sameResource },
  );
  const routes = manyCollection(
    l.services,
    (ctx, service): XdsResource[] => {
      const host = service.hostname.toLowerCase();
      const virtualServices = meshVirtualServicesFor(ctx, l, host);
      return service.ports.map((p) => {
        const problems: string[] = [];
        const config = meshRouteConfiguration(host, p.port, virtualServices, (vs) => routeContext(ctx, l, { virtualService: vs, flavour: "grpc", listenPort: p.port, isTls: false, problems }));
        return xdsResource(RouteConfigurationSchema, { typeUrl: ROUTE_TYPE, scope: GRPC_SCOPE, name: clusterName(host, p.port) }, config, problems);
      });
    },
    { name: "GrpcRouteConfigurations", key: (r) => r.key, equals: sameResource },
  );
  return { listeners, routes };
}
