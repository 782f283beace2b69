import { anyUnpack } from "@bufbuild/protobuf/wkt";
import { describe, expect, test } from "vitest";
import { DownstreamTlsContextSchema, type DownstreamTlsContext } from "../gen/envoy/extensions/transport_sockets/tls/v3/tls_pb.js";
import { HttpConnectionManagerSchema, type HttpConnectionManager } from "../gen/envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager_pb.js";
import type { Listener } from "../gen/envoy/config/listener/v3/listener_pb.js";
import type { GatewayConfigInput, ServerInput, VirtualServiceInput } from "../model.js";
import { planProxy } from "../proxy-plans.js";
import { gatewayListener } from "./gateway-listener.js";
import { grpcApiListener } from "./grpc-listener.js";

const gw = (name: string, servers: ServerInput[]): GatewayConfigInput => ({ metadata: { name, namespace: "ns", creationTimestamp: "2024-01-01T00:00:00Z" }, spec: { servers } });
const https = (name: string, hosts: string[], tls: ServerInput["tls"]): ServerInput => ({ port: { number: 443, name, protocol: "HTTPS" }, hosts, tls });

function build(gateways: GatewayConfigInput[], virtualServices: VirtualServiceInput[] = []) {
  const plan = planProxy("p", gateways);
  return plan.listeners.map((l) =>
    gatewayListener(l, {
      l4VirtualServicesFor: (g) => virtualServices.filter((v) => (v.spec?.gateways ?? []).includes(g)),
      clusterOf: (d, _ns, port) => `outbound|${d?.port?.number ?? port}||${d?.host ?? ""}`,
    }),
  );
}

function tlsOf(listener: Listener | undefined, chain: number): DownstreamTlsContext | undefined {
  const socket = listener?.filterChains[chain]?.transportSocket;
  return socket?.configType.case === "typedConfig" ? (anyUnpack(socket.configType.value, DownstreamTlsContextSchema) as DownstreamTlsContext) : undefined;
}

function hcmOf(listener: Listener | undefined, chain: number): HttpConnectionManager | undefined {
  const filter = listener?.filterChains[chain]?.filters[0];
  return filter?.configType.case === "typedConfig" ? (anyUnpack(filter.configType.value, HttpConnectionManagerSchema) as HttpConnectionManager) : undefined;
}

