import { describe, expect, it } from "vitest";
import { gatewayCollections } from "../collections.js";
import { staticInputs } from "../inputs.js";
import type { InputObject } from "../model/resources.js";

const gateway = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "Gateway",
  metadata: { name: "gw", namespace: "infra" },
  spec: { gatewayClassName: "istio", addresses: [{ type: "Hostname", value: "ingress" }], listeners: [{ name: "tcp", port: 9000, protocol: "TCP", allowedRoutes: { namespaces: { from: "All" } } }] },
};
const ingress = { apiVersion: "v1", kind: "Service", metadata: { name: "ingress", namespace: "infra" }, spec: { ports: [{ port: 9000 }] } };
const backend = { apiVersion: "v1", kind: "Service", metadata: { name: "db", namespace: "apps" }, spec: { ports: [{ port: 5432 }] } };
const tcpRoute = (backendRefs: unknown[]) => ({
  apiVersion: "gateway.networking.k8s.io/v1alpha2",
  kind: "TCPRoute",
  metadata: { name: "db", namespace: "apps" },
  spec: { parentRefs: [{ name: "gw", namespace: "infra" }], rules: [{ backendRefs }] },
});

function destinations(backendRefs: unknown[]) {
  const out = gatewayCollections(staticInputs([gateway, ingress, backend, tcpRoute(backendRefs)] as InputObject[]), { features: { alphaGatewayAPI: true } });
  const vs = out.virtualServices.list()[0]!;
  return vs.spec.tcp![0]!.route.map((r) => r.destination);
}

describe("TCP routes", () => {
  it("backends that all weigh 0 reject connections through a destination that never exists", () => {
    expect(destinations([{ name: "db", port: 5432, weight: 0 }])).toEqual([{ host: "internal.cluster.local", subset: "zero-weight", port: { number: 65535 } }]);
  });

  it("a rule with no backends rejects connections the same way", () => {
    expect(destinations([])).toEqual([{ host: "internal.cluster.local", subset: "zero-weight", port: { number: 65535 } }]);
  });

  it("one backend with weight still routes to it, leaving weight-0 ones out", () => {
    expect(destinations([{ name: "db", port: 5432, weight: 0 }, { name: "db", port: 5432, weight: 1 }])).toEqual([{ host: "db.apps.svc.cluster.local", port: { number: 5432 } }]);
  });
});
