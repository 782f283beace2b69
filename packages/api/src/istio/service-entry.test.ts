import { describe } from "vitest";
import { checkKind } from "../test-support.js";

describe("ServiceEntry", () => {
  checkKind({
    object: {
      apiVersion: "networking.istio.io/v1",
      kind: "ServiceEntry",
      metadata: { name: "external", namespace: "default" },
      spec: {
        hosts: ["api.example.com"],
        addresses: ["240.0.0.1"],
        ports: [{ number: 443, name: "https", protocol: "HTTPS", targetPort: 8443 }],
        location: "MESH_EXTERNAL",
        resolution: "DNS",
        endpoints: [{ address: "1.1.1.1", ports: { https: 8443 }, labels: { a: "b" }, network: "n1", locality: "us/east", weight: 1, serviceAccount: "sa" }],
        workloadSelector: { labels: { app: "vm" } },
        exportTo: ["."],
        subjectAltNames: ["spiffe://x"],
      },
      status: {
        conditions: [{ type: "Reconciled", status: "True", lastTransitionTime: "2024-01-01T00:00:00Z", observedGeneration: "2" }],
        addresses: [{ value: "240.240.0.1", host: "api.example.com" }],
        observedGeneration: 2,
      },
    },
    nested: [["spec"], ["spec", "ports", 0], ["spec", "endpoints", 0], ["spec", "workloadSelector"], ["status"], ["status", "conditions", 0], ["status", "addresses", 0]],
    wrongTypes: [
      { path: ["spec", "ports", 0, "number"], value: "443" },
      { path: ["spec", "endpoints", 0, "ports", "https"], value: "8443" },
      { path: ["spec", "hosts", 0], value: { host: "x" } },
    ],
  });
});
