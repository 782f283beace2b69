/**
 * Golden protobuf JSON of the xDS for a few gateway setups. The inputs are written here;
 * the outputs in golden/*.json were checked by hand against Envoy's documented semantics
 * (see the notes beside each case). `UPDATE_GOLDEN=1` rewrites them after a deliberate
 * change, which must then be reviewed the same way.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { backend, gateway, gatewayClass, httpListener, httpRoute, parent, route, secret, service } from "./fixtures.js";
import { asJson, world } from "./test-support.js";
import { resourceViolations } from "./validate/validate-resource.js";

function golden(name: string, w: ReturnType<typeof world>): void {
  // Every resource passes Envoy's protoc-gen-validate rules, so all of it is served.
  const built = [...w.xds.listeners.list(), ...w.xds.routes.list(), ...w.xds.clusters.list(), ...w.xds.endpoints.list()];
  expect(built.flatMap((r) => resourceViolations(r).map((v) => `${r.key} ${v.path}: ${v.message}`))).toEqual([]);
  expect(w.xds.resources.list().map((r) => r.key).sort()).toEqual(built.map((r) => r.key).sort());
  const actual = {
    listeners: asJson(w.xds.listeners.list()),
    routes: asJson(w.xds.routes.list()),
    clusters: asJson(w.xds.clusters.list()),
    endpoints: asJson(w.xds.endpoints.list()),
    problems: w.xds.problems.list().map((p) => `${p.source}: ${p.message}`),
  };
  const file = new URL(`./golden/${name}.json`, import.meta.url);
  // Goldens are written only on request (after checking the diff by hand): a missing
  // golden fails rather than being taken from the code under test.
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  expect(existsSync(file), `golden ${name}.json is missing; write it with UPDATE_GOLDEN=1 and check it by hand`).toBe(true);
  expect(actual).toEqual(JSON.parse(readFileSync(file, "utf8")));
}

const endpoint = (host: string, address: string, zone = "z1") => ({ hostname: host, port: 80, endpoints: [{ address, port: 8080, locality: { region: "r1", zone }, labels: { version: "v1" } }] });

describe("golden xDS", () => {
  /*
   * One HTTP listener; routes with a header match, a weighted split and a redirect.
   * Checked: one listener 0.0.0.0_80 whose only chain is an HCM fetching RDS "http.80"
   * over ADS; virtual hosts per hostname with domains [host]; Gateway API prefixes as
   * path_separated_prefix; header match as string_match exact; weighted_clusters with the
   * backendRef weights; redirect with response code FOUND (302), no port_redirect for
   * https:443; unmatched backends go to outbound|80||<fqdn> EDS clusters.
   */
  test("http gateway", () => {
    golden(
      "http-gateway",
      world(
        [
          gatewayClass(),
          gateway("gw", [httpListener("http", 80, "*.example.com")]),
          service("web"),
          service("web-canary"),
          httpRoute("web", {
            parentRefs: [parent("gw")],
            hostnames: ["web.example.com"],
            rules: [
              { matches: [{ path: { type: "PathPrefix", value: "/api" }, headers: [{ name: "x-canary", value: "true" }] }], backendRefs: [backend("web-canary")] },
              { matches: [{ path: { type: "PathPrefix", value: "/api" } }], backendRefs: [backend("web", 80, 90), backend("web-canary", 80, 10)] },
              { backendRefs: [backend("web")] },
            ],
          }),
          httpRoute("to-https", {
            parentRefs: [parent("gw")],
            hostnames: ["old.example.com"],
            rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", port: 443, statusCode: 302 } }] }],
          }),
        ],
        [endpoint("web.default.svc.cluster.local", "10.0.0.1"), endpoint("web-canary.default.svc.cluster.local", "10.0.0.2", "z2")],
      ),
    );
  });

  /*
   * HTTPS terminated with a certificate Secret, TLS passed through by SNI, and TCP split
   * by weight. Checked: 0.0.0.0_443 has a chain matched on server_names [secure.example.com]
   * with a DownstreamTlsContext whose certificate comes over SDS as
   * kubernetes-gateway://istio-system/cert (ALPN h2, http/1.1) and an HCM on the HTTPS
   * route https.443.<port name>.<istio gateway>.istio-system; the TLS inspector reads SNI first.
   * 0.0.0.0_8443 has one chain per TLSRoute SNI name with a tcp_proxy and no TLS context
   * (passthrough). 0.0.0.0_9000 has a single chain whose tcp_proxy splits 3:1.
   */
  test("https, tls passthrough and tcp", () => {
    golden(
      "https-tls-tcp",
      world(
        [
          gatewayClass(),
          secret("cert"),
          gateway("gw", [
            { name: "https", port: 443, protocol: "HTTPS", hostname: "secure.example.com", tls: { mode: "Terminate", certificateRefs: [{ name: "cert" }] }, allowedRoutes: { namespaces: { from: "All" } } },
            { name: "tls", port: 8443, protocol: "TLS", tls: { mode: "Passthrough" }, allowedRoutes: { namespaces: { from: "All" } } },
            { name: "tcp", port: 9000, protocol: "TCP", allowedRoutes: { namespaces: { from: "All" } } },
          ]),
          service("web"),
          service("db", [{ name: "tcp", port: 5432 }]),
          service("db-replica", [{ name: "tcp", port: 5432 }]),
          service("tls-backend", [{ name: "tls", port: 443 }]),
          httpRoute("secure", { parentRefs: [parent("gw", "https")], rules: [{ backendRefs: [backend("web")] }] }),
          route("TLSRoute", "pass", { parentRefs: [parent("gw", "tls")], hostnames: ["pass.example.com"], rules: [{ backendRefs: [backend("tls-backend", 443)] }] }),
          route("TCPRoute", "db", { parentRefs: [parent("gw", "tcp")], rules: [{ backendRefs: [backend("db", 5432, 3), backend("db-replica", 5432, 1)] }] }),
        ],
        [],
        { translate: { features: { alphaGatewayAPI: true } } },
      ),
    );
  });

  /*
   * A GRPCRoute on a Service (mesh), read by proxyless gRPC clients, plus a
   * DestinationRule with a subset and consistent hashing. Checked: a Listener
   * "<host>:<port>" with an api_listener whose HCM fetches RDS "outbound|<port>||<host>"
   * and ends with the router; its RouteConfiguration has one virtual host with domains
   * [host, host:port]; the method match is an exact :path (gRFC A28 supports path);
   * routes carry max_stream_duration (what gRPC reads for timeouts) and a header hash
   * policy from the DestinationRule; clusters are EDS over ADS with RING_HASH and HTTP/2
   * upstream options (port named grpc); the subset's assignment keeps only endpoints
   * labelled version=v1.
   */
  test("mesh grpc", () => {
    const w = world(
      [
        service("greeter", [{ name: "grpc", port: 9090 }]),
        {
          apiVersion: "gateway.networking.k8s.io/v1",
          kind: "GRPCRoute",
          metadata: { name: "greeter", namespace: "default" },
          spec: {
            parentRefs: [{ group: "", kind: "Service", name: "greeter", port: 9090 }],
            rules: [{ matches: [{ method: { service: "helloworld.Greeter", method: "SayHello" } }], backendRefs: [{ name: "greeter", port: 9090 }] }],
          },
        },
      ],
      [{ hostname: "greeter.default.svc.cluster.local", port: 9090, endpoints: [{ address: "10.1.0.1", port: 9090, labels: { version: "v1" } }, { address: "10.1.0.2", port: 9090, labels: { version: "v2" }, weight: 2 }] }],
    );
    w.destinationRules.set({
      metadata: { name: "greeter", namespace: "default" },
      spec: { host: "greeter", trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: "x-user" } } }, subsets: [{ name: "v1", labels: { version: "v1" } }] },
    });
    golden("mesh-grpc", w);
  });
});
