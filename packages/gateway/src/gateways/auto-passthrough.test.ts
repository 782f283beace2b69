import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Listener } from "../model/resources.js";
import { isAutoPassthrough } from "./auto-passthrough.js";

const passthrough = (port: number, options?: Record<string, string>): Listener => ({ name: "l", port, protocol: "TLS", tls: { mode: "Passthrough", ...(options === undefined ? {} : { options }) } });
const network = { "topology.istio.io/network": "network-1" };

describe("auto-passthrough listeners", () => {
  it("a network-labelled Gateway's listener on 15443 is auto-passthrough", () => {
    expect(isAutoPassthrough(network, passthrough(15443))).toBe(true);
    expect(isAutoPassthrough(network, passthrough(15012))).toBe(false);
  });

  it("without the network label the port alone means nothing", () => {
    expect(isAutoPassthrough({}, passthrough(15443))).toBe(false);
    expect(isAutoPassthrough(undefined, passthrough(15443))).toBe(false);
  });

  it("the gatewayPort label moves the network port", () => {
    const labels = { ...network, "networking.istio.io/gatewayPort": "35443" };
    expect(isAutoPassthrough(labels, passthrough(35443))).toBe(true);
    expect(isAutoPassthrough(labels, passthrough(15443))).toBe(false);
    expect(isAutoPassthrough({ ...network, "networking.istio.io/gatewayPort": "not-a-port" }, passthrough(15443))).toBe(false);
  });

  it("the listener-protocol TLS option asks for it on any port, without labels", () => {
    expect(isAutoPassthrough(undefined, passthrough(8443, { "gateway.istio.io/listener-protocol": "auto-passthrough" }))).toBe(true);
    expect(isAutoPassthrough(undefined, passthrough(8443, { "gateway.istio.io/listener-protocol": "something-else" }))).toBe(false);
  });

  it("a listener without a TLS block never is", () => {
    const tcp: Listener = { name: "l", port: 15443, protocol: "TCP" };
    expect(isAutoPassthrough(network, tcp)).toBe(false);
  });

  it("property: without the network label or the option, no listener is auto-passthrough", () => {
    const labels = fc.dictionary(fc.string().filter((k) => k !== "topology.istio.io/network"), fc.string());
    fc.assert(fc.property(labels, fc.integer({ min: 1, max: 65535 }), (l, port) => !isAutoPassthrough(l, passthrough(port))));
  });
});
