import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endpointsByPort, scopedEndpoints, type ScopedService, type ServiceEndpoint } from "./endpoint-scoping.js";

const endpoints: ServiceEndpoint[] = [
  { address: "10.0.0.1", port: 8080, servicePortName: "http", cluster: "east" },
  { address: "10.1.0.1", port: 8080, servicePortName: "http", cluster: "west" },
  { address: "10.0.0.2", port: 9090, servicePortName: "grpc", cluster: "east" },
  { address: "10.0.0.3", port: 8000, servicePortName: "", cluster: "east" },
];
const addresses = (es: ServiceEndpoint[]) => es.map((e) => e.address);

describe("endpoint scoping", () => {
  it("a service scoped to the local cluster returns only endpoints of the local cluster", () => {
    const svc: ScopedService = { hostname: "a.ns.svc.cluster.local", scope: "local", ports: [{ name: "http", port: 80 }] };
    expect(addresses(scopedEndpoints(svc, endpoints, "east"))).toEqual(["10.0.0.1", "10.0.0.2", "10.0.0.3"]);
    expect(addresses(endpointsByPort(svc, endpoints, 80, "west"))).toEqual(["10.1.0.1"]);
  });

  it("a global service returns the endpoints of every cluster", () => {
    const svc: ScopedService = { hostname: "a.ns.svc.cluster.local", ports: [{ name: "http", port: 80 }] };
    expect(addresses(endpointsByPort(svc, endpoints, 80, "east"))).toEqual(["10.0.0.1", "10.1.0.1"]);
  });

  it("endpoints-by-port of an ordinary service returns the endpoints of that port's name only", () => {
    const svc: ScopedService = { hostname: "a", ports: [{ name: "http", port: 80 }, { name: "grpc", port: 90 }] };
    expect(addresses(endpointsByPort(svc, endpoints, 90, "east"))).toEqual(["10.0.0.2"]);
    expect(endpointsByPort(svc, endpoints, 12345, "east")).toEqual([]);
  });

  it("for an InferencePool shadow Service endpoints-by-port returns every endpoint whatever its port", () => {
    const shadow: ScopedService = {
      hostname: "pool-ip-1234abcd.ns.svc.cluster.local",
      labels: { "istio.io/inferencepool-name": "pool" },
      ports: [{ port: 54321 }],
    };
    expect(addresses(endpointsByPort(shadow, endpoints, 54321, "east"))).toEqual(addresses(endpoints));
    // Shadow Services written by older Istio releases carry the legacy label.
    const legacy = { ...shadow, labels: { "inference.x-k8s.io/inference-pool-name": "pool" } };
    expect(addresses(endpointsByPort(legacy, endpoints, 54321, "east"))).toEqual(addresses(endpoints));
    // Scope still applies to a shadow Service.
    expect(addresses(endpointsByPort({ ...shadow, scope: "local" }, endpoints, 54321, "west"))).toEqual(["10.1.0.1"]);
  });

  it("property: a local-scoped service never returns another cluster's endpoint", () => {
    const endpoint = fc.record({ address: fc.ipV4(), port: fc.nat(65535), servicePortName: fc.constantFrom("http", "grpc", ""), cluster: fc.constantFrom("east", "west", "north") });
    fc.assert(
      fc.property(fc.array(endpoint), fc.constantFrom("east", "west"), fc.boolean(), (es, local, shadow) => {
        const svc: ScopedService = { hostname: "h", scope: "local", ports: [{ name: "http", port: 80 }], ...(shadow ? { labels: { "istio.io/inferencepool-name": "p" } } : {}) };
        for (const e of endpointsByPort(svc, es, 80, local)) expect(e.cluster).toBe(local);
      }),
    );
  });
});
