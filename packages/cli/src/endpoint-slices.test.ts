import { describe, expect, it } from "vitest";
import { loadManifests } from "@weft/api";
import { serviceEndpointsOf } from "./endpoint-slices.js";

const load = (text: string) => loadManifests(text, "test.yaml").objects;
const SERVICE = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: apps }
spec:
  ports:
    - { name: http, port: 80, targetPort: 8080 }
    - { name: admin, port: 9000 }
`;
const slice = (name: string, ports: string, endpoints: string, service = "web") => `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: ${name}, namespace: apps, labels: { kubernetes.io/service-name: ${service} } }
addressType: IPv4
ports: ${ports}
endpoints: ${endpoints}
`;

describe("service endpoints from EndpointSlices", () => {
  it("matches slice ports to service ports by name and gathers every slice of a port", () => {
    const objects = load([SERVICE, slice("a", "[{ name: http, port: 8080 }]", '[{ addresses: ["10.0.0.1"], zone: z1 }]'), slice("b", "[{ name: http, port: 8080 }, { name: admin, port: 9001 }]", '[{ addresses: ["10.0.0.2", "10.0.0.3"] }]')].join("---\n"));
    expect(serviceEndpointsOf(objects, "cluster.local")).toEqual([
      {
        hostname: "web.apps.svc.cluster.local",
        port: 80,
        endpoints: [
          { address: "10.0.0.1", port: 8080, healthy: true, locality: { zone: "z1" } },
          { address: "10.0.0.2", port: 8080, healthy: true },
          { address: "10.0.0.3", port: 8080, healthy: true },
        ],
      },
      { hostname: "web.apps.svc.cluster.local", port: 9000, endpoints: [{ address: "10.0.0.2", port: 9001, healthy: true }, { address: "10.0.0.3", port: 9001, healthy: true }] },
    ]);
  });

  it("reads readiness as Kubernetes does: absent means ready unless terminating", () => {
    const objects = load([SERVICE, slice("a", "[{ name: http, port: 8080 }]", '[{ addresses: ["1.1.1.1"], conditions: { ready: false } }, { addresses: ["2.2.2.2"], conditions: { terminating: true } }, { addresses: ["3.3.3.3"], conditions: {} }]')].join("---\n"));
    expect(serviceEndpointsOf(objects, "cluster.local")[0]!.endpoints.map((e) => [e.address, e.healthy])).toEqual([
      ["1.1.1.1", false],
      ["2.2.2.2", false],
      ["3.3.3.3", true],
    ]);
  });

  it("ignores slices of unknown Services, and ports the Service does not have", () => {
    const objects = load([SERVICE, slice("a", "[{ name: grpc, port: 7000 }]", '[{ addresses: ["10.0.0.1"] }]'), slice("b", "[{ name: http, port: 8080 }]", '[{ addresses: ["10.0.0.9"] }]', "other")].join("---\n"));
    expect(serviceEndpointsOf(objects, "cluster.local")).toEqual([]);
  });
});
