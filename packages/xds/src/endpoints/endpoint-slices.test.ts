import { loadManifests, type EndpointSlice, type Service } from "@weft/api";
import { batch, staticCollection } from "@weft/krt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endpointsFromSlices } from "./endpoint-slices.js";

const load = (text: string) => loadManifests(text, "test.yaml").objects;
const SERVICE = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: apps }
spec:
  ports:
    - { name: http, port: 80, targetPort: 8080 }
    - { name: admin, port: 9000 }
`;
const sliceYaml = (name: string, ports: string, endpoints: string, service = "web") => `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: ${name}, namespace: apps, labels: { kubernetes.io/service-name: ${service} } }
addressType: IPv4
ports: ${ports}
endpoints: ${endpoints}
`;

/** The endpoints of `yaml`'s objects, built as the CLI does: static collections of them. */
function endpointsOf(yaml: string[], domainSuffix = "cluster.local") {
  const objects = load(yaml.join("---\n"));
  const services = staticCollection(objects.filter((o): o is Service => o.kind === "Service"));
  const slices = staticCollection(objects.filter((o): o is EndpointSlice => o.kind === "EndpointSlice"));
  return endpointsFromSlices(slices, services, { domainSuffix }).list();
}

describe("service endpoints from EndpointSlices", () => {
  it("matches slice ports to service ports by name and gathers every slice of a port", () => {
    const out = endpointsOf([SERVICE, sliceYaml("a", "[{ name: http, port: 8080 }]", '[{ addresses: ["10.0.0.1"], zone: z1 }]'), sliceYaml("b", "[{ name: http, port: 8080 }, { name: admin, port: 9001 }]", '[{ addresses: ["10.0.0.2", "10.0.0.3"] }]')]);
    expect(out).toEqual([
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
    const out = endpointsOf([SERVICE, sliceYaml("a", "[{ name: http, port: 8080 }]", '[{ addresses: ["1.1.1.1"], conditions: { ready: false } }, { addresses: ["2.2.2.2"], conditions: { terminating: true } }, { addresses: ["3.3.3.3"], conditions: {} }]')]);
    expect(out[0]!.endpoints.map((e) => [e.address, e.healthy])).toEqual([
      ["1.1.1.1", false],
      ["2.2.2.2", false],
      ["3.3.3.3", true],
    ]);
  });

  it("ignores slices of unknown Services, and ports the Service does not have", () => {
    expect(endpointsOf([SERVICE, sliceYaml("a", "[{ name: grpc, port: 7000 }]", '[{ addresses: ["10.0.0.1"] }]'), sliceYaml("b", "[{ name: http, port: 8080 }]", '[{ addresses: ["10.0.0.9"] }]', "other")])).toEqual([]);
  });

  it("names hosts with the domain suffix it is given", () => {
    expect(endpointsOf([SERVICE, sliceYaml("a", "[{ name: http, port: 8080 }]", '[{ addresses: ["10.0.0.1"] }]')], "corp.local").map((e) => e.hostname)).toEqual(["web.apps.svc.corp.local"]);
  });

  it("a Service created after its slices picks them up, and a deleted slice takes only its own endpoints", () => {
    const objects = load([SERVICE, sliceYaml("a", "[{ name: http, port: 8080 }]", '[{ addresses: ["10.0.0.1"] }]'), sliceYaml("b", "[{ name: http, port: 8080 }]", '[{ addresses: ["10.0.0.2"] }]')].join("---\n"));
    const services = staticCollection<Service>([]);
    const slices = staticCollection(objects.filter((o): o is EndpointSlice => o.kind === "EndpointSlice"));
    const endpoints = endpointsFromSlices(slices, services);
    expect(endpoints.list()).toEqual([]);
    services.set(objects.find((o): o is Service => o.kind === "Service")!);
    expect(endpoints.get("web.apps.svc.cluster.local:80")?.endpoints.map((e) => e.address)).toEqual(["10.0.0.1", "10.0.0.2"]);
    slices.delete("apps/a");
    expect(endpoints.get("web.apps.svc.cluster.local:80")?.endpoints.map((e) => e.address)).toEqual(["10.0.0.2"]);
    slices.delete("apps/b");
    expect(endpoints.list()).toEqual([]);
  });

  it("malformed lists in a slice that skipped the loader contribute nothing, never a crash", () => {
    const service = load(SERVICE)[0] as Service;
    const bad = { apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", metadata: { name: "x", namespace: "apps", labels: { "kubernetes.io/service-name": "web" } }, addressType: "IPv4", ports: [{ name: "http", port: 8080 }], endpoints: [{ addresses: "10.0.0.1" }] } as unknown as EndpointSlice;
    const endpoints = endpointsFromSlices(staticCollection([bad]), staticCollection([service]));
    expect(endpoints.list()).toEqual([{ hostname: "web.apps.svc.cluster.local", port: 80, endpoints: [] }]);
  });
});

// Random worlds: slices of a few names over two Services, with random ports and addresses.
const sliceNames = ["s1", "s2", "s3", "s4"];
const arbSlice = fc.record({
  name: fc.constantFrom(...sliceNames),
  service: fc.constantFrom("web", "api", "gone"),
  ports: fc.subarray([{ name: "http", port: 8080 }, { name: "admin", port: 9001 }, { port: 7000 }]),
  endpoints: fc.array(fc.record({ addresses: fc.array(fc.constantFrom("10.0.0.1", "10.0.0.2", "10.0.0.3"), { minLength: 1, maxLength: 2 }), ready: fc.option(fc.boolean(), { nil: undefined }), zone: fc.option(fc.constantFrom("z1", "z2"), { nil: undefined }) }), { maxLength: 3 }),
});
type SliceSpec = typeof arbSlice extends fc.Arbitrary<infer T> ? T : never;
const toSlice = (s: SliceSpec): EndpointSlice => ({
  apiVersion: "discovery.k8s.io/v1",
  kind: "EndpointSlice",
  metadata: { name: `${s.service}-${s.name}`, namespace: "apps", labels: { "kubernetes.io/service-name": s.service } },
  addressType: "IPv4",
  ports: s.ports,
  endpoints: s.endpoints.map((e) => ({ addresses: e.addresses, ...(e.ready === undefined ? {} : { conditions: { ready: e.ready } }), ...(e.zone === undefined ? {} : { zone: e.zone }) })),
});
const services: Service[] = [
  { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "apps" }, spec: { ports: [{ name: "http", port: 80 }, { name: "admin", port: 9000 }] } },
  { apiVersion: "v1", kind: "Service", metadata: { name: "api", namespace: "apps" }, spec: { ports: [{ port: 70 }] } },
];
const build = (slices: EndpointSlice[]) => endpointsFromSlices(staticCollection(slices), staticCollection(services)).list();

describe("service endpoints from EndpointSlices: properties", () => {
  it("property: the endpoints do not depend on the order the slices come in", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbSlice, { selector: (s) => `${s.service}-${s.name}`, maxLength: 8 }).chain((specs) => fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length, maxLength: specs.length }))),
        ([specs, shuffled]) => {
          expect(build(shuffled.map(toSlice))).toEqual(build(specs.map(toSlice)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("property: after random slice writes and deletes the endpoints equal a fresh build over the final slices", () => {
    const change = fc.oneof(fc.record({ op: fc.constant("set" as const), slice: arbSlice }), fc.record({ op: fc.constant("delete" as const), name: fc.constantFrom(...sliceNames), service: fc.constantFrom("web", "api", "gone") }));
    fc.assert(
      fc.property(fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 12 }), (rounds) => {
        const slices = staticCollection<EndpointSlice>([]);
        const endpoints = endpointsFromSlices(slices, staticCollection(services));
        for (const round of rounds) {
          // Some changes land together, as one informer batch would deliver them.
          batch(() => {
            for (const c of round) {
              if (c.op === "set") slices.set(toSlice(c.slice));
              else slices.delete(`apps/${c.service}-${c.name}`);
            }
          });
        }
        expect(endpoints.list()).toEqual(build(slices.list()));
      }),
      { numRuns: 200 },
    );
  });
});
