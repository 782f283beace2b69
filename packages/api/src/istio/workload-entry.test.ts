import { describe } from "vitest";
import { checkKind } from "../test-support.js";

describe("WorkloadEntry", () => {
  checkKind({
    object: {
      apiVersion: "networking.istio.io/v1beta1",
      kind: "WorkloadEntry",
      metadata: { name: "vm-1", namespace: "vms" },
      spec: {
        address: "10.0.0.5",
        ports: { http: 8080 },
        labels: { app: "details" },
        network: "vm-network",
        locality: "us-west/zone1",
        weight: 10,
        serviceAccount: "details",
      },
    },
    nested: [["spec"]],
    wrongTypes: [
      { path: ["spec", "weight"], value: "10" },
      { path: ["spec", "ports", "http"], value: -1.5 },
      { path: ["spec", "labels"], value: "app=details" },
    ],
  });
});
