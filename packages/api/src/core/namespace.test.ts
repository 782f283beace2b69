import { describe } from "vitest";
import { checkKind } from "../test-support.js";

describe("Namespace", () => {
  checkKind({
    object: {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "apps", labels: { "istio.io/dataplane-mode": "ambient" } },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active", conditions: [{ type: "NamespaceDeletionDiscoveryFailure", status: "False" }] },
    },
    nested: [["spec"], ["status"], ["status", "conditions", 0]],
    wrongTypes: [
      { path: ["metadata", "labels", "istio.io/dataplane-mode"], value: false },
      { path: ["spec", "finalizers"], value: "kubernetes" },
      { path: ["status", "phase"], value: 1 },
    ],
  });
});
