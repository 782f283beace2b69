/**
 * Gateway status.addresses as Istio reports them, read from the Service the Gateway is
 * deployed behind: its LoadBalancer ingress first, else its internal addresses.
 */
import { describe, expect, it } from "vitest";
import type { InputObject } from "../model/resources.js";
import { translate } from "../translate.js";

const gateway = (name: string, extra: { className?: string; addresses?: object[]; annotations?: Record<string, string>; status?: object } = {}) => ({
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "Gateway",
  metadata: { name, namespace: "ns", generation: 1, ...(extra.annotations === undefined ? {} : { annotations: extra.annotations }) },
  spec: { gatewayClassName: extra.className ?? "istio", listeners: [{ name: "http", port: 80, protocol: "HTTP" }], ...(extra.addresses === undefined ? {} : { addresses: extra.addresses }) },
  ...(extra.status === undefined ? {} : { status: extra.status }),
});

/** The Service Istio's deployment controller creates for a Gateway, as a cluster has it. */
const deployed = (name: string, spec: object, status?: object) => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: "ns" },
  spec: { ports: [{ name: "status-port", port: 15021 }, { name: "http-80", port: 80 }], ...spec },
  ...(status === undefined ? {} : { status }),
});

type GatewayStatus = { addresses?: { type: string; value: string }[]; conditions: { type: string; status: string; reason: string; message: string }[] };

function gatewayStatus(objects: object[], features = {}): GatewayStatus {
  const out = translate(objects as InputObject[], { domainSuffix: "cluster.local", features });
  return out.statuses.find((s) => s.kind === "Gateway" && s.metadata.name === "gw")!.status as GatewayStatus;
}

const lb = { type: "LoadBalancer", clusterIP: "10.96.0.7", clusterIPs: ["10.96.0.7"] };

describe("Gateway status addresses", () => {
  it("a Gateway behind a LoadBalancer Service reports the load balancer's ingress IP", () => {
    const status = gatewayStatus([gateway("gw"), deployed("gw-istio", lb, { loadBalancer: { ingress: [{ ip: "172.18.0.9" }] } })]);
    expect(status.addresses).toEqual([{ type: "IPAddress", value: "172.18.0.9" }]);
  });

  it("a load balancer's ingress hostname is reported as a Hostname address", () => {
    const status = gatewayStatus([gateway("gw"), deployed("gw-istio", lb, { loadBalancer: { ingress: [{ hostname: "lb.example.com" }] } })]);
    expect(status.addresses).toEqual([{ type: "Hostname", value: "lb.example.com" }]);
  });

  it("without external addresses, Istio's class reports the service hostname", () => {
    const status = gatewayStatus([gateway("gw"), deployed("gw-istio", { type: "ClusterIP", clusterIP: "10.96.0.7" })]);
    expect(status.addresses).toEqual([{ type: "Hostname", value: "gw-istio.ns.svc.cluster.local" }]);
  });

  it("the address-type annotation asks for the cluster IPs instead, or both when empty", () => {
    const svc = deployed("gw-istio", { type: "ClusterIP", clusterIP: "10.96.0.7", clusterIPs: ["10.96.0.7", "fd00::7"] });
    expect(gatewayStatus([gateway("gw", { annotations: { "networking.istio.io/address-type": "IPAddress" } }), svc]).addresses).toEqual([
      { type: "IPAddress", value: "10.96.0.7" },
      { type: "IPAddress", value: "fd00::7" },
    ]);
    expect(gatewayStatus([gateway("gw", { annotations: { "networking.istio.io/address-type": "" } }), svc]).addresses).toEqual([
      { type: "IPAddress", value: "10.96.0.7" },
      { type: "IPAddress", value: "fd00::7" },
      { type: "Hostname", value: "gw-istio.ns.svc.cluster.local" },
    ]);
  });

  it("a waypoint reports its cluster IP, not a hostname", () => {
    const waypoint = { ...gateway("gw", { className: "istio-waypoint" }), spec: { gatewayClassName: "istio-waypoint", listeners: [{ name: "mesh", port: 15008, protocol: "HBONE" }] } };
    const svc = { apiVersion: "v1", kind: "Service", metadata: { name: "gw", namespace: "ns" }, spec: { type: "ClusterIP", clusterIP: "10.96.0.8", ports: [{ port: 15008 }] } };
    expect(gatewayStatus([waypoint, svc], { ambientWaypoints: true }).addresses).toEqual([{ type: "IPAddress", value: "10.96.0.8" }]);
  });

  it("a LoadBalancer still waiting for its address reports no hostname for it", () => {
    const status = gatewayStatus([gateway("gw"), deployed("gw-istio", lb, { loadBalancer: {} })]);
    expect(status.addresses).toBeUndefined();
  });

  it("a pending LoadBalancer is reported as such: Programmed False with AddressNotAssigned", () => {
    const status = gatewayStatus([gateway("gw"), deployed("gw-istio", lb, { loadBalancer: {} })]);
    expect(status.conditions.find((c) => c.type === "Programmed")).toMatchObject({
      status: "False",
      reason: "AddressNotAssigned",
      message: 'Assigned to service(s) gw-istio.ns.svc.cluster.local:80, but failed to assign to all requested addresses: address pending for hostname "gw-istio.ns.svc.cluster.local"',
    });
  });

  it("an address, once reported, is kept while none can be resolved", () => {
    const reported = { addresses: [{ type: "IPAddress", value: "172.18.0.9" }], conditions: [] };
    const status = gatewayStatus([gateway("gw", { status: reported })]);
    expect(status.addresses).toEqual([{ type: "IPAddress", value: "172.18.0.9" }]);
  });

  it("an IPAddress entry without a value asks for an address and is accepted", () => {
    const status = gatewayStatus([gateway("gw", { addresses: [{ type: "IPAddress" }] }), deployed("gw-istio", lb, { loadBalancer: { ingress: [{ ip: "172.18.0.9" }] } })]);
    expect(status.conditions.find((c) => c.type === "Accepted")).toMatchObject({ status: "True", reason: "Accepted" });
    expect(status.addresses).toEqual([{ type: "IPAddress", value: "172.18.0.9" }]);
  });

  it("accepted static Hostname addresses appear in status", () => {
    const backend = { apiVersion: "v1", kind: "Service", metadata: { name: "backend", namespace: "ns" }, spec: { type: "ClusterIP", clusterIP: "10.96.0.3", ports: [{ port: 80 }] } };
    const status = gatewayStatus([gateway("gw", { addresses: [{ type: "Hostname", value: "backend.ns.svc.cluster.local" }] }), backend]);
    expect(status.conditions.find((c) => c.type === "Programmed")).toMatchObject({ status: "True" });
    expect(status.addresses).toEqual([{ type: "Hostname", value: "backend.ns.svc.cluster.local" }]);
  });

  it("an address of an unsupported type among Hostnames still rejects the Gateway", () => {
    const status = gatewayStatus([gateway("gw", { addresses: [{ type: "test/fake", value: "x" }, { type: "Hostname", value: "backend" }] })]);
    expect(status.conditions.find((c) => c.type === "Accepted")).toMatchObject({ status: "False", reason: "UnsupportedAddress" });
  });
});
