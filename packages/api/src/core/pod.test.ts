import { describe } from "vitest";
import { checkKind } from "../test-support.js";

describe("Pod", () => {
  checkKind({
    object: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "echo-1",
        namespace: "default",
        labels: { app: "echo" },
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "echo-abc", uid: "u1", controller: true }],
      },
      spec: {
        serviceAccountName: "echo",
        nodeName: "node-1",
        containers: [{ name: "echo", image: "echo:1", ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }], resources: { limits: { cpu: "1" } } }],
        initContainers: [{ name: "init", image: "init:1" }],
        volumes: [{ name: "v", emptyDir: {} }],
        hostNetwork: false,
      },
      status: {
        phase: "Running",
        podIP: "10.1.0.5",
        podIPs: [{ ip: "10.1.0.5" }, { ip: "fd00::5" }],
        hostIP: "192.168.0.1",
        hostIPs: [{ ip: "192.168.0.1" }],
        startTime: "2024-01-01T00:00:00Z",
        conditions: [{ type: "Ready", status: "True", lastTransitionTime: "2024-01-01T00:00:05Z" }],
        containerStatuses: [{ name: "echo", ready: true, restartCount: 0 }],
      },
    },
    nested: [
      ["metadata", "ownerReferences", 0],
      ["spec"],
      ["spec", "containers", 0],
      ["spec", "containers", 0, "ports", 0],
      ["status"],
      ["status", "podIPs", 1],
      ["status", "conditions", 0],
    ],
    wrongTypes: [
      { path: ["spec", "containers", 0, "ports", 0, "containerPort"], value: "8080" },
      { path: ["spec", "containers"], value: null, message: /^missing required field/ },
      { path: ["status", "podIPs", 0], value: "10.1.0.5" },
      { path: ["metadata", "ownerReferences", 0, "controller"], value: "true" },
    ],
  });
});
