/**
 * Istio's DestinationRule (networking.istio.io): traffic policy (load balancing,
 * connection pool, outlier detection, client TLS) for a host and its subsets. Gateway API
 * backend policies (BackendTLSPolicy, XBackendTrafficPolicy) translate into these.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { int, int64OrString, kobject, record, stringMap } from "../schema-kit.js";
import {
  ISTIO_NETWORKING_API_VERSIONS,
  IstioStatusSchema,
  PortSelectorSchema,
  WorkloadMatchSelectorSchema,
} from "./common.js";

const failoverSchema = kobject({ from: z.string().optional(), to: z.string().optional() });

/**
 * Consistent-hash load balancing: the hash key (a oneof of header, cookie, source IP or
 * query parameter) and the ring algorithm.
 */
export const ConsistentHashLBSchema = kobject({
  httpHeaderName: z.string().optional(),
  httpCookie: kobject({
    name: z.string().optional(),
    path: z.string().optional(),
    ttl: z.string().optional(),
    attributes: z.array(kobject({ name: z.string(), value: z.string().optional() })).optional(),
  }).optional(),
  useSourceIp: z.boolean().optional(),
  httpQueryParameterName: z.string().optional(),
  ringHash: kobject({ minimumRingSize: int64OrString.optional() }).optional(),
  maglev: kobject({ tableSize: int64OrString.optional() }).optional(),
  minimumRingSize: int64OrString.optional(),
});
/** What {@link ConsistentHashLBSchema} parses to, inferred from it so the shape is written once. */
export type ConsistentHashLB = z.infer<typeof ConsistentHashLBSchema>;

/**
 * Load balancing: a simple policy or consistent hashing, locality and zone awareness,
 * and slow-start warmup.
 */
export const LoadBalancerSettingsSchema = kobject({
  simple: z.string().optional(),
  consistentHash: ConsistentHashLBSchema.optional(),
  localityLbSetting: kobject({
    distribute: z
      .array(kobject({ from: z.string().optional(), to: record(int).optional() }))
      .optional(),
    failover: z.array(failoverSchema).optional(),
    failoverPriority: z.array(z.string()).optional(),
    enabled: z.boolean().optional(),
  }).optional(),
  zoneAwareLbSetting: kobject({
    enabled: z.boolean().optional(),
    failover: z.array(failoverSchema).optional(),
    failoverPriority: z.array(z.string()).optional(),
    minClusterSize: int64OrString.optional(),
  }).optional(),
  warmupDurationSecs: z.string().optional(),
  warmup: kobject({
    duration: z.string().optional(),
    minimumPercent: z.number().optional(),
    aggression: z.number().optional(),
  }).optional(),
});
/** What {@link LoadBalancerSettingsSchema} parses to, inferred from it so the shape is written once. */
export type LoadBalancerSettings = z.infer<typeof LoadBalancerSettingsSchema>;

/**
 * Connection pool limits for TCP and HTTP.
 */
export const ConnectionPoolSettingsSchema = kobject({
  tcp: kobject({
    maxConnections: int.optional(),
    connectTimeout: z.string().optional(),
    tcpKeepalive: kobject({
      probes: int.optional(),
      time: z.string().optional(),
      interval: z.string().optional(),
    }).optional(),
    maxConnectionDuration: z.string().optional(),
    idleTimeout: z.string().optional(),
  }).optional(),
  http: kobject({
    http1MaxPendingRequests: int.optional(),
    http2MaxRequests: int.optional(),
    maxRequestsPerConnection: int.optional(),
    maxRetries: int.optional(),
    idleTimeout: z.string().optional(),
    h2UpgradePolicy: z.string().optional(),
    useClientProtocol: z.boolean().optional(),
    maxConcurrentStreams: int.optional(),
    http2KeepAlive: kobject({ interval: z.string().optional(), timeout: z.string().optional() }).optional(),
  }).optional(),
});
/** What {@link ConnectionPoolSettingsSchema} parses to, inferred from it so the shape is written once. */
export type ConnectionPoolSettings = z.infer<typeof ConnectionPoolSettingsSchema>;

/**
 * Outlier detection: when to eject an unhealthy host and for how long.
 */
