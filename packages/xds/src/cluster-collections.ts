/**
 * Clusters and their endpoints as krt collections. Both derive from cluster plans (per
 * service, with its DestinationRule), so a DestinationRule change rebuilds that host's
 * clusters, and an endpoint change rebuilds only the assignments of that service port.
 */
import { collection, filter, join, manyCollection, type Collection } from "@weft/krt";
import { buildCluster } from "./clusters/cluster.js";
import { originatesTls } from "./clusters/upstream-tls.js";
import { clusterPlans, type ClusterPlan } from "./clusters/cluster-plans.js";
import { loadAssignment } from "./endpoints/load-assignment.js";
import { ClusterSchema } from "./gen/envoy/config/cluster/v3/cluster_pb.js";
import { ClusterLoadAssignmentSchema } from "./gen/envoy/config/endpoint/v3/endpoint_pb.js";
import type { XdsInputs } from "./inputs.js";
import { ruleFor, type Lookups } from "./lookups.js";
import { serviceEndpointsKey } from "./model.js";
import { GRPC_SCOPE, SHARED_SCOPE, sameResource, xdsResource, type XdsResource } from "./resource.js";
import { CLUSTER_TYPE, ENDPOINT_TYPE } from "./resource-types.js";

export interface ClusterXds {
  plans: Collection<ClusterPlan>;
  clusters: Collection<XdsResource>;
  endpoints: Collection<XdsResource>;
}

export function clusterXds(inputs: XdsInputs, l: Lookups): ClusterXds {
  // Keyed here as it is looked up, whatever key the caller's collection uses.
  const endpointsByPort = collection(inputs.endpoints, (_ctx, e) => e, { name: "EndpointsByServicePort", key: (e) => serviceEndpointsKey({ hostname: e.hostname.toLowerCase(), port: e.port }) });
  const plans = manyCollection(l.services, (ctx, service) => clusterPlans(service, ruleFor(ctx, l, service.hostname.toLowerCase())), { name: "ClusterPlans", key: (p) => p.name });
  const clusters = collection(
    plans,
    (_ctx, plan): XdsResource => {
      const { cluster, problems } = buildCluster(plan, l.opts.connectTimeout);
      return xdsResource(ClusterSchema, { typeUrl: CLUSTER_TYPE, scope: SHARED_SCOPE, name: plan.name }, cluster, problems);
    },
    { name: "Clusters", key: (r) => r.key, equals: sameResource },
  );
  // gRPC clients have no SDS: where a cluster originates TLS they read their own copy,
  // which names certificate provider instances instead (it shadows the shared one).
  const grpcClusters = collection(
    plans,
    (_ctx, plan): XdsResource | undefined => {
      if (!originatesTls(plan.policy.tls)) return undefined;
      const { cluster, problems } = buildCluster(plan, l.opts.connectTimeout, l.opts.grpcCertificateProviders);
      return xdsResource(ClusterSchema, { typeUrl: CLUSTER_TYPE, scope: GRPC_SCOPE, name: plan.name }, cluster, problems);
    },
    { name: "GrpcTlsClusters", key: (r) => r.key, equals: sameResource },
  );
  const endpoints = collection(
    plans,
    (ctx, plan): XdsResource => {
      const found = ctx.fetchOne(endpointsByPort, filter.key(serviceEndpointsKey({ hostname: plan.host, port: plan.port })));
      return xdsResource(ClusterLoadAssignmentSchema, { typeUrl: ENDPOINT_TYPE, scope: SHARED_SCOPE, name: plan.name }, loadAssignment(plan.name, found?.endpoints ?? [], plan.labels));
    },
    { name: "ClusterLoadAssignments", key: (r) => r.key, equals: sameResource },
  );
  return { plans, clusters: join([clusters, grpcClusters], { name: "AllClusters", key: (r) => r.key }), endpoints };
}
