import { describe, expect, it } from "vitest";
import { parseObject } from "../parse-object.js";
import { checkKind } from "../test-support.js";

const grpcRoute = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "GRPCRoute",
  metadata: { name: "grpc", namespace: "default" },
  spec: {
    parentRefs: [{ name: "gateway", namespace: "istio-system" }],
    hostnames: ["grpc.example.com"],
    rules: [
      {
        matches: [{ method: { type: "Exact", service: "helloworld.Greeter", method: "SayHello" }, headers: [{ name: "x", value: "y" }] }],
        filters: [
          { type: "RequestHeaderModifier", requestHeaderModifier: { add: [{ name: "a", value: "b" }] } },
          { type: "RequestMirror", requestMirror: { backendRef: { name: "mirror", port: 9000 }, percent: 50 } },
        ],
        backendRefs: [{ name: "greeter", port: 9000, weight: 1, filters: [{ type: "ResponseHeaderModifier", responseHeaderModifier: { remove: ["x"] } }] }],
        sessionPersistence: { type: "Cookie" },
      },
    ],
  },
};

describe("GRPCRoute", () => {
  checkKind({
    object: grpcRoute,
    nested: [
      ["spec"],
      ["spec", "rules", 0],
      ["spec", "rules", 0, "matches", 0, "method"],
      ["spec", "rules", 0, "matches", 0, "headers", 0],
      ["spec", "rules", 0, "filters", 1, "requestMirror"],
      ["spec", "rules", 0, "backendRefs", 0],
    ],
    wrongTypes: [
      { path: ["spec", "rules", 0, "matches", 0, "method", "service"], value: 1 },
      { path: ["spec", "rules", 0, "filters", 1, "requestMirror", "percent"], value: "50" },
      { path: ["spec", "rules", 0, "backendRefs", 0, "port"], value: [9000] },
    ],
  });

  it("accepts v1alpha2 and a missing spec", () => {
    const { spec: _spec, ...rest } = grpcRoute;
    const result = parseObject({ ...rest, apiVersion: "gateway.networking.k8s.io/v1alpha2" }, { source: "t" });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
