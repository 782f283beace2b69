import { describe, expect, it } from "vitest";
import { parseObject } from "./parse-object.js";
import { checkKind } from "./test-support.js";

describe("InferencePool (v1)", () => {
  checkKind({
    object: {
      apiVersion: "inference.networking.k8s.io/v1",
      kind: "InferencePool",
      metadata: { name: "infpool-gen", namespace: "default" },
      spec: {
        targetPorts: [{ number: 8000 }, { number: 8001 }],
        selector: { matchLabels: { app: "vllm-llama3-8b-instruct" } },
        appProtocol: "http",
        endpointPickerRef: { group: "", kind: "Service", name: "epp", port: { number: 9002 }, failureMode: "FailClose" },
      },
      status: {
        parents: [
          {
            parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", name: "gateway", namespace: "istio-system" },
            controllerName: "istio.io/gateway-controller",
            conditions: [{ type: "Accepted", status: "True", lastTransitionTime: "fake", reason: "Accepted", message: "" }],
          },
        ],
      },
    },
    nested: [
      ["spec"],
      ["spec", "targetPorts", 0],
      ["spec", "selector"],
      ["spec", "endpointPickerRef"],
      ["spec", "endpointPickerRef", "port"],
      ["status", "parents", 0],
      ["status", "parents", 0, "parentRef"],
    ],
    wrongTypes: [
      { path: ["spec", "targetPorts", 1, "number"], value: "8001" },
      { path: ["spec", "selector", "matchLabels", "app"], value: 1 },
      { path: ["spec", "endpointPickerRef", "port", "number"], value: null, message: /^missing required field/ },
    ],
  });
});

describe("InferencePool (v1alpha2)", () => {
  const pool = {
    apiVersion: "inference.networking.x-k8s.io/v1alpha2",
    kind: "InferencePool",
    metadata: { name: "pool", namespace: "default" },
    spec: {
      selector: { app: "vllm" },
      targetPortNumber: 8000,
      extensionRef: { name: "epp", portNumber: 9002, failureMode: "FailOpen" },
    },
    status: {
      parent: [
        {
          parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", name: "gateway" },
          conditions: [{ type: "Accepted", status: "True", lastTransitionTime: "fake", reason: "Accepted", message: "" }],
        },
      ],
    },
  };

  checkKind({
    object: pool,
    nested: [["spec"], ["spec", "extensionRef"], ["status"], ["status", "parent", 0, "parentRef"]],
    wrongTypes: [{ path: ["spec", "targetPortNumber"], value: "8000" }, { path: ["spec", "selector"], value: ["app"] }],
  });

  it("is a different kind from the v1 pool, told apart by group", () => {
    const result = parseObject(pool, { source: "t" });
    expect(result.ok && result.object.apiVersion).toBe("inference.networking.x-k8s.io/v1alpha2");
    const asV1 = parseObject({ ...pool, apiVersion: "inference.networking.k8s.io/v1" }, { source: "t" });
    expect(asV1.ok ? [] : asV1.errors.map((e) => e.path)).toEqual(["spec.selector.matchLabels", "spec.targetPorts"]);
  });
});