export const OutlierDetectionSchema = kobject({
  consecutiveErrors: int.optional(),
  splitExternalLocalOriginErrors: z.boolean().optional(),
  consecutiveLocalOriginFailures: int.optional(),
  consecutiveGatewayErrors: int.optional(),
  consecutive5xxErrors: int.optional(),
  interval: z.string().optional(),
  baseEjectionTime: z.string().optional(),
  maxEjectionPercent: int.optional(),
  minHealthPercent: int.optional(),
  outlierDetectionHttpErrorCodes: z.array(int).optional(),
});
/** What {@link OutlierDetectionSchema} parses to, inferred from it so the shape is written once. */
export type OutlierDetection = z.infer<typeof OutlierDetectionSchema>;

/**
 * TLS the sidecar or gateway originates to the destination: the mode (DISABLE, SIMPLE,
 * MUTUAL, ISTIO_MUTUAL), certificates by file or credential name, SNI and SANs.
 */
export const ClientTLSSettingsSchema = kobject({
  mode: z.string().optional(),
  clientCertificate: z.string().optional(),
  privateKey: z.string().optional(),
  caCertificates: z.string().optional(),
  credentialName: z.string().optional(),
  subjectAltNames: z.array(z.string()).optional(),
  sni: z.string().optional(),
  insecureSkipVerify: z.boolean().optional(),
  caCrl: z.string().optional(),
});
/** What {@link ClientTLSSettingsSchema} parses to, inferred from it so the shape is written once. */
export type ClientTLSSettings = z.infer<typeof ClientTLSSettingsSchema>;

const policyShape = {
  loadBalancer: LoadBalancerSettingsSchema.optional(),
  connectionPool: ConnectionPoolSettingsSchema.optional(),
  outlierDetection: OutlierDetectionSchema.optional(),
  tls: ClientTLSSettingsSchema.optional(),
};

/**
 * A traffic policy: the shared settings, per-port overrides, tunneling, PROXY protocol
 * and a retry budget.
 */
export const TrafficPolicySchema = kobject({
  ...policyShape,
  portLevelSettings: z.array(kobject({ port: PortSelectorSchema.optional(), ...policyShape })).optional(),
  tunnel: kobject({
    protocol: z.string().optional(),
    targetHost: z.string().optional(),
    targetPort: int.optional(),
  }).optional(),
  proxyProtocol: kobject({ version: z.string().optional() }).optional(),
  retryBudget: kobject({
    percent: z.number().optional(),
    minRetryConcurrency: int.optional(),
    budgetInterval: z.string().optional(),
  }).optional(),
});
/** What {@link TrafficPolicySchema} parses to, inferred from it so the shape is written once. */
export type TrafficPolicy = z.infer<typeof TrafficPolicySchema>;

/**
 * A named subset of a service's endpoints (by labels) with its own traffic policy.
 */
export const SubsetSchema = kobject({
  name: z.string().optional(),
  labels: stringMap.optional(),
  trafficPolicy: TrafficPolicySchema.optional(),
});
/** What {@link SubsetSchema} parses to, inferred from it so the shape is written once. */
export type Subset = z.infer<typeof SubsetSchema>;

/**
 * The spec of a DestinationRule (`host` is marked required in the proto; see common.ts
 * for why it is optional here).
 */
export const DestinationRuleSpecSchema = kobject({
  host: z.string().optional(),
  trafficPolicy: TrafficPolicySchema.optional(),
  subsets: z.array(SubsetSchema).optional(),
  exportTo: z.array(z.string()).optional(),
  workloadSelector: WorkloadMatchSelectorSchema.optional(),
});
/** What {@link DestinationRuleSpecSchema} parses to, inferred from it so the shape is written once. */
export type DestinationRuleSpec = z.infer<typeof DestinationRuleSpecSchema>;

/**
 * A DestinationRule object.
 */
export const DestinationRuleSchema = kobject({
  apiVersion: z.enum(ISTIO_NETWORKING_API_VERSIONS),
  kind: z.literal("DestinationRule"),
  metadata: ObjectMetaSchema,
  spec: DestinationRuleSpecSchema.optional(),
  status: IstioStatusSchema.optional(),
});
/** What {@link DestinationRuleSchema} parses to, inferred from it so the shape is written once. */
export type DestinationRule = z.infer<typeof DestinationRuleSchema>;