describe("gateway listeners", () => {
  test("plaintext HTTP servers of several gateways share one chain and the route http.<port>", () => {
    const [built] = build([gw("a", [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["a.com"] }]), gw("b", [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["b.com"] }])]);
    expect(built?.listener?.name).toBe("0.0.0.0_80");
    expect(built?.listener?.filterChains).toHaveLength(1);
    expect(hcmOf(built?.listener, 0)?.routeSpecifier).toMatchObject({ case: "rds", value: { routeConfigName: "http.80" } });
    expect(built?.listener?.listenerFilters).toEqual([]);
  });

  test("each HTTPS server gets an SNI chain with its own certificate and route", () => {
    const [built] = build([gw("a", [https("s1", ["a.com"], { mode: "SIMPLE", credentialName: "kubernetes-gateway://ns/a-cert" }), https("s2", ["b.com", "*"], { mode: "SIMPLE", credentialName: "b-cert" })])]);
    const listener = built?.listener;
    expect(listener?.filterChains.map((c) => c.filterChainMatch?.serverNames ?? [])).toEqual([["a.com"], []]);
    expect(tlsOf(listener, 0)?.commonTlsContext?.tlsCertificateSdsSecretConfigs.map((s) => s.name)).toEqual(["kubernetes-gateway://ns/a-cert"]);
    // A bare credential name is a Secret in the proxy's namespace.
    expect(tlsOf(listener, 1)?.commonTlsContext?.tlsCertificateSdsSecretConfigs.map((s) => s.name)).toEqual(["kubernetes://b-cert"]);
    expect(hcmOf(listener, 1)?.routeSpecifier).toMatchObject({ case: "rds", value: { routeConfigName: "https.443.s2.a.ns" } });
    expect(listener?.listenerFilters.map((f) => f.name)).toEqual(["envoy.filters.listener.tls_inspector"]);
  });

  test("MUTUAL servers verify clients with the credential's CA bundle", () => {
    const [built] = build([gw("a", [https("m", ["a.com"], { mode: "MUTUAL", credentialName: "cert", subjectAltNames: ["spiffe://td/ns/x/sa/y"] })])]);
    const tls = tlsOf(built?.listener, 0);
    expect(tls?.requireClientCertificate).toBe(true);
    const validation = tls?.commonTlsContext?.validationContextType;
    expect(validation?.case).toBe("combinedValidationContext");
    expect(validation?.case === "combinedValidationContext" ? validation.value.validationContextSdsSecretConfig?.name : "").toBe("kubernetes://cert-cacert");
  });

  test("a builtin:// credential is served the workload's own certificate, and its CA the mesh root, as Istio names them", () => {
    const [built] = build([gw("a", [https("s", ["a.com"], { mode: "MUTUAL", credentialName: "builtin://" })])]);
    expect(built?.problems).toEqual([]);
    const tls = tlsOf(built?.listener, 0);
    expect(tls?.commonTlsContext?.tlsCertificateSdsSecretConfigs.map((c) => c.name)).toEqual(["default"]);
    const validation = tls?.commonTlsContext?.validationContextType;
    expect(validation?.case === "validationContextSdsSecretConfig" ? validation.value.name : "").toBe("ROOTCA");
  });

  test("a certificate name that cannot be served is reported", () => {
    const [built] = build([gw("a", [https("s", ["a.com"], { mode: "SIMPLE", credentialName: "invalid://" })])]);
    expect(built?.problems.join()).toMatch(/invalid:\/\//);
  });

  test("passthrough chains come from TLS routes, one per SNI set; a repeated SNI name is skipped and reported", () => {
    const server: ServerInput = { port: { number: 8443, name: "tls", protocol: "TLS" }, hosts: ["*"], tls: {} };
    const vs = (name: string, sni: string[]): VirtualServiceInput => ({ metadata: { name, namespace: "ns" }, spec: { hosts: ["*"], gateways: ["ns/a"], tls: [{ match: [{ sniHosts: sni }], route: [{ destination: { host: `${name}.svc`, port: { number: 443 } } }] }] } });
    const [built] = build([gw("a", [server])], [vs("one", ["x.com"]), vs("two", ["x.com", "y.com"]), vs("three", ["z.com"])]);
    expect(built?.listener?.filterChains.map((c) => c.filterChainMatch?.serverNames)).toEqual([["x.com"], ["z.com"]]);
    expect(built?.listener?.filterChains.every((c) => c.transportSocket === undefined)).toBe(true);
    expect(built?.problems.join()).toMatch(/SNI x\.com already routed/);
  });

  test("a TCP server with no applicable route has no chain, so no listener", () => {
    const [built] = build([gw("a", [{ port: { number: 9000, name: "tcp", protocol: "TCP" }, hosts: ["*"] }])]);
    expect(built?.listener).toBeUndefined();
    expect(built?.problems.join()).toMatch(/no TCP route/);
  });

  test("binds make separate listeners on one port", () => {
    const built = build([gw("a", [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["a.com"], bind: "10.0.0.1" }, { port: { number: 80, name: "http2", protocol: "HTTP" }, hosts: ["b.com"], bind: "10.0.0.2" }])]);
    expect(built.map((b) => b.listener?.name)).toEqual(["10.0.0.1_80", "10.0.0.2_80"]);
  });
});

describe("proxyless gRPC listeners", () => {
  test("named <host>:<port>, an api_listener whose HCM fetches the port's route and ends with the router", () => {
    const listener = grpcApiListener("echo.default.svc.cluster.local", 8080);
    expect(listener.name).toBe("echo.default.svc.cluster.local:8080");
    const hcm = anyUnpack(listener.apiListener!.apiListener!, HttpConnectionManagerSchema) as HttpConnectionManager;
    expect(hcm.routeSpecifier).toMatchObject({ case: "rds", value: { routeConfigName: "outbound|8080||echo.default.svc.cluster.local", configSource: { configSourceSpecifier: { case: "ads" } } } });
    expect(hcm.httpFilters.map((f) => f.name)).toEqual(["envoy.filters.http.router"]);
  });
});
