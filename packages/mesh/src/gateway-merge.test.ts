import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IstioServer } from "@weft/api";
import { mergeGateways, serverPortKey, type GatewayInput } from "./gateway-merge.js";

function gw(name: string, servers: IstioServer[], opts: { ns?: string; created?: string } = {}): GatewayInput {
  return {
    metadata: { name, namespace: opts.ns ?? "ns", ...(opts.created ? { creationTimestamp: opts.created } : {}) },
    spec: { servers },
  };
}
const http = (port: number, hosts: string[], extra: Partial<IstioServer> = {}): IstioServer => ({
  port: { number: port, name: `http-${port}`, protocol: "HTTP" },
  hosts,
  ...extra,
});
const https = (port: number, portName: string, hosts: string[], extra: Partial<IstioServer> = {}): IstioServer => ({
  port: { number: port, name: portName, protocol: "HTTPS" },
  hosts,
  tls: { mode: "SIMPLE", credentialName: "cert" },
  ...extra,
});
const tcp = (port: number, hosts: string[], extra: Partial<IstioServer> = {}): IstioServer => ({
  port: { number: port, name: `tcp-${port}`, protocol: "TCP" },
  hosts,
  ...extra,
});
const groupKeys = (merged: ReturnType<typeof mergeGateways>) => [...merged.mergedServers.keys()].sort();

