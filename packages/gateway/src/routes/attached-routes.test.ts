/**
 * attachedRoutes counts every accepted attachment: a route binds to a listener whose
 * certificate reference does not resolve (Istio attaches it and counts it), though
 * that listener serves nothing, so no VirtualService is generated for it.
 */
import { describe, expect, it } from "vitest";
import type { InputObject } from "../model/resources.js";
import { translate } from "../translate.js";

const objects = [
  {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: { name: "gw", namespace: "ns" },
    spec: {
      gatewayClassName: "istio",
      listeners: [{ name: "tls", port: 443, protocol: "HTTPS", tls: { mode: "Terminate", certificateRefs: [{ group: "", kind: "Secret", name: "does-not-exist" }] } }],
    },
  },
  { apiVersion: "v1", kind: "Service", metadata: { name: "gw-istio", namespace: "ns" }, spec: { ports: [{ port: 443 }] } },
  {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "route", namespace: "ns" },
    spec: { parentRefs: [{ name: "gw", sectionName: "tls" }], rules: [{ backendRefs: [{ name: "does-not-exist", port: 8080 }] }] },
  },
] as InputObject[];

type GatewayStatus = { listeners: { name: string; attachedRoutes: number; conditions: { type: string; status: string }[] }[] };
type RouteStatus = { parents: { conditions: { type: string; status: string; reason: string }[] }[] };

describe("attachedRoutes", () => {
  it("a listener whose certificate reference is unresolved still counts the routes attached to it", () => {
    const out = translate(objects, { domainSuffix: "cluster.local" });
    const gw = out.statuses.find((s) => s.kind === "Gateway")!.status as GatewayStatus;
    expect(gw.listeners).toEqual([expect.objectContaining({ name: "tls", attachedRoutes: 1 })]);
    expect(gw.listeners[0]!.conditions.find((c) => c.type === "ResolvedRefs")).toMatchObject({ status: "False" });
    const route = out.statuses.find((s) => s.kind === "HTTPRoute")!.status as RouteStatus;
    expect(route.parents[0]!.conditions.find((c) => c.type === "Accepted")).toMatchObject({ status: "True" });
    // It serves nothing: no Istio Gateway, so nothing routes through it.
    expect(out.gateways).toEqual([]);
    expect(out.virtualServices).toEqual([]);
  });
});
