/**
 * A Cluster from its plan: endpoints by EDS over ADS, the plan's load balancing,
 * limits, outlier detection and upstream TLS, and HTTP/2 upstream for HTTP2 and gRPC
 * ports.
 */
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import { ClusterSchema, Cluster_DiscoveryType, type Cluster } from "../gen/envoy/config/cluster/v3/cluster_pb.js";
import { ApiVersion } from "../gen/envoy/config/core/v3/config_source_pb.js";
import { HttpProtocolOptionsSchema } from "../gen/envoy/extensions/upstreams/http/v3/http_protocol_options_pb.js";
import { parseDuration } from "../duration.js";
import type { ClusterPlan } from "./cluster-plans.js";
import { applyConnectionPool, applyLoadBalancer, applyOutlierDetection } from "./load-balancing.js";
import type { GrpcCertificateProviders } from "../secrets/certificate-providers.js";
import { upstreamTls } from "./upstream-tls.js";

const HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";
const HTTP2_PROTOCOLS = new Set(["HTTP2", "GRPC", "GRPC-WEB"]);

/**
 * @param grpcProviders set for the copy proxyless gRPC clients read when the cluster
 *   originates TLS: certificates then come from their bootstrap's provider instances.
 */
export function buildCluster(plan: ClusterPlan, defaultConnectTimeout: string, grpcProviders?: GrpcCertificateProviders): { cluster: Cluster; problems: string[] } {
  const problems: string[] = [];
  const init: MessageInitShape<typeof ClusterSchema> = {
    name: plan.name,
    clusterDiscoveryType: { case: "type", value: Cluster_DiscoveryType.EDS },
    edsClusterConfig: { serviceName: plan.name, edsConfig: { configSourceSpecifier: { case: "ads", value: {} }, resourceApiVersion: ApiVersion.V3 } },
    connectTimeout: parseDuration(plan.policy.connectionPool?.tcp?.connectTimeout) ?? parseDuration(defaultConnectTimeout),
  };
  const lbProblem = applyLoadBalancer(init, plan.policy.loadBalancer);
  if (lbProblem !== undefined) problems.push(lbProblem);
  applyConnectionPool(init, plan.policy.connectionPool);
  applyOutlierDetection(init, plan.policy.outlierDetection);
  const tls = upstreamTls(plan.policy.tls, `outbound_.${plan.port}_.${plan.subset}_.${plan.host}`, grpcProviders);
  if (tls !== undefined) {
    init.transportSocket = tls.socket;
    problems.push(...tls.problems);
  }
  const upgrade = plan.policy.connectionPool?.http?.h2UpgradePolicy === "UPGRADE";
  if (HTTP2_PROTOCOLS.has(plan.protocol) || upgrade) {
    const options = create(HttpProtocolOptionsSchema, { upstreamProtocolOptions: { case: "explicitHttpConfig", value: { protocolConfig: { case: "http2ProtocolOptions", value: {} } } } });
    init.typedExtensionProtocolOptions = { [HTTP_PROTOCOL_OPTIONS]: anyPack(HttpProtocolOptionsSchema, options) };
  }
  return { cluster: create(ClusterSchema, init), problems };
}
