import { describe, expect, test } from "vitest";
import type { Cluster } from "../gen/envoy/config/cluster/v3/cluster_pb.js";
import { backend, gateway, gatewayClass, httpListener, httpRoute, parent, service } from "../fixtures.js";
import { world } from "../test-support.js";

const CLUSTER = "outbound|80||b.default.svc.cluster.local";
const KEY = `|type.googleapis.com/envoy.config.cluster.v3.Cluster|${CLUSTER}`;

function setup() {
  const w = world([gatewayClass(), gateway("g", [httpListener("http", 80)]), service("b"), httpRoute("r", { parentRefs: [parent("g")], rules: [{ backendRefs: [backend("b")] }] })]);
  const rule = (connectTimeout: string) => w.destinationRules.set({ metadata: { name: "b", namespace: "default" }, spec: { host: "b", trafficPolicy: { connectionPool: { tcp: { connectTimeout } } } } });
  const served = () => (w.xds.resources.get(KEY)?.message as Cluster | undefined)?.connectTimeout?.seconds;
  const problems = () => w.xds.problems.list().filter((p) => p.source === `Cluster ${CLUSTER}`).map((p) => p.message);
  return { w, rule, served, problems };
}

describe("resources that break a validation rule", () => {
  test("a resource Envoy would reject is not pushed: the last valid version stays, and the violation is a problem naming the field", () => {
    const { rule, served, problems } = setup();
    rule("3s");
    expect(served()).toBe(3n);
    expect(problems()).toEqual([]);
    rule("0s");
    expect(served()).toBe(3n);
    expect(problems()).toEqual([expect.stringMatching(/^connect_timeout: must be > 0s/)]);
    // Fixed: the new version goes out and the problem clears.
    rule("5s");
    expect(served()).toBe(5n);
    expect(problems()).toEqual([]);
  });

  test("a resource that was never valid is not served at all", () => {
    const { w } = setup();
    w.destinationRules.set({ metadata: { name: "c", namespace: "default" }, spec: { host: "c", trafficPolicy: { connectionPool: { tcp: { connectTimeout: "0s" } } } } });
    w.inputs.services.set(service("c") as never);
    const key = "|type.googleapis.com/envoy.config.cluster.v3.Cluster|outbound|80||c.default.svc.cluster.local";
    expect(w.xds.clusters.get(key)).toBeDefined();
    expect(w.xds.resources.get(key)).toBeUndefined();
    expect(w.xds.problems.list().filter((p) => p.source === "Cluster outbound|80||c.default.svc.cluster.local")).toHaveLength(1);
  });
});
