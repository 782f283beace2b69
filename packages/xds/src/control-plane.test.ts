import type { EndpointSlice } from "@weft/api";
import { staticInputs, type InputObject } from "@weft/gateway";
import { graph, staticCollection } from "@weft/krt";
import { describe, expect, it } from "vitest";
import { controlPlaneCollections } from "./control-plane.js";
import { endpointsCollection } from "./inputs.js";
import { backend, gateway, gatewayClass, httpListener, httpRoute, parent, service } from "./fixtures.js";

const slice = (serviceName: string, address: string, namespace = "default"): EndpointSlice => ({
  apiVersion: "discovery.k8s.io/v1",
  kind: "EndpointSlice",
  metadata: { name: `${serviceName}-1`, namespace, labels: { "kubernetes.io/service-name": serviceName } },
  addressType: "IPv4",
  ports: [{ name: "http", port: 8080 }],
  endpoints: [{ addresses: [address] }],
});
const objects = () => [gatewayClass(), gateway("gw", [httpListener("http", 80)]), service("a"), httpRoute("r", { parentRefs: [parent("gw")], hostnames: ["a.example.com"], rules: [{ backendRefs: [backend("a")] }] })] as InputObject[];
const names = (c: { list(): { name: string }[] }) => c.list().map((r) => r.name);
/** How many collections are live (the krt graph's node lines). */
const liveCollections = () => graph().split("\n").filter((l) => l.includes('["')).length;

describe("the pipeline as one function", () => {
  it("one domain suffix reaches every stage: translation, the service index, endpoints from slices and xDS", () => {
    const pipeline = controlPlaneCollections({ gateway: staticInputs(objects()), endpointSlices: staticCollection([slice("a", "10.0.0.1")]) }, { domainSuffix: "corp.local" });
    expect(pipeline.gateway.virtualServices.list()[0]!.spec.http![0]!.route![0]!.destination).toMatchObject({ host: "a.default.svc.corp.local" });
    expect(pipeline.services.canonical.list().map((s) => s.hostname)).toEqual(["a.default.svc.corp.local"]);
    expect(pipeline.endpoints.list().map((e) => `${e.hostname}:${e.port} ${e.endpoints.map((p) => p.address).join(",")}`)).toEqual(["a.default.svc.corp.local:80 10.0.0.1"]);
    expect(names(pipeline.xds.clusters)).toContain("outbound|80||a.default.svc.corp.local");
    expect(names(pipeline.xds.endpoints)).toContain("outbound|80||a.default.svc.corp.local");
    expect(pipeline.xds.problems.list()).toEqual([]);
  });

  it("the translator and the xDS builders read one registry: a given mesh service is known to both", () => {
    const meshServices = [{ hostname: "remote.example.net", namespace: "default", ports: [{ port: 443, name: "https", protocol: "HTTPS" }] }];
    const route = httpRoute("r", { parentRefs: [parent("gw")], hostnames: ["a.example.com"], rules: [{ backendRefs: [{ group: "networking.istio.io", kind: "Hostname", name: "remote.example.net", port: 443 }] }] });
    const pipeline = controlPlaneCollections({ gateway: staticInputs([gatewayClass(), gateway("gw", [httpListener("http", 80)]), route] as InputObject[]) }, { translate: { meshServices } });
    const parents = (pipeline.gateway.statuses.get("HTTPRoute/default/r")!.status as { parents: { conditions: { type: string; status: string }[] }[] }).parents;
    expect(parents[0]!.conditions.find((c) => c.type === "ResolvedRefs")).toMatchObject({ status: "True" });
    expect(pipeline.services.canonicalByHost.get("remote.example.net")).toMatchObject({ source: "Given" });
    expect(names(pipeline.xds.clusters)).toContain("outbound|443||remote.example.net");
  });

  it("endpoints written directly win a service port over those from its EndpointSlices", () => {
    const direct = endpointsCollection([{ hostname: "a.default.svc.cluster.local", port: 80, endpoints: [{ address: "192.0.2.1", port: 9090 }] }]);
    const pipeline = controlPlaneCollections({ gateway: staticInputs(objects()), endpoints: direct, endpointSlices: staticCollection([slice("a", "10.0.0.1")]) });
    expect(pipeline.endpoints.list().map((e) => e.endpoints.map((p) => p.address))).toEqual([["192.0.2.1"]]);
  });

  it("follows its inputs incrementally", () => {
    const inputs = staticInputs(objects());
    const slices = staticCollection<EndpointSlice>([]);
    const pipeline = controlPlaneCollections({ gateway: inputs, endpointSlices: slices });
    const assignment = () => pipeline.xds.endpoints.list().find((r) => r.name === "outbound|80||a.default.svc.cluster.local");
    expect(assignment()).toBeDefined();
    slices.set(slice("a", "10.0.0.7"));
    expect(pipeline.endpoints.list()[0]!.endpoints.map((e) => e.address)).toEqual(["10.0.0.7"]);
    inputs.services.delete("default/a");
    expect(pipeline.services.canonical.list()).toEqual([]);
    expect(pipeline.endpoints.list()).toEqual([]);
  });

  it("dispose releases every collection the pipeline built and leaves the inputs alone", () => {
    const inputs = staticInputs(objects());
    const slices = staticCollection([slice("a", "10.0.0.1")]);
    const handWritten = staticCollection([{ metadata: { name: "a", namespace: "default" }, spec: { host: "a" } }]);
    const before = liveCollections();
    const pipeline = controlPlaneCollections({ gateway: inputs, endpointSlices: slices, istio: { destinationRules: handWritten } }, { translate: { meshServices: [{ hostname: "x.example.net", namespace: "default", ports: [] }] } });
    expect(liveCollections()).toBeGreaterThan(before);
    pipeline.dispose();
    pipeline.dispose();
    expect(liveCollections()).toBe(before);
    expect(pipeline.xds.resources.list()).toEqual([]);
    // The inputs are the caller's: still there, still writable.
    slices.set(slice("a", "10.0.0.2"));
    expect(slices.list()).toHaveLength(1);
    expect(inputs.services.list()).toHaveLength(1);
    // With nothing to read endpoints from, the pipeline's own empty collection goes too.
    const bare = controlPlaneCollections({ gateway: inputs });
    bare.dispose();
    expect(liveCollections()).toBe(before);
  });
});
