/**
 * A DestinationRule's load balancing, connection pool and outlier detection as Cluster
 * fields.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { ConnectionPoolSettings, LoadBalancerSettings, OutlierDetection } from "@weft/api";
import { Cluster_LbPolicy, type ClusterSchema } from "../gen/envoy/config/cluster/v3/cluster_pb.js";
import { parseDuration } from "../duration.js";

type ClusterInit = MessageInitShape<typeof ClusterSchema>;

/** Istio's default ring size for consistent hashing. */
const DEFAULT_RING_SIZE = 1024n;

function toBigInt(value: string | number | undefined): bigint | undefined {
  if (value === undefined || value === "") return undefined;
  try {
    return BigInt(value);
  } catch {
    return undefined;
  }
}

/**
 * Sets lb_policy (and the ring or table of hash policies). Without settings the policy
 * stays ROUND_ROBIN, Envoy's default and the one proxyless gRPC clients accept. Returns
 * a problem for a policy it cannot express.
 */
export function applyLoadBalancer(cluster: ClusterInit, lb: LoadBalancerSettings | undefined): string | undefined {
  if (lb === undefined) return undefined;
  const hash = lb.consistentHash;
  if (hash !== undefined) {
    if (hash.maglev !== undefined) {
      cluster.lbPolicy = Cluster_LbPolicy.MAGLEV;
      const tableSize = toBigInt(hash.maglev.tableSize);
      cluster.lbConfig = { case: "maglevLbConfig", value: tableSize === undefined ? {} : { tableSize } };
      return undefined;
    }
    cluster.lbPolicy = Cluster_LbPolicy.RING_HASH;
    cluster.lbConfig = { case: "ringHashLbConfig", value: { minimumRingSize: toBigInt(hash.ringHash?.minimumRingSize ?? hash.minimumRingSize) ?? DEFAULT_RING_SIZE } };
    return undefined;
  }
  switch ((lb.simple ?? "").toUpperCase()) {
    case "":
    case "UNSPECIFIED":
    case "ROUND_ROBIN":
      return undefined;
    case "LEAST_REQUEST":
    case "LEAST_CONN":
      cluster.lbPolicy = Cluster_LbPolicy.LEAST_REQUEST;
      return undefined;
    case "RANDOM":
      cluster.lbPolicy = Cluster_LbPolicy.RANDOM;
      return undefined;
    default:
      return `load balancer ${JSON.stringify(lb.simple)} is not supported; using ROUND_ROBIN`;
  }
}

export function applyConnectionPool(cluster: ClusterInit, pool: ConnectionPoolSettings | undefined): void {
  if (pool === undefined) return;
  const threshold: Record<string, number> = {};
  if (pool.tcp?.maxConnections !== undefined) threshold.maxConnections = pool.tcp.maxConnections;
  if (pool.http?.http1MaxPendingRequests !== undefined) threshold.maxPendingRequests = pool.http.http1MaxPendingRequests;
  if (pool.http?.http2MaxRequests !== undefined) threshold.maxRequests = pool.http.http2MaxRequests;
  if (pool.http?.maxRetries !== undefined) threshold.maxRetries = pool.http.maxRetries;
  if (Object.keys(threshold).length > 0) cluster.circuitBreakers = { thresholds: [threshold] };
  const idle = parseDuration(pool.http?.idleTimeout);
  if (idle !== undefined) cluster.commonHttpProtocolOptions = { idleTimeout: idle };
}

export function applyOutlierDetection(cluster: ClusterInit, od: OutlierDetection | undefined): void {
  if (od === undefined) return;
  const out: NonNullable<ClusterInit["outlierDetection"]> = {};
  const consecutive5xx = od.consecutive5xxErrors ?? od.consecutiveErrors;
  // Envoy enforces 5xx ejection by default; zero errors means "off" in Istio.
  if (consecutive5xx !== undefined) {
    out.consecutive5xx = consecutive5xx;
    out.enforcingConsecutive5xx = consecutive5xx > 0 ? 100 : 0;
  }
  if (od.consecutiveGatewayErrors !== undefined) {
    out.consecutiveGatewayFailure = od.consecutiveGatewayErrors;
    out.enforcingConsecutiveGatewayFailure = od.consecutiveGatewayErrors > 0 ? 100 : 0;
  }
  const interval = parseDuration(od.interval);
  if (interval !== undefined) out.interval = interval;
  const ejection = parseDuration(od.baseEjectionTime);
  if (ejection !== undefined) out.baseEjectionTime = ejection;
  if (od.maxEjectionPercent !== undefined) out.maxEjectionPercent = od.maxEjectionPercent;
  cluster.outlierDetection = out;
}
