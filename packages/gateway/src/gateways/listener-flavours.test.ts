import { describe, expect, it } from "vitest";
import type { Listener } from "../model/resources.js";
import type { ReferenceLookup } from "./listener-tls.js";
import { listenerModel, protocolProblem, type ListenerScope } from "./listeners.js";

const lookup: ReferenceLookup = { secret: () => undefined, configMap: () => undefined, allowed: () => false };
const scope: ListenerScope = { namespace: "ns", namespaces: [], frontend: [], lookup };
const accepted = (model: ReturnType<typeof listenerModel>) => model.conditions.find((c) => c.type === "Accepted");
const network = { "topology.istio.io/network": "network-1" };

describe("listeners of waypoint-style and multi-network gateways", () => {
  it("HBONE is refused on ordinary gateways, with its own message", () => {
    expect(protocolProblem("HBONE")).toBe('protocol "HBONE" is only supported for waypoint proxies');
    expect(protocolProblem("HBONE", true)).toBeUndefined();
    expect(protocolProblem("hbone", true)).toBe('protocol "hbone" is unsupported. hint: "HBONE" (uppercase) may be supported');
    const model = listenerModel({ name: "mesh", port: 15008, protocol: "HBONE" }, scope);
    expect(model.server).toBeUndefined();
    expect(accepted(model)).toMatchObject({ status: "False", reason: "UnsupportedProtocol" });
  });

  it("a waypoint's HBONE listener is valid, supports no route kinds, and carries no routes", () => {
    const model = listenerModel({ name: "mesh", port: 15008, protocol: "HBONE" }, scope, { flavour: "waypoint" });
    expect(accepted(model)).toMatchObject({ status: "True" });
    expect(model.supportedKinds).toEqual([]);
    expect(model.server?.port).toEqual({ name: "default", number: 15008, protocol: "HBONE" });
    expect(model.routeless).toBe(true);
  });

  it("a misshapen waypoint listener is warned about on Accepted but keeps its server", () => {
    const model = listenerModel({ name: "mesh", port: 1234, protocol: "HTTP" }, scope, { flavour: "waypoint" });
    expect(accepted(model)).toEqual({ type: "Accepted", status: "False", reason: "UnsupportedProtocol", message: 'Expected a single listener on port 15008 with protocol "HBONE"' });
    expect(model.conditions.find((c) => c.type === "Programmed")?.status).toBe("True");
    expect(model.server).toBeDefined();
    expect(model.supportedKinds.map((k) => k.kind)).toEqual(["HTTPRoute", "GRPCRoute"]);
  });

  it("an east-west gateway's tunnel uses mesh certificates and is routeless; its passthrough listeners are ordinary", () => {
    const tunnel = listenerModel({ name: "mesh", port: 15008, protocol: "HBONE", tls: { mode: "Terminate", options: { "gateway.istio.io/tls-terminate-mode": "ISTIO_MUTUAL" } } }, scope, { flavour: "east-west" });
    expect(tunnel.server?.tls).toEqual({ mode: "ISTIO_MUTUAL" });
    expect(tunnel.routeless).toBe(true);
    const passthrough = listenerModel({ name: "tls", port: 6443, protocol: "TLS", tls: { mode: "Passthrough" } }, scope, { flavour: "east-west", labels: network });
    expect(passthrough.server?.tls).toEqual({});
    expect(passthrough.routeless).toBeUndefined();
  });

  it("a passthrough listener on the network port of a network-labelled Gateway becomes AUTO_PASSTHROUGH", () => {
    const listener: Listener = { name: "cross-network", port: 15443, protocol: "TLS", hostname: "*.local", tls: { mode: "Passthrough" } };
    expect(listenerModel(listener, scope, { flavour: "gateway", labels: network }).server?.tls).toEqual({ mode: "AUTO_PASSTHROUGH" });
    expect(listenerModel(listener, scope, { flavour: "gateway" }).server?.tls).toEqual({});
  });

  it("AUTO_PASSTHROUGH keeps the listener's cipher suites", () => {
    const listener: Listener = {
      name: "x",
      port: 9443,
      protocol: "TLS",
      tls: { mode: "Passthrough", options: { "gateway.istio.io/listener-protocol": "auto-passthrough", "gateway.istio.io/tls-cipher-suites": "ECDHE-RSA-AES128-GCM-SHA256" } },
    };
    expect(listenerModel(listener, scope).server?.tls).toEqual({ mode: "AUTO_PASSTHROUGH", cipherSuites: ["ECDHE-RSA-AES128-GCM-SHA256"] });
  });
});
