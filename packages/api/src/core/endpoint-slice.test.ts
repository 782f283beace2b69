import { describe } from "vitest";
import { checkKind } from "../test-support.js";

describe("EndpointSlice", () => {
  checkKind({
    object: {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "echo-abc", namespace: "default", labels: { "kubernetes.io/service-name": "echo" } },
      addressType: "IPv4",
      endpoints: [
        {
          addresses: ["10.1.0.5"],
          conditions: { ready: true, serving: true, terminating: false },
          hostname: "echo-1",
          nodeName: "node-1",
          zone: "us-west1-a",
          targetRef: { kind: "Pod", name: "echo-1", namespace: "default", uid: "u1" },
          hints: { forZones: [{ name: "us-west1-a" }], forNodes: [{ name: "node-1" }] },
        },
      ],
      ports: [{ name: "http", port: 8080, protocol: "TCP", appProtocol: "http" }],
    },
    nested: [["endpoints", 0], ["endpoints", 0, "conditions"], ["endpoints", 0, "targetRef"], ["endpoints", 0, "hints"], ["ports", 0]],
    wrongTypes: [
      { path: ["endpoints", 0, "addresses", 0], value: 10 },
      { path: ["endpoints", 0, "conditions", "ready"], value: "true" },
      { path: ["ports", 0, "port"], value: "8080" },
      { path: ["addressType"], value: null, message: /^missing required field/ },
    ],
  });
});
