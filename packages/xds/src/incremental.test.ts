import type { Event } from "@weft/krt";
import { describe, expect, test } from "vitest";
import { backend, gateway, gatewayClass, httpListener, httpRoute, parent, service } from "./fixtures.js";
import type { XdsResource } from "./resource.js";
import { world } from "./test-support.js";

/** Three gateways (three proxies), each with two routes, and three services. */
function threeGateways() {
  const objects: object[] = [gatewayClass(), service("a"), service("b"), service("c")];
  for (const g of ["g1", "g2", "g3"]) {
    objects.push(gateway(g, [httpListener("http", 80)]));
    for (const r of ["r1", "r2"]) objects.push(httpRoute(`${g}-${r}`, { parentRefs: [parent(g)], hostnames: [`${r}.${g}.example.com`], rules: [{ backendRefs: [backend("a")] }] }));
  }
  return world(objects, [{ hostname: "a.default.svc.cluster.local", port: 80, endpoints: [{ address: "10.0.0.1", port: 8080 }] }]);
}

function recordChanges(w: ReturnType<typeof world>): Event<XdsResource>[] {
  const events: Event<XdsResource>[] = [];
  w.xds.resources.registerBatch((batch) => events.push(...batch), { replay: false });
  return events;
}

const changed = (events: Event<XdsResource>[]) => events.map((e) => (e.type === "delete" ? e.old : e.new)).map((r) => `${r.typeUrl.split(".").at(-1)} ${r.scope}|${r.name}`);

describe("incremental builds", () => {
  test("changing one HTTPRoute changes exactly one RouteConfiguration", () => {
    const w = threeGateways();
    const events = recordChanges(w);
    w.inputs.httpRoutes.set(httpRoute("g2-r1", { parentRefs: [parent("g2")], hostnames: ["r1.g2.example.com"], rules: [{ backendRefs: [backend("b")] }] }) as never);
    expect(changed(events)).toEqual(["RouteConfiguration gateway:g2-istio.istio-system.svc.cluster.local|http.80"]);
  });

  test("an endpoint change rebuilds only the assignment of that service port", () => {
    const w = threeGateways();
    const events = recordChanges(w);
    w.endpoints.set({ hostname: "a.default.svc.cluster.local", port: 80, endpoints: [{ address: "10.0.0.2", port: 8080 }] });
    expect(changed(events)).toEqual(["ClusterLoadAssignment |outbound|80||a.default.svc.cluster.local"]);
  });

  test("a DestinationRule change rebuilds only its host's clusters", () => {
    const w = threeGateways();
    const events = recordChanges(w);
    w.destinationRules.set({ metadata: { name: "b", namespace: "default" }, spec: { host: "b", trafficPolicy: { connectionPool: { tcp: { connectTimeout: "3s" } } } } });
    expect(changed(events)).toEqual(["Cluster |outbound|80||b.default.svc.cluster.local"]);
  });

  test("adding a subset adds its cluster and its (label-filtered) assignment", () => {
    const w = threeGateways();
    const events = recordChanges(w);
    w.destinationRules.set({ metadata: { name: "a", namespace: "default" }, spec: { host: "a.default.svc.cluster.local", subsets: [{ name: "v2", labels: { version: "v2" } }] } });
    expect(changed(events).sort()).toEqual(["Cluster |outbound|80|v2|a.default.svc.cluster.local", "ClusterLoadAssignment |outbound|80|v2|a.default.svc.cluster.local"]);
  });

  test("rewriting an input to an equal value changes nothing", () => {
    const w = threeGateways();
    const events = recordChanges(w);
    w.inputs.httpRoutes.set(httpRoute("g1-r1", { parentRefs: [parent("g1")], hostnames: ["r1.g1.example.com"], rules: [{ backendRefs: [backend("a")] }] }) as never);
    expect(events).toEqual([]);
  });
});
