import type { WorkloadEntry } from "@weft/api";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { workloadInstance } from "./workload-entry.js";

const entry = (spec: WorkloadEntry["spec"], namespace = "vm-ns", labels: Record<string, string> = { from: "metadata" }): WorkloadEntry => ({
  apiVersion: "networking.istio.io/v1",
  kind: "WorkloadEntry",
  metadata: { name: "vm-1", namespace, labels },
  spec,
});

describe("WorkloadEntry conversion", () => {
  it("takes namespace and name from the WorkloadEntry's own metadata", () => {
    const w = workloadInstance(entry({ address: "10.0.0.5", labels: { app: "vm" }, ports: { http: 8080 } }), "cluster.local")!;
    expect([w.namespace, w.name]).toEqual(["vm-ns", "vm-1"]);
    expect(w.ports).toEqual({ http: 8080 });
  });

  it("metadata labels are merged over spec labels, metadata winning", () => {
    const w = workloadInstance(entry({ address: "10.0.0.5", labels: { app: "vm", version: "spec" } }, "vm-ns", { version: "metadata", team: "a" }), "cluster.local")!;
    expect(w.labels).toEqual({ app: "vm", version: "metadata", team: "a" });
  });

  it("the locality's region, zone and subzone, the cluster and the network become topology labels", () => {
    const w = workloadInstance(entry({ address: "10.0.0.5", locality: "eu-west/eu-west-1a/rack-7", network: "vpc-1" }), "cluster.local", { clusterId: "c1" })!;
    expect(w.labels).toEqual({
      from: "metadata",
      "topology.kubernetes.io/region": "eu-west",
      "topology.kubernetes.io/zone": "eu-west-1a",
      "topology.istio.io/subzone": "rack-7",
      "topology.istio.io/cluster": "c1",
      "topology.istio.io/network": "vpc-1",
    });
    expect(w).toMatchObject({ locality: "eu-west/eu-west-1a/rack-7", network: "vpc-1" });
    // Only the parts the locality has.
    expect(workloadInstance(entry({ address: "10.0.0.5", locality: "us" }), "cluster.local")!.labels).toEqual({ from: "metadata", "topology.kubernetes.io/region": "us" });
    expect(workloadInstance(entry({ address: "10.0.0.5" }), "cluster.local")!.labels).toEqual({ from: "metadata" });
  });

  it("without a spec locality the locality label gives it, dots read as slashes", () => {
    const labelled = workloadInstance(entry({ address: "10.0.0.5" }, "vm-ns", { "topology.istio.io/locality": "eu.eu-1a" }), "cluster.local")!;
    expect(labelled.locality).toBe("eu/eu-1a");
    expect(labelled.labels).toMatchObject({ "topology.kubernetes.io/region": "eu", "topology.kubernetes.io/zone": "eu-1a" });
    const legacy = workloadInstance(entry({ address: "10.0.0.5", labels: { "istio-locality": "ap/ap-2" } }), "cluster.local")!;
    expect(legacy.locality).toBe("ap/ap-2");
    expect(workloadInstance(entry({ address: "10.0.0.5", locality: "spec/wins" }, "vm-ns", { "topology.istio.io/locality": "label.loses" }), "cluster.local")!.locality).toBe("spec/wins");
  });

  it("the network label is the entry's own if it has one, else its spec network, else the network lookup's", () => {
    const lookup = (address: string) => (address === "10.0.0.5" ? "looked-up" : undefined);
    expect(workloadInstance(entry({ address: "10.0.0.5" }), "cluster.local", { networkOf: lookup })!.labels["topology.istio.io/network"]).toBe("looked-up");
    expect(workloadInstance(entry({ address: "10.0.0.5", network: "spec" }), "cluster.local", { networkOf: lookup })!.labels["topology.istio.io/network"]).toBe("spec");
    const own = workloadInstance(entry({ address: "10.0.0.5", network: "spec", labels: { "topology.istio.io/network": "own" } }), "cluster.local")!;
    expect(own.labels["topology.istio.io/network"]).toBe("own");
  });

  it("gets the SPIFFE identity of its service account in its own namespace, and TLS mode istio", () => {
    const w = workloadInstance(entry({ address: "10.0.0.5", serviceAccount: "vm-sa" }), "example.org")!;
    expect(w).toMatchObject({ serviceAccount: "vm-sa", identity: "spiffe://example.org/ns/vm-ns/sa/vm-sa", tlsMode: "istio" });
  });

  it("an entry that names no service account has no identity at all, not sa/default, and TLS mode disabled", () => {
    for (const spec of [{ address: "10.0.0.5" }, { address: "10.0.0.5", serviceAccount: "" }]) {
      const w = workloadInstance(entry(spec, "other"), "cluster.local")!;
      expect(w.identity).toBeUndefined();
      expect(w.serviceAccount).toBeUndefined();
      expect("identity" in w).toBe(false);
      expect(w.tlsMode).toBe("disabled");
    }
    expect(workloadInstance(entry({ address: "10.0.0.5" }, "vm-ns", { "security.istio.io/tlsMode": "istio" }), "cluster.local")!.tlsMode).toBe("istio");
  });

  it("an entry without an address is no workload", () => {
    expect(workloadInstance(entry({}), "cluster.local")).toBeUndefined();
  });

  it("property: hostile label keys stay plain keys, and metadata always wins", () => {
    const key = fc.oneof(fc.constantFrom("__proto__", "constructor", "toString", "topology.istio.io/network", "topology.istio.io/locality"), fc.string());
    const labels = fc.dictionary(key, fc.string(), { maxKeys: 5 });
    fc.assert(
      fc.property(labels, labels, (specLabels, metaLabels) => {
        const spec = JSON.parse(JSON.stringify(specLabels)) as Record<string, string>;
        const meta = JSON.parse(JSON.stringify(metaLabels)) as Record<string, string>;
        const w = workloadInstance(entry({ address: "10.0.0.5", labels: spec }, "ns", meta), "cluster.local")!;
        expect(Object.getPrototypeOf(w.labels)).toBe(Object.prototype);
        for (const [k, v] of Object.entries(meta)) expect(Object.getOwnPropertyDescriptor(w.labels, k)?.value).toBe(v);
        expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
      }),
    );
  });
});
