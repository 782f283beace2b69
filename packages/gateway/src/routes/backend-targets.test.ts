import { describe, expect, it } from "vitest";
import { gatewayCollections } from "../collections.js";
import { staticInputs } from "../inputs.js";
import type { InputObject } from "../model/resources.js";
import type { VirtualService } from "../model/istio.js";

const gateway = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "Gateway",
  metadata: { name: "gw", namespace: "infra" },
  spec: { gatewayClassName: "istio", addresses: [{ type: "Hostname", value: "ingress" }], listeners: [{ name: "http", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "All" } } }] },
};
const ingress = { apiVersion: "v1", kind: "Service", metadata: { name: "ingress", namespace: "infra" }, spec: { ports: [{ port: 80 }] } };
const xBackend = (name: string, spec: Record<string, unknown>, namespace = "apps") => ({ apiVersion: "gateway.networking.x-k8s.io/v1alpha1", kind: "XBackend", metadata: { name, namespace }, spec });
const external = (hostname: string, port: number) => ({ type: "ExternalHostname", externalHostname: { hostname }, port: { port } });
const routeTo = (backendRef: Record<string, unknown>) => ({
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "HTTPRoute",
  metadata: { name: "r", namespace: "apps" },
  spec: { parentRefs: [{ name: "gw", namespace: "infra" }], hostnames: ["h.example.com"], rules: [{ backendRefs: [{ group: "gateway.networking.x-k8s.io", kind: "XBackend", ...backendRef }] }] },
});
const registry = [{ hostname: "api.example.net", namespace: "apps", ports: [{ port: 443 }] }];

function run(objects: unknown[], alphaGatewayAPI = true) {
  const out = gatewayCollections(staticInputs([gateway, ingress, ...objects] as InputObject[]), { features: { alphaGatewayAPI }, meshServices: registry });
  const vs = out.virtualServices.list()[0] as VirtualService;
  const status = out.statuses.get("HTTPRoute/apps/r")!.status as { parents: { conditions: { type: string; status: string; reason: string; message: string }[] }[] };
  const resolvedRefs = status.parents[0]!.conditions.find((c) => c.type === "ResolvedRefs")!;
  return { destination: vs.spec.http![0]!.route![0]!.destination, resolvedRefs };
}

describe("XBackend targets", () => {
  it("an omitted backendRef port takes the port the Backend declares", () => {
    const r = run([xBackend("api", external("api.example.net", 443)), routeTo({ name: "api" })]);
    expect(r.destination).toEqual({ host: "api.example.net", port: { number: 443 } });
    expect(r.resolvedRefs.status).toBe("True");
  });

  it("a backendRef port that disagrees with the Backend's drops the destination", () => {
    const r = run([xBackend("api", external("api.example.net", 443)), routeTo({ name: "api", port: 8443 })]);
    expect(r.destination).toEqual({});
    expect(r.resolvedRefs).toMatchObject({ status: "False", reason: "BackendNotFound", message: "backend(api) does not expose port 8443, expected 443" });
  });

  it("a missing Backend is BackendNotFound, named by the reference", () => {
    const r = run([routeTo({ name: "nothing" })]);
    expect(r.destination).toEqual({});
    expect(r.resolvedRefs).toMatchObject({ reason: "BackendNotFound", message: "backend(nothing) not found" });
  });

  it("a hostname the registry does not know keeps the destination but reports it", () => {
    const r = run([xBackend("other", external("unknown.example.net", 80)), routeTo({ name: "other" })]);
    expect(r.destination).toEqual({ host: "unknown.example.net", port: { number: 80 } });
    expect(r.resolvedRefs).toMatchObject({ reason: "BackendNotFound", message: "backend(unknown.example.net) not found" });
  });

  it("a Backend of another type is an invalid kind", () => {
    const r = run([xBackend("api", { type: "KubernetesService", port: { port: 80 } }), routeTo({ name: "api" })]);
    expect(r.destination).toEqual({});
    expect(r.resolvedRefs).toMatchObject({ reason: "InvalidKind", message: "backend(api) type: expected ExternalHostname, got KubernetesService" });
  });

  it("is refused while the experimental API is disabled", () => {
    const r = run([xBackend("api", external("api.example.net", 443)), routeTo({ name: "api" })], false);
    expect(r.destination).toEqual({});
    expect(r.resolvedRefs.reason).toBe("InvalidKind");
  });

  it("another namespace's Backend needs a ReferenceGrant", () => {
    const r = run([xBackend("api", external("api.example.net", 443), "shared"), routeTo({ name: "api", namespace: "shared" })]);
    expect(r.destination).toEqual({});
    expect(r.resolvedRefs.reason).toBe("RefNotPermitted");
  });
});
