/**
 * What proxyless gRPC clients read differs from Envoy's output where older or stricter
 * clients would NACK Envoy's form: header matchers (gRFC A28, not string_match), weighted
 * clusters (total_weight), regexes (RE2-checked), and actions gRPC cannot perform.
 */
import { describe, expect, test } from "vitest";
import { backend, gateway, gatewayClass, httpListener, httpRoute, parent, service } from "../fixtures.js";
import type { RouteConfiguration } from "../gen/envoy/config/route/v3/route_pb.js";
import { GRPC_SCOPE, gatewayScope } from "../resource.js";
import { world } from "../test-support.js";
import { virtualServiceRoutes } from "./http-routes.js";
import type { RouteContext } from "./route-context.js";

const grpcRoute = (rules: object[]) => ({
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "GRPCRoute",
  metadata: { name: "greeter", namespace: "default" },
  spec: { parentRefs: [{ group: "", kind: "Service", name: "greeter", port: 9090 }], rules },
});
const services = [service("greeter", [{ name: "grpc", port: 9090 }]), service("v1", [{ name: "grpc", port: 9090 }]), service("v2", [{ name: "grpc", port: 9090 }])];

function grpcRoutes(rules: object[]) {
  const w = world([...services, grpcRoute(rules)]);
  const r = w.xds.routes.list().find((x) => x.scope === GRPC_SCOPE && x.name === "outbound|9090||greeter.default.svc.cluster.local");
  return { config: r?.message as RouteConfiguration, problems: r?.problems ?? [] };
}

describe("routes for proxyless gRPC clients", () => {
  test("header matches use gRFC A28's exact_match / safe_regex_match / present_match, not string_match", () => {
    const { config } = grpcRoutes([
      {
        matches: [{ headers: [{ name: "x-exact", value: "1" }, { type: "RegularExpression", name: "x-re", value: "v[0-9]+" }] }],
        backendRefs: [{ name: "greeter", port: 9090 }],
      },
    ]);
    const headers = config.virtualHosts[0]?.routes[0]?.match?.headers.map((h) => [h.name, h.headerMatchSpecifier.case, h.headerMatchSpecifier.value]);
    expect(headers).toEqual([
      ["x-exact", "exactMatch", "1"],
      ["x-re", "safeRegexMatch", expect.objectContaining({ regex: "v[0-9]+" })],
    ]);
  });

  test("Envoy's header matches stay string_match", () => {
    const w = world([gatewayClass(), gateway("gw", [httpListener("http", 80)]), service("a"), httpRoute("r", { parentRefs: [parent("gw")], rules: [{ matches: [{ headers: [{ name: "x", value: "1" }] }], backendRefs: [backend("a")] }] })]);
    const config = w.xds.routes.list().find((x) => x.scope === gatewayScope("gw-istio.istio-system.svc.cluster.local"))?.message as RouteConfiguration;
    expect(config.virtualHosts[0]?.routes[0]?.match?.headers[0]?.headerMatchSpecifier.case).toBe("stringMatch");
  });

  test("a 1:1 split carries total_weight equal to the sum of the weights", () => {
    const { config } = grpcRoutes([{ backendRefs: [{ name: "v1", port: 9090 }, { name: "v2", port: 9090 }] }]);
    const action = config.virtualHosts[0]?.routes[0]?.action;
    expect(action?.case).toBe("route");
    const specifier = action?.case === "route" ? action.value.clusterSpecifier : undefined;
    expect(specifier?.case).toBe("weightedClusters");
    if (specifier?.case !== "weightedClusters") return;
    expect(specifier.value.clusters.map((c) => c.weight)).toEqual([1, 1]);
    expect(specifier.value.totalWeight).toBe(2);
  });

  test("Envoy's weighted clusters have no total_weight (Envoy sums them; the field is deprecated)", () => {
    const w = world([gatewayClass(), gateway("gw", [httpListener("http", 80)]), service("a"), service("b"), httpRoute("r", { parentRefs: [parent("gw")], rules: [{ backendRefs: [backend("a", 80, 3), backend("b", 80, 1)] }] })]);
    const config = w.xds.routes.list().find((x) => x.scope === gatewayScope("gw-istio.istio-system.svc.cluster.local"))?.message as RouteConfiguration;
    const action = config.virtualHosts[0]?.routes[0]?.action;
    expect(action?.case === "route" && action.value.clusterSpecifier.case === "weightedClusters" ? action.value.clusterSpecifier.value.totalWeight : "none").toBeUndefined();
  });
});

