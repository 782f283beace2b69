import { anyUnpack } from "@bufbuild/protobuf/wkt";
import { describe, expect, test } from "vitest";
import { Cluster_LbPolicy } from "../gen/envoy/config/cluster/v3/cluster_pb.js";
import { UpstreamTlsContextSchema, type UpstreamTlsContext } from "../gen/envoy/extensions/transport_sockets/tls/v3/tls_pb.js";
import { xdsRegistry } from "../json.js";
import { buildCluster } from "./cluster.js";
import { appProtocol, clusterPlans } from "./cluster-plans.js";
import { effectiveRule, parseDestinationRule, type ParsedDestinationRule } from "./destination-rules.js";

const rule = (name: string, spec: unknown, creationTimestamp = "2024-01-01T00:00:00Z"): ParsedDestinationRule =>
  parseDestinationRule({ metadata: { name, namespace: "default", creationTimestamp }, spec }, "cluster.local");
const service = { hostname: "svc.default.svc.cluster.local", source: "Service" as const, namespace: "default", name: "svc", createdAt: 0, ports: [{ name: "http", port: 80 }, { name: "grpc-api", port: 9090 }] };

function tlsOf(plan: ReturnType<typeof clusterPlans>[number]): UpstreamTlsContext | undefined {
  const socket = buildCluster(plan, "10s").cluster.transportSocket;
  const any = socket?.configType.case === "typedConfig" ? socket.configType.value : undefined;
  return any === undefined ? undefined : (anyUnpack(any, UpstreamTlsContextSchema) as UpstreamTlsContext);
}

describe("destination rules", () => {
  test("an exact host beats a wildcard; short names resolve in the rule's namespace", () => {
    const exact = rule("exact", { host: "svc", trafficPolicy: { loadBalancer: { simple: "RANDOM" } } });
    const wild = rule("wild", { host: "*.svc.cluster.local", trafficPolicy: { loadBalancer: { simple: "LEAST_REQUEST" } } });
    expect(exact.host).toBe("svc.default.svc.cluster.local");
    expect(effectiveRule(service.hostname, [wild, exact])?.rules).toEqual(["default/exact"]);
    expect(effectiveRule("other.default.svc.cluster.local", [wild, exact])?.rules).toEqual(["default/wild"]);
  });

  test("rules for one host merge: the oldest policy, every subset once", () => {
    const old = rule("old", { host: "svc", trafficPolicy: { loadBalancer: { simple: "RANDOM" } }, subsets: [{ name: "v1", labels: { v: "1" } }] }, "2024-01-01T00:00:00Z");
    const young = rule("young", { host: "svc", trafficPolicy: { loadBalancer: { simple: "LEAST_REQUEST" } }, subsets: [{ name: "v1", labels: { v: "x" } }, { name: "v2", labels: { v: "2" } }] }, "2024-02-01T00:00:00Z");
    const r = effectiveRule(service.hostname, [young, old]);
    expect(r?.trafficPolicy?.loadBalancer?.simple).toBe("RANDOM");
    expect(r?.subsets.map((s) => [s.name, s.labels?.v])).toEqual([
      ["v1", "1"],
      ["v2", "2"],
    ]);
  });

  test("a malformed rule is a problem and applies to nothing", () => {
    const bad = rule("bad", { host: 42 });
    expect(bad.problem).toMatch(/does not parse/);
    expect(effectiveRule(service.hostname, [bad])).toBeUndefined();
  });
});