describe("gateway merging (Istio 1.28.1)", () => {
  it("plaintext HTTP servers on one port share route name http.<port>", () => {
    const merged = mergeGateways([
      gw("a", [http(80, ["a.com"])]),
      gw("b", [{ port: { number: 80, name: "h2", protocol: "HTTP2" }, hosts: ["b.com"] }]),
    ]);
    expect(groupKeys(merged)).toEqual(["80:HTTP:"]);
    expect(merged.mergedServers.get("80:HTTP:")?.routeName).toBe("http.80");
    expect(merged.serversByRouteName.get("http.80")?.map((e) => e.gateway)).toEqual(["ns/a", "ns/b"]);
    expect(merged.routeNameByServer.get("ns/b#0")).toBe("http.80");
    expect(merged.rejected).toEqual([]);
  });

  it("a bound plaintext HTTP server uses route name http.<port>.<bind>", () => {
    const merged = mergeGateways([gw("a", [http(80, ["a.com"], { bind: "10.0.0.1" })])]);
    expect(merged.mergedServers.get("80:HTTP:10.0.0.1")?.routeName).toBe("http.80.10.0.0.1");
  });

  it("HTTPS servers each get TLS server info: SNI hosts without namespace and route https.<port>.<port name>.<gateway>.<namespace>[.<bind>]", () => {
    const merged = mergeGateways([
      gw("a", [https(443, "https-a", ["other/a.com", "*/b.com", "./c.com", "b.com"])]),
      gw("b", [https(443, "https-b", ["d.com"], { bind: "10.0.0.1" })], { ns: "web" }),
    ]);
    expect(merged.tlsServerInfo.get("ns/a#0")).toEqual({ routeName: "https.443.https-a.a.ns", sniHosts: ["a.com", "b.com", "c.com"] });
    expect(merged.tlsServerInfo.get("web/b#0")).toEqual({ routeName: "https.443.https-b.b.web.10.0.0.1", sniHosts: ["d.com"] });
    expect(merged.mergedServers.get("443:HTTPS:")?.servers[0]?.server.hosts).toEqual(["other/a.com", "b.com", "ns/c.com", "b.com"]);
    expect(merged.serversByRouteName.get("https.443.https-a.a.ns")).toHaveLength(1);
  });

  it("TLS passthrough servers get SNI hosts but no route name", () => {
    const passthrough = { port: { number: 443, name: "tls", protocol: "TLS" }, hosts: ["p.com"], tls: { mode: "PASSTHROUGH" } };
    const merged = mergeGateways([gw("a", [passthrough, https(443, "https-pt", ["q.com"], { tls: { mode: "PASSTHROUGH" } })])]);
    expect(merged.tlsServerInfo.get("ns/a#0")).toEqual({ routeName: "", sniHosts: ["p.com"] });
    expect(merged.tlsServerInfo.get("ns/a#1")).toEqual({ routeName: "", sniHosts: ["q.com"] });
    expect(merged.serversByRouteName.size).toBe(0);
    expect(groupKeys(merged)).toEqual(["443:HTTPS:", "443:TLS:"]);
  });

  it("TLS settings without a mode pass through (PASSTHROUGH is the mode's zero value, left out of JSON)", () => {
    const merged = mergeGateways([gw("a", [https(443, "https-pt", ["q.com"], { tls: {} })])]);
    expect(merged.tlsServerInfo.get("ns/a#0")).toEqual({ routeName: "", sniHosts: ["q.com"] });
    expect(merged.serversByRouteName.size).toBe(0);
  });

  it("a TLS server with any host already on the port and bind is dropped whole and reported", () => {
    const merged = mergeGateways([
      gw("a", [https(443, "a", ["a.com"])]),
      gw("b", [https(443, "b", ["new.com", "a.com"])]),
    ]);
    expect(merged.rejected).toEqual([{ gateway: "ns/b", serverId: "ns/b#0", port: 443, code: "duplicate-tls-host", reason: expect.stringContaining("a.com") }]);
    expect(merged.mergedServers.get("443:HTTPS:")?.servers.map((e) => e.gateway)).toEqual(["ns/a"]);
    expect(merged.tlsServerInfo.has("ns/b#0")).toBe(false);
  });

  it("duplicate TLS hosts are allowed when the binds differ", () => {
    const merged = mergeGateways([
      gw("a", [https(443, "a", ["a.com"], { bind: "10.0.0.1" })]),
      gw("b", [https(443, "b", ["a.com"], { bind: "10.0.0.2" })]),
    ]);
    expect(merged.rejected).toEqual([]);
    expect(groupKeys(merged)).toEqual(["443:HTTPS:10.0.0.1", "443:HTTPS:10.0.0.2"]);
  });

  it("duplicate hosts on plaintext HTTP are merged into the shared route, not rejected (Istio checks only TLS hosts)", () => {
    const merged = mergeGateways([gw("a", [http(80, ["a.com"])]), gw("b", [http(80, ["a.com"])])]);
    expect(merged.rejected).toEqual([]);
    expect(merged.serversByRouteName.get("http.80")).toHaveLength(2);
  });

  it("protocols that cannot share a port conflict on the same bind: the later server is rejected", () => {
    const tcpFirst = mergeGateways([gw("a", [tcp(9000, ["*"])]), gw("b", [http(9000, ["b.com"])])]);
    expect(tcpFirst.rejected).toMatchObject([{ gateway: "ns/b", port: 9000, code: "protocol-conflict" }]);
    const httpFirst = mergeGateways([gw("a", [http(9000, ["a.com"])]), gw("b", [tcp(9000, ["*"])])]);
    expect(httpFirst.rejected).toMatchObject([{ gateway: "ns/b", code: "protocol-conflict" }]);
    const tcpTwice = mergeGateways([gw("a", [tcp(9000, ["*"])]), gw("b", [tcp(9000, ["*"])])]);
    expect(tcpTwice.rejected).toMatchObject([{ gateway: "ns/b", code: "protocol-conflict" }]);
  });

  it("protocols that cannot share a port coexist when their binds differ", () => {
    const merged = mergeGateways([gw("a", [tcp(9000, ["*"], { bind: "10.0.0.1" })]), gw("b", [http(9000, ["b.com"], { bind: "10.0.0.2" })])]);
    expect(merged.rejected).toEqual([]);
    expect(groupKeys(merged)).toEqual(["9000:HTTP:10.0.0.2", "9000:TCP:10.0.0.1"]);
  });

  it("HTTPS after plaintext HTTP on the same port and bind is rejected", () => {
    const merged = mergeGateways([gw("a", [http(8443, ["a.com"])]), gw("b", [https(8443, "b", ["b.com"])])]);
    expect(merged.rejected).toMatchObject([{ gateway: "ns/b", port: 8443, code: "protocol-conflict" }]);
    expect(merged.tlsServerInfo.size).toBe(0);
  });

  it("HTTP after HTTPS on the same port and bind gets its own group (Istio's order asymmetry)", () => {
    const merged = mergeGateways([gw("a", [https(8443, "a", ["a.com"])]), gw("b", [http(8443, ["b.com"])])]);
    expect(merged.rejected).toEqual([]);
    expect(groupKeys(merged)).toEqual(["8443:HTTP:", "8443:HTTPS:"]);
  });

  it("HTTP and HTTPS on one port with different binds give the same merged servers whichever came first", () => {
    const httpGw = (created: string) => gw("plain", [http(443, ["a.com"], { bind: "10.0.0.1" })], { created });
    const httpsGw = (created: string) => gw("secure", [https(443, "https", ["a.com"], { bind: "10.0.0.2" })], { created });
    const httpFirst = mergeGateways([httpGw("2024-01-01T00:00:00Z"), httpsGw("2024-01-02T00:00:00Z")]);
    const httpsFirst = mergeGateways([httpGw("2024-01-02T00:00:00Z"), httpsGw("2024-01-01T00:00:00Z")]);
    for (const merged of [httpFirst, httpsFirst]) {
      expect(merged.rejected).toEqual([]);
      expect(merged.mergedServers.get("443:HTTP:10.0.0.1")?.routeName).toBe("http.443.10.0.0.1");
      expect(merged.mergedServers.get("443:HTTPS:10.0.0.2")?.servers.map((e) => e.gateway)).toEqual(["ns/secure"]);
    }
    expect(httpsFirst.mergedServers).toEqual(httpFirst.mergedServers);
    expect(httpsFirst.serversByRouteName).toEqual(httpFirst.serversByRouteName);
    expect(httpsFirst.tlsServerInfo).toEqual(httpFirst.tlsServerInfo);
  });

  it("each merged server names the gateway it came from", () => {
    const merged = mergeGateways([gw("a", [http(80, ["a.com"]), tcp(81, ["*"])], { ns: "x" })]);
    expect(merged.mergedServers.get(serverPortKey({ number: 81, protocol: "TCP", bind: "" }))?.servers).toEqual([
      { gateway: "x/a", serverId: "x/a#1", server: tcp(81, ["*"]) },
    ]);
  });

  it("gateways are merged oldest first, then by name, then namespace, whatever the input order", () => {
    const newer = gw("a", [http(9000, ["a.com"])], { created: "2024-06-01T00:00:00Z" });
    const older = gw("z", [tcp(9000, ["*"])], { created: "2024-01-01T00:00:00Z" });
    expect(mergeGateways([newer, older]).rejected).toMatchObject([{ gateway: "ns/a" }]);
    const sameTime = (name: string, ns: string, s: IstioServer) => gw(name, [s], { ns, created: "2024-01-01T00:00:00Z" });
    const byName = mergeGateways([sameTime("b", "a", http(9000, ["x.com"])), sameTime("a", "z", tcp(9000, ["*"]))]);
    expect(byName.rejected).toMatchObject([{ gateway: "a/b" }]);
    const byNamespace = mergeGateways([sameTime("g", "z", http(9000, ["x.com"])), sameTime("g", "a", tcp(9000, ["*"]))]);
    expect(byNamespace.rejected).toMatchObject([{ gateway: "z/g" }]);
  });

  it("bad input is rejected with a reason, never thrown: missing port, missing hosts, unknown protocol", () => {
    const merged = mergeGateways([
      gw("a", [{ hosts: ["a.com"] }, { port: { protocol: "HTTP" }, hosts: ["a.com"] }, { port: { number: 80, protocol: "HTTP" } }, { port: { number: 81, protocol: "SMTP" }, hosts: ["*"] }]),
      { metadata: { name: "no-spec" } },
    ]);
    expect(merged.rejected.map((r) => [r.serverId, r.code])).toEqual([
      ["ns/a#0", "missing-port"],
      ["ns/a#1", "missing-port"],
      ["ns/a#2", "missing-hosts"],
      ["ns/a#3", "unknown-protocol"],
    ]);
    expect(merged.rejected.every((r) => r.reason.length > 0)).toBe(true);
    expect(merged.mergedServers.size).toBe(0);
  });

  it("AUTO_PASSTHROUGH servers are flagged and their hosts collected", () => {
    const auto = { port: { number: 15443, name: "tls", protocol: "TLS" }, hosts: ["*.local", "*.global"], tls: { mode: "AUTO_PASSTHROUGH" } };
    const merged = mergeGateways([gw("eastwest", [auto])]);
    expect(merged.containsAutoPassthrough).toBe(true);
    expect(merged.autoPassthroughSniHosts).toEqual(["*.global", "*.local"]);
  });

  it("resolvePorts places servers on the ports the proxy listens on", () => {
    const merged = mergeGateways([gw("a", [http(80, ["a.com"])])], { resolvePorts: (port) => [port + 8000] });
    expect(groupKeys(merged)).toEqual(["8080:HTTP:"]);
    expect(merged.routeNameByServer.get("ns/a#0")).toBe("http.8080");
  });

  it("permuting the input gateways gives the same result", () => {
    const server: fc.Arbitrary<IstioServer> = fc.record(
      {
        port: fc.record({ number: fc.constantFrom(80, 443), name: fc.constantFrom("p1", "p2"), protocol: fc.constantFrom("HTTP", "HTTPS", "TCP", "TLS", "GRPC", "bogus") }, { requiredKeys: [] }),
        hosts: fc.subarray(["a.com", "b.com", "*", "./c.com"]),
        bind: fc.constantFrom("10.0.0.1", "10.0.0.2"),
        tls: fc.record({ mode: fc.constantFrom("SIMPLE", "PASSTHROUGH", "AUTO_PASSTHROUGH") }),
      },
      { requiredKeys: ["port", "hosts"] },
    );
    const gateways = fc
      .array(fc.tuple(fc.array(server, { maxLength: 3 }), fc.constantFrom("a", "b"), fc.constantFrom("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z")), { maxLength: 6 })
      .map((list) => list.map(([servers, ns, created], i) => gw(`gw${i}`, servers, { ns, created })));
    fc.assert(
      fc.property(
        gateways.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
        ([original, permuted]) => {
          expect(mergeGateways(permuted)).toEqual(mergeGateways(original));
        },
      ),
      { numRuns: 300 },
    );
  });
});
