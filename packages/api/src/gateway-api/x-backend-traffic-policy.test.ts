import { describe } from "vitest";
import { checkKind } from "../test-support.js";

describe("XBackendTrafficPolicy", () => {
  checkKind({
    object: {
      apiVersion: "gateway.networking.x-k8s.io/v1alpha1",
      kind: "XBackendTrafficPolicy",
      metadata: { name: "lb-policy", namespace: "default" },
      spec: {
        targetRefs: [{ group: "", kind: "Service", name: "echo" }],
        retryConstraint: { budget: { percent: 30, interval: "10s" }, minRetryRate: { count: 5, interval: "1s" } },
        sessionPersistence: { sessionName: "foo", absoluteTimeout: "1h", type: "Cookie", cookieConfig: { lifetimeType: "Permanent" } },
      },
      status: { ancestors: [] },
    },
    nested: [
      ["spec"],
      ["spec", "targetRefs", 0],
      ["spec", "retryConstraint"],
      ["spec", "retryConstraint", "budget"],
      ["spec", "retryConstraint", "minRetryRate"],
      ["spec", "sessionPersistence"],
      ["status"],
    ],
    wrongTypes: [
      { path: ["spec", "retryConstraint", "budget", "percent"], value: "30%" },
      { path: ["spec", "retryConstraint", "minRetryRate", "count"], value: 1.5 },
      { path: ["spec", "targetRefs"], value: { kind: "Service" } },
    ],
  });
});