function context(flavour: "envoy" | "grpc", problems: string[]): RouteContext {
  return {
    flavour,
    listenPort: 80,
    isTls: false,
    gatewaySemantics: false,
    namespace: "default",
    domainSuffix: "cluster.local",
    defaultRetries: null,
    servicePorts: () => [80],
    consistentHash: () => undefined,
    report: (p) => problems.push(p),
  };
}
const vs = (http: object[]) => ({ metadata: { name: "v", namespace: "ns" }, spec: { hosts: ["a"], http } });

describe("routes written by hand", () => {
  test("a route whose regex RE2 rejects is left out and reported with its field; the others stay", () => {
    const problems: string[] = [];
    const routes = virtualServiceRoutes(
      vs([
        { name: "bad-header", match: [{ headers: { x: { regex: "(a)\\1" } } }], route: [{ destination: { host: "a" } }] },
        { name: "bad-rewrite", match: [{ uri: { prefix: "/r" } }], rewrite: { uriRegexRewrite: { match: "(?=x)", rewrite: "/" } }, route: [{ destination: { host: "a" } }] },
        { name: "good", match: [{ uri: { regex: "/ok/.*" } }], route: [{ destination: { host: "a" } }] },
      ]),
      new Set(["mesh"]),
      context("envoy", problems),
    );
    expect(routes.map((r) => r.name)).toEqual(["good"]);
    expect(problems).toEqual([
      expect.stringContaining('VirtualService ns/v http[0] ("bad-header"): match.headers[0].string_match.safe_regex: "(a)\\\\1" is not a valid RE2'),
      expect.stringContaining('VirtualService ns/v http[1] ("bad-rewrite"): route.regex_rewrite.pattern'),
    ]);
  });

  test("redirects, direct responses and query matches are reported for gRPC clients only", () => {
    const http = [
      { name: "moved", match: [{ uri: { prefix: "/old" } }], redirect: { uri: "/new" } },
      { name: "teapot", match: [{ uri: { prefix: "/tea" } }], directResponse: { status: 418 } },
      { name: "query", match: [{ queryParams: { q: { exact: "1" } } }], route: [{ destination: { host: "a" } }] },
    ];
    const envoyProblems: string[] = [];
    virtualServiceRoutes(vs(http), new Set(["mesh"]), context("envoy", envoyProblems));
    expect(envoyProblems).toEqual([]);
    const grpcProblems: string[] = [];
    const routes = virtualServiceRoutes(vs(http), new Set(["mesh"]), context("grpc", grpcProblems));
    // Still emitted: the problem is for the operator, and the routes keep their place.
    expect(routes).toHaveLength(3);
    expect(grpcProblems).toEqual([
      expect.stringMatching(/http\[0\] \("moved"\): gRPC clients cannot follow a redirect/),
      expect.stringMatching(/http\[1\] \("teapot"\): gRPC clients cannot answer with a direct response/),
      expect.stringMatching(/http\[2\] \("query"\): gRPC clients skip routes that match query parameters/),
    ]);
  });
});

describe("case-insensitive paths for gRPC clients", () => {
  test("ignoreUriCase becomes an RE2 (?i) regex, never case_sensitive=false (which gRFC A28 clients NACK)", () => {
    const problems: string[] = [];
    const routes = virtualServiceRoutes(
      vs([
        { name: "exact", match: [{ uri: { exact: "/svc.A/M" }, ignoreUriCase: true }], route: [{ destination: { host: "a" } }] },
        { name: "prefix", match: [{ uri: { prefix: "/svc." }, ignoreUriCase: true }], route: [{ destination: { host: "a" } }] },
        { name: "regex", match: [{ uri: { regex: "/a|/b" }, ignoreUriCase: true }], route: [{ destination: { host: "a" } }] },
      ]),
      new Set(["mesh"]),
      context("grpc", problems),
    );
    expect(routes.map((r) => [r.match?.caseSensitive, r.match?.pathSpecifier])).toEqual([
      [true, { case: "safeRegex", value: { regex: "(?i)/svc\\.A/M" } }],
      [true, { case: "safeRegex", value: { regex: "(?i)/svc\\..*" } }],
      [true, { case: "safeRegex", value: { regex: "(?i)(?:/a|/b)" } }],
    ]);
    expect(problems).toEqual([]);
    // Envoy keeps the flag.
    const envoy = virtualServiceRoutes(vs([{ match: [{ uri: { exact: "/x" }, ignoreUriCase: true }], route: [{ destination: { host: "a" } }] }]), new Set(["mesh"]), context("envoy", []));
    expect(envoy[0]?.match?.caseSensitive).toBe(false);
  });
});
