import { describe } from "vitest";
import { checkKind } from "../test-support.js";

const policy = {
  loadBalancer: {
    consistentHash: {
      httpCookie: { name: "session", path: "/", ttl: "0s", attributes: [{ name: "SameSite", value: "Strict" }] },
      ringHash: { minimumRingSize: "1024" },
    },
    localityLbSetting: {
      distribute: [{ from: "us-west/*", to: { "us-west/*": 80, "us-east/*": 20 } }],
      failover: [{ from: "us-east", to: "eu-west" }],
      failoverPriority: ["topology.kubernetes.io/region"],
      enabled: true,
    },
    zoneAwareLbSetting: { enabled: true, minClusterSize: 6 },
    warmup: { duration: "60s", minimumPercent: 10, aggression: 1.5 },
  },
  connectionPool: {
    tcp: { maxConnections: 100, connectTimeout: "30ms", tcpKeepalive: { probes: 3, time: "7200s", interval: "75s" }, idleTimeout: "1h" },
    http: { http1MaxPendingRequests: 1, http2MaxRequests: 1000, maxRequestsPerConnection: 10, maxRetries: 3, h2UpgradePolicy: "UPGRADE", useClientProtocol: true, http2KeepAlive: { interval: "10s" } },
  },
  outlierDetection: { consecutive5xxErrors: 7, interval: "5m", baseEjectionTime: "15m", maxEjectionPercent: 50, outlierDetectionHttpErrorCodes: [500] },
  tls: { mode: "SIMPLE", credentialName: "ca", sni: "auth.example.com", subjectAltNames: ["auth.example.com"], insecureSkipVerify: false },
};

describe("DestinationRule", () => {
  checkKind({
    object: {
      apiVersion: "networking.istio.io/v1",
      kind: "DestinationRule",
      metadata: { name: "echo~tls", namespace: "default" },
      spec: {
        host: "echo.default.svc.cluster.local",
        exportTo: ["*"],
        workloadSelector: { matchLabels: { app: "echo" } },
        trafficPolicy: {
          ...policy,
          portLevelSettings: [{ port: { number: 443 }, tls: { mode: "SIMPLE" }, loadBalancer: { simple: "ROUND_ROBIN" } }],
          tunnel: { protocol: "CONNECT", targetHost: "example.com", targetPort: 443 },
          proxyProtocol: { version: "V2" },
          retryBudget: { percent: 20, minRetryConcurrency: 3, budgetInterval: "10s" },
        },
        subsets: [{ name: "v1", labels: { version: "v1" }, trafficPolicy: { loadBalancer: { simple: "LEAST_REQUEST" } } }],
      },
    },
    nested: [
      ["spec"],
      ["spec", "trafficPolicy"],
      ["spec", "trafficPolicy", "loadBalancer", "consistentHash", "httpCookie"],
      ["spec", "trafficPolicy", "loadBalancer", "localityLbSetting", "distribute", 0],
      ["spec", "trafficPolicy", "connectionPool", "http"],
      ["spec", "trafficPolicy", "connectionPool", "tcp", "tcpKeepalive"],
      ["spec", "trafficPolicy", "outlierDetection"],
      ["spec", "trafficPolicy", "tls"],
      ["spec", "trafficPolicy", "portLevelSettings", 0],
      ["spec", "trafficPolicy", "tunnel"],
      ["spec", "subsets", 0],
      ["spec", "workloadSelector"],
    ],
    wrongTypes: [
      { path: ["spec", "host"], value: 1 },
      { path: ["spec", "trafficPolicy", "connectionPool", "tcp", "maxConnections"], value: "100" },
      { path: ["spec", "trafficPolicy", "loadBalancer", "localityLbSetting", "distribute", 0, "to", "us-west/*"], value: "80" },
      { path: ["spec", "trafficPolicy", "loadBalancer", "consistentHash", "ringHash", "minimumRingSize"], value: true, message: /^expected an integer or a decimal string, got boolean true$/ },
      { path: ["spec", "trafficPolicy", "tls", "insecureSkipVerify"], value: "no" },
      { path: ["spec", "subsets", 0, "labels"], value: ["v1"] },
    ],
  });
});
