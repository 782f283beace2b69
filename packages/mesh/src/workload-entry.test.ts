import type { WorkloadEntry } from "@weft/api";
import { describe, expect, it } from "vitest";
import { workloadInstance } from "./workload-entry.js";

const entry = (spec: WorkloadEntry["spec"], namespace = "vm-ns"): WorkloadEntry => ({
  apiVersion: "networking.istio.io/v1",
  kind: "WorkloadEntry",
  metadata: { name: "vm-1", namespace, labels: { from: "metadata" } },
  spec,
});

describe("WorkloadEntry conversion", () => {
  it("takes namespace and name from the WorkloadEntry's own metadata", () => {
    const w = workloadInstance(entry({ address: "10.0.0.5", labels: { app: "vm" }, ports: { http: 8080 } }), "cluster.local")!;
    expect([w.namespace, w.name]).toEqual(["vm-ns", "vm-1"]);
    expect(w.labels).toEqual({ app: "vm" });
    expect(w.ports).toEqual({ http: 8080 });
  });

  it("gets the SPIFFE identity of its service account in its own namespace", () => {
    expect(workloadInstance(entry({ address: "10.0.0.5", serviceAccount: "vm-sa" }), "example.org")!.identity).toBe("spiffe://example.org/ns/vm-ns/sa/vm-sa");
    expect(workloadInstance(entry({ address: "10.0.0.5" }, "other"), "cluster.local")!.identity).toBe("spiffe://cluster.local/ns/other/sa/default");
  });

  it("an entry without an address is no workload", () => {
    expect(workloadInstance(entry({}), "cluster.local")).toBeUndefined();
  });
});
