import { describe, expect, it } from "vitest";
import type { Gateway } from "../model/resources.js";
import { istioGatewaysOf } from "./istio-gateways.js";
import { remoteGatewayModel } from "./remote-gateway.js";

const remote = (addresses: { type?: string; value?: string }[]): Gateway =>
  ({
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: { name: "ew", namespace: "istio-system" },
    spec: { gatewayClassName: "istio-remote", addresses, listeners: [{ name: "cross-network", port: 15443, protocol: "TLS", tls: { mode: "Passthrough" } }] },
  }) as Gateway;

describe("remote gateways", () => {
  it("are accepted and declared programmed elsewhere, echoing their spec addresses", () => {
    const model = remoteGatewayModel(remote([{ type: "IPAddress", value: "1.1.1.1" }, { value: "ew.example.com" }]));
    expect(model.conditions.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ["Accepted", "True", "Accepted", "Resource accepted"],
      ["Programmed", "True", "Programmed", "This Gateway is remote; Istio will not program it"],
    ]);
    expect(model.addresses).toEqual([{ type: "IPAddress", value: "1.1.1.1" }, { value: "ew.example.com" }]);
  });

  it("report no listeners and produce no Istio config", () => {
    const model = remoteGatewayModel(remote([]));
    expect(model.reportListeners).toBe(false);
    expect(istioGatewaysOf(model)).toEqual([]);
  });
});
