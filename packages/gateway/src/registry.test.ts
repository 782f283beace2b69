import { dispose, graph, staticCollection } from "@weft/krt";
import { serviceIndex } from "@weft/mesh";
import { describe, expect, it } from "vitest";
import { gatewayCollections } from "./collections.js";
import { staticInputs } from "./inputs.js";
import type { InputObject } from "./model/resources.js";
import { translate } from "./translate.js";

const klass = { apiVersion: "gateway.networking.k8s.io/v1", kind: "GatewayClass", metadata: { name: "istio" }, spec: { controllerName: "istio.io/gateway-controller" } };
/** A Gateway running behind the service of `host` (a hostname address names a registry service). */
const gatewayBehind = (host: string, port: number) => ({
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "Gateway",
  metadata: { name: "gw", namespace: "infra" },
  spec: { gatewayClassName: "istio", addresses: [{ type: "Hostname", value: host }], listeners: [{ name: "l", port, protocol: "HTTP" }] },
});
const entry = (name: string, created: string, port: number, host = "ingress.example.com") => ({
  apiVersion: "networking.istio.io/v1",
  kind: "ServiceEntry",
  metadata: { name, namespace: "infra", creationTimestamp: created },
  spec: { hosts: [host], ports: [{ number: port, name: "http", protocol: "HTTP" }] },
});
const service = (name: string, port: number, extra: Record<string, unknown> = {}) => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "infra" }, spec: { ports: [{ name: "http", port }], ...extra } });

type GatewayStatus = { addresses?: { type: string; value: string }[]; conditions: { type: string; status: string; message: string }[] };
function gatewayStatus(objects: object[], options: Parameters<typeof gatewayCollections>[1] = {}) {
  const out = gatewayCollections(staticInputs([klass, ...objects] as InputObject[]), options);
  const status = out.statuses.get("Gateway/infra/gw")!.status as GatewayStatus;
  return { programmed: status.conditions.find((c) => c.type === "Programmed")!, addresses: status.addresses };
}

describe("the translator's service registry is the mesh's service index", () => {
  it("among ServiceEntries of one hostname the oldest answers, whatever its name (the de-duplication the xDS builders see)", () => {
    // "a-new" sorts first by name but is newer: the older "b-old" owns the hostname, and its port is the one listed.
    const { programmed } = gatewayStatus([gatewayBehind("ingress.example.com", 8080), entry("a-new", "2024-06-01T00:00:00Z", 80), entry("b-old", "2020-01-01T00:00:00Z", 8080)]);
    expect(programmed).toMatchObject({ status: "True" });
  });

  it("a given mesh service wins its hostname over the Kubernetes Service of that name", () => {
    const host = "ingress.infra.svc.cluster.local";
    const { addresses } = gatewayStatus([gatewayBehind("ingress", 80), service("ingress", 80, { clusterIP: "10.0.0.1" })], {
      meshServices: [{ hostname: host, namespace: "infra", externalAddresses: ["203.0.113.7"], ports: [{ port: 80 }] }],
    });
    expect(addresses).toEqual([{ type: "IPAddress", value: "203.0.113.7" }]);
  });

  it("reads a shared index instead of building its own", () => {
    const objects = [gatewayBehind("ingress", 80), service("ingress", 80, { clusterIP: "10.0.0.1" })];
    const inputs = staticInputs([klass, ...objects] as InputObject[]);
    // The shared index gives the service an external address the inputs do not: only it can answer so.
    const shared = serviceIndex(inputs.services, inputs.serviceEntries, { given: [{ hostname: "ingress.infra.svc.cluster.local", namespace: "infra", externalAddresses: ["198.51.100.1"], ports: [{ port: 80 }] }] });
    const out = gatewayCollections(inputs, { serviceIndex: shared });
    expect((out.statuses.get("Gateway/infra/gw")!.status as GatewayStatus).addresses).toEqual([{ type: "IPAddress", value: "198.51.100.1" }]);
    shared.dispose();
  });

  it("refuses a shared index built for another domain suffix, or given beside meshServices", () => {
    const shared = serviceIndex(staticCollection<never>([]), staticCollection<never>([]), { domainSuffix: "corp.local" });
    expect(() => gatewayCollections(staticInputs([]), { serviceIndex: shared })).toThrow(/domainSuffix "corp.local"/);
    expect(() => gatewayCollections(staticInputs([]), { serviceIndex: serviceIndex(staticCollection<never>([]), staticCollection<never>([])), meshServices: [{ hostname: "a", namespace: "b", ports: [] }] })).toThrow(/give the mesh services to the index/);
  });
});

describe("what the translator builds for its registry is released with it", () => {
  /** How many collections are live (the krt graph's node lines). */
  const liveCollections = () => graph().split("\n").filter((l) => l.includes('["')).length;
  const meshServices = [{ hostname: "ingress.example.com", namespace: "infra", ports: [{ port: 80 }] }];

  it("translate() with given mesh services leaves no collection live afterwards", () => {
    const before = liveCollections();
    translate([klass, gatewayBehind("ingress.example.com", 80)] as InputObject[], { meshServices });
    expect(liveCollections()).toBe(before);
  });

  it("gatewayCollections' dispose releases the index it built, not one it was given", () => {
    const inputs = staticInputs([klass] as InputObject[]);
    const before = liveCollections();
    const shared = serviceIndex(inputs.services, inputs.serviceEntries, { given: meshServices });
    const withShared = gatewayCollections(inputs, { serviceIndex: shared });
    withShared.dispose();
    expect(shared.canonicalByHost.list()).toHaveLength(1); // still the owner's
    shared.dispose();
    const own = gatewayCollections(inputs, { meshServices });
    for (const c of Object.values(inputs)) dispose(c);
    own.dispose();
    expect(liveCollections()).toBeLessThanOrEqual(before - Object.keys(inputs).length);
  });
});