describe("clusters", () => {
  test("each port gets a cluster and each subset one per port, subsets carrying their labels", () => {
    const plans = clusterPlans(service, effectiveRule(service.hostname, [rule("r", { host: "svc", subsets: [{ name: "v2", labels: { version: "v2" } }] })]));
    expect(plans.map((p) => p.name)).toEqual(["outbound|80||svc.default.svc.cluster.local", "outbound|80|v2|svc.default.svc.cluster.local", "outbound|9090||svc.default.svc.cluster.local", "outbound|9090|v2|svc.default.svc.cluster.local"]);
    expect(plans[1]?.labels).toEqual({ version: "v2" });
  });

  test("port-level settings replace the rule's for that port; a subset's policy replaces both", () => {
    const r = effectiveRule(service.hostname, [
      rule("r", {
        host: "svc",
        trafficPolicy: { loadBalancer: { simple: "RANDOM" }, portLevelSettings: [{ port: { number: 9090 }, loadBalancer: { simple: "LEAST_REQUEST" } }] },
        subsets: [{ name: "hash", trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: "x" } } } }],
      }),
    ]);
    const lb = Object.fromEntries(clusterPlans(service, r).map((p) => [p.name.split("|").slice(1, 3).join("|"), buildCluster(p, "10s").cluster.lbPolicy]));
    expect(lb).toEqual({ "80|": Cluster_LbPolicy.RANDOM, "80|hash": Cluster_LbPolicy.RING_HASH, "9090|": Cluster_LbPolicy.LEAST_REQUEST, "9090|hash": Cluster_LbPolicy.RING_HASH });
  });

  test("HTTP/2 upstream for gRPC and HTTP2 ports (by declared protocol or port name)", () => {
    expect(appProtocol({ name: "grpc-api", protocol: "TCP" })).toBe("GRPC");
    expect(appProtocol({ name: "h2c", protocol: "TCP" })).toBe("HTTP2");
    expect(appProtocol({ name: "web", protocol: "HTTP" })).toBe("HTTP");
    const [http, grpc] = clusterPlans(service, undefined).map((p) => buildCluster(p, "10s").cluster);
    expect(Object.keys(http?.typedExtensionProtocolOptions ?? {})).toEqual([]);
    expect(Object.keys(grpc?.typedExtensionProtocolOptions ?? {})).toEqual(["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]);
  });

  test("connection pool, outlier detection and connect timeout come from the policy", () => {
    const r = effectiveRule(service.hostname, [
      rule("r", { host: "svc", trafficPolicy: { connectionPool: { tcp: { maxConnections: 10, connectTimeout: "2s" }, http: { http2MaxRequests: 100 } }, outlierDetection: { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s" } } }),
    ]);
    const c = buildCluster(clusterPlans(service, r)[0]!, "10s").cluster;
    expect(c.connectTimeout).toMatchObject({ seconds: 2n });
    expect(c.circuitBreakers?.thresholds[0]).toMatchObject({ maxConnections: 10, maxRequests: 100 });
    expect(c.outlierDetection).toMatchObject({ consecutive5xx: 5, enforcingConsecutive5xx: 100, interval: { seconds: 10n }, baseEjectionTime: { seconds: 30n } });
  });

  test("SIMPLE TLS with a credential verifies against the credential's CA over SDS", () => {
    const r = effectiveRule(service.hostname, [rule("r", { host: "svc", trafficPolicy: { tls: { mode: "SIMPLE", credentialName: "configmap://default/ca", sni: "svc.example.com", subjectAltNames: ["svc.example.com"] } } })]);
    const tls = tlsOf(clusterPlans(service, r)[0]!);
    expect(tls?.sni).toBe("svc.example.com");
    expect(tls?.commonTlsContext?.tlsCertificateSdsSecretConfigs).toEqual([]);
    const validation = tls?.commonTlsContext?.validationContextType;
    expect(validation?.case).toBe("combinedValidationContext");
    if (validation?.case === "combinedValidationContext") {
      expect(validation.value.validationContextSdsSecretConfig?.name).toBe("configmap://default/ca-cacert");
      expect(validation.value.defaultValidationContext?.matchTypedSubjectAltNames.map((m) => m.matcher?.matchPattern.value)).toEqual(["svc.example.com"]);
    }
  });

  test("MUTUAL TLS presents the credential; ISTIO_MUTUAL the workload certificate with Istio's ALPN and SNI", () => {
    const mutual = tlsOf(clusterPlans(service, effectiveRule(service.hostname, [rule("r", { host: "svc", trafficPolicy: { tls: { mode: "MUTUAL", credentialName: "client" } } })]))[0]!);
    expect(mutual?.commonTlsContext?.tlsCertificateSdsSecretConfigs.map((s) => s.name)).toEqual(["kubernetes://client"]);
    const istio = tlsOf(clusterPlans(service, effectiveRule(service.hostname, [rule("r", { host: "svc", trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } } })]))[0]!);
    expect(istio?.commonTlsContext?.tlsCertificateSdsSecretConfigs.map((s) => s.name)).toEqual(["default"]);
    expect(istio?.commonTlsContext?.alpnProtocols).toEqual(["istio-peer-exchange", "istio"]);
    expect(istio?.sni).toBe("outbound_.80_._.svc.default.svc.cluster.local");
  });

  test("DISABLE and insecureSkipVerify need no CA; a bad secret name is a problem, not a throw", () => {
    const none = clusterPlans(service, effectiveRule(service.hostname, [rule("r", { host: "svc", trafficPolicy: { tls: { mode: "DISABLE" } } })]))[0]!;
    expect(buildCluster(none, "10s").cluster.transportSocket).toBeUndefined();
    const skip = tlsOf(clusterPlans(service, effectiveRule(service.hostname, [rule("r", { host: "svc", trafficPolicy: { tls: { mode: "SIMPLE", credentialName: "c", insecureSkipVerify: true } } })]))[0]!);
    expect(skip?.commonTlsContext?.validationContextType.case).toBeUndefined();
    const bad = clusterPlans(service, effectiveRule(service.hostname, [rule("r", { host: "svc", trafficPolicy: { tls: { mode: "MUTUAL", credentialName: "bogus://x" } } })]))[0]!;
    expect(buildCluster(bad, "10s").problems.join()).toMatch(/bogus/);
  });

  test("an unknown load balancer keeps round robin and says so", () => {
    const p = clusterPlans(service, effectiveRule(service.hostname, [rule("r", { host: "svc", trafficPolicy: { loadBalancer: { simple: "WEIGHTED_FANCY" } } })]))[0]!;
    const { cluster, problems } = buildCluster(p, "10s");
    expect(cluster.lbPolicy).toBe(Cluster_LbPolicy.ROUND_ROBIN);
    expect(problems).toEqual([expect.stringContaining("WEIGHTED_FANCY")]);
    expect(xdsRegistry().getMessage("envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext")).toBeDefined();
  });
});

describe("hostile service ports", () => {
  test("a port whose name or protocol is not a string has no application protocol, and building does not throw", () => {
    expect(appProtocol({ name: 7 as never, protocol: { x: 1 } as never })).toBe("");
    expect(appProtocol({ name: "grpc-api", protocol: 5 as never })).toBe("GRPC");
  });
});
