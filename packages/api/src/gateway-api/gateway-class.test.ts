import { describe, expect, it } from "vitest";
import { parseObject } from "../parse-object.js";
import { checkKind } from "../test-support.js";

const gatewayClass = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "GatewayClass",
  metadata: { name: "istio", labels: { team: "net" } },
  spec: {
    controllerName: "istio.io/gateway-controller",
    parametersRef: { group: "", kind: "ConfigMap", name: "defaults", namespace: "istio-system" },
    description: "the default class",
  },
  status: {
    conditions: [
      {
        type: "Accepted",
        status: "True",
        observedGeneration: 1,
        lastTransitionTime: "2024-01-01T00:00:00Z",
        reason: "Accepted",
        message: "Handled by Istio controller",
      },
    ],
    supportedFeatures: [{ name: "HTTPRoute" }],
  },
};

describe("GatewayClass", () => {
  checkKind({
    object: gatewayClass,
    nested: [["spec"], ["spec", "parametersRef"], ["status"], ["status", "conditions", 0], ["status", "supportedFeatures", 0]],
    wrongTypes: [
      { path: ["spec", "controllerName"], value: 42 },
      { path: ["spec", "parametersRef", "kind"], value: ["ConfigMap"] },
      { path: ["status", "conditions", 0, "observedGeneration"], value: "1" },
    ],
  });

  it("accepts supported features as plain strings, as Gateway API v1.1 wrote them", () => {
    const status = { supportedFeatures: ["HTTPRoute", { name: "GRPCRoute" }] };
    expect(parseObject({ ...gatewayClass, status }, { source: "t" }).ok).toBe(true);
    const bad = parseObject({ ...gatewayClass, status: { supportedFeatures: [7] } }, { source: "t" });
    expect(bad.ok ? [] : bad.errors.map((e) => [e.path, e.message])).toEqual([
      ["status.supportedFeatures[0]", "expected a mapping with a name, or a string, got number 7"],
    ]);
  });

  it("accepts v1beta1", () => {
    const result = parseObject({ ...gatewayClass, apiVersion: "gateway.networking.k8s.io/v1beta1" }, { source: "t" });
    expect(result.ok).toBe(true);
  });

  it("requires the controller name", () => {
    const result = parseObject({ ...gatewayClass, spec: {} }, { source: "t" });
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.message])).toEqual([
      ["spec.controllerName", "missing required field (a string)"],
    ]);
  });

  it("requires the fields metav1.Condition requires", () => {
    const status = { conditions: [{ type: "Accepted", status: "True" }] };
    const result = parseObject({ ...gatewayClass, status }, { source: "t" });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([
      "status.conditions[0].lastTransitionTime",
      "status.conditions[0].reason",
      "status.conditions[0].message",
    ]);
  });
});
