import { describe, expect, it } from "vitest";
import { parseObject } from "../parse-object.js";
import { checkKind } from "../test-support.js";

describe("Service", () => {
  checkKind({
    object: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "echo", namespace: "default", labels: { app: "echo" } },
      spec: {
        type: "LoadBalancer",
        selector: { app: "echo" },
        ports: [
          { name: "http", port: 80, targetPort: 8080, protocol: "TCP", appProtocol: "http" },
          { name: "grpc", port: 9000, targetPort: "grpc-port", nodePort: 30000 },
        ],
        clusterIP: "10.0.0.1",
        clusterIPs: ["10.0.0.1"],
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        externalTrafficPolicy: "Local",
        sessionAffinity: "ClientIP",
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        publishNotReadyAddresses: false,
        trafficDistribution: "PreferClose",
      },
      status: {
        loadBalancer: { ingress: [{ ip: "1.2.3.4", ipMode: "VIP", ports: [{ port: 80, protocol: "TCP" }] }, { hostname: "lb.example.com" }] },
      },
    },
    nested: [["spec"], ["spec", "ports", 1], ["spec", "sessionAffinityConfig", "clientIP"], ["status", "loadBalancer"], ["status", "loadBalancer", "ingress", 0]],
    wrongTypes: [
      { path: ["spec", "ports", 0, "port"], value: "80" },
      { path: ["spec", "ports", 0, "targetPort"], value: true, message: /^expected an integer or a string, got boolean true$/ },
      { path: ["spec", "selector", "app"], value: 1 },
      { path: ["status", "loadBalancer", "ingress", 0, "ip"], value: 1234 },
    ],
  });

  it("accepts a Service without a spec, as generated manifests have", () => {
    const result = parseObject({ apiVersion: "v1", kind: "Service", metadata: { name: "s", creationTimestamp: null } }, { source: "t" });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("rejects the core kind under another group", () => {
    const result = parseObject({ apiVersion: "apps/v1", kind: "Service", metadata: { name: "s" } }, { source: "t" });
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual(["unknown kind Service in group apps"]);
  });
});
