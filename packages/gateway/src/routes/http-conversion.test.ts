import { describe, expect, it } from "vitest";
import type { HTTPRoute } from "../model/istio.js";
import { parseDuration, protoDuration } from "./durations.js";
import { corsOrigin } from "./http-filters.js";
import { grpcMatch, istioMatch } from "./http-matches.js";
import { convertRule, type RuleContext } from "./http-rules.js";
import { comparePrecedence, sortByPrecedence } from "./http-sort.js";
import { hostsOverlap, hostSubsetOf, isolationAllows } from "./hostnames.js";

const RULE: RuleContext = { routeName: "r", namespace: "ns", domainSuffix: "cluster.local" };

describe("HTTP matches", () => {
  it("map path types, headers, query parameters and method", () => {
    expect(istioMatch({ path: { type: "Exact", value: "/a" }, headers: [{ name: "x", value: "1" }, { type: "RegularExpression", name: "y", value: "v.*" }], queryParams: [{ name: "q", value: "z" }], method: "GET" })).toEqual({
      uri: { exact: "/a" },
      headers: { x: { exact: "1" }, y: { regex: "v.*" } },
      queryParams: { q: { exact: "z" } },
      method: { exact: "GET" },
    });
    expect(istioMatch({ path: {} })).toEqual({ uri: { prefix: "/" } });
  });

  it("gRPC methods become URI matches", () => {
    expect(grpcMatch({ method: { service: "svc" } }).uri).toEqual({ prefix: "/svc/" });
    expect(grpcMatch({ method: { service: "svc", method: "M" } }).uri).toEqual({ exact: "/svc/M" });
    expect(grpcMatch({ method: { method: "M" } }).uri).toEqual({ regex: "/[^/]+/M" });
    expect(grpcMatch({ method: { type: "RegularExpression", service: "s.*" } }).uri).toEqual({ regex: "/s.*/[^/]+" });
  });
});

describe("HTTP rules", () => {
  it("one route per match, named by rule name or namespace.route.index", () => {
    const routes = convertRule({ kind: "HTTPRoute", matches: [{ path: { value: "/a" } }, { path: { value: "/b" } }] }, 3, [], RULE);
    expect(routes.map((r) => [r.name, r.match])).toEqual([
      ["ns.r.3", [{ uri: { prefix: "/a" } }]],
      ["ns.r.3", [{ uri: { prefix: "/b" } }]],
    ]);
    expect(convertRule({ kind: "HTTPRoute", name: "named" }, 0, [], RULE)[0]).toEqual({ name: "named" });
  });

  it("timeouts prefer backendRequest; retries default to two attempts", () => {
    const [r] = convertRule({ kind: "HTTPRoute", timeouts: { request: "2s", backendRequest: "1500ms" }, retry: { codes: [503] } }, 0, [], RULE);
    expect(r!.timeout).toBe("1.5s");
    expect(r!.retries).toEqual({ attempts: 2, retryOn: "connect-failure,refused-stream,unavailable,cancelled,503" });
  });

  it("a redirect keeps the request's port unless a scheme change implies the scheme's default", () => {
    const redirect = (requestRedirect: Record<string, unknown>) => convertRule({ kind: "HTTPRoute", filters: [{ type: "RequestRedirect", requestRedirect }] }, 0, undefined, RULE)[0]!.redirect;
    expect(redirect({ hostname: "a.example.com" })).toEqual({ authority: "a.example.com", redirectCode: 302 });
    expect(redirect({ scheme: "https", port: 8443 })).toEqual({ scheme: "https", port: 8443, redirectCode: 302 });
    expect(redirect({ scheme: "https" })?.derivePort).toBe("FROM_PROTOCOL_DEFAULT");
  });

  it("a redirect replaces the route's destinations", () => {
    const [r] = convertRule({ kind: "HTTPRoute", filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https" } }] }, 0, [{ destination: { host: "x" } }], RULE);
    expect(r!.redirect).toEqual({ scheme: "https", derivePort: "FROM_PROTOCOL_DEFAULT", redirectCode: 302 });
    expect(r!.route).toBeUndefined();
  });

  it("durations follow GEP-2257 and print as protobuf durations", () => {
    expect(parseDuration("1h2m3s4ms")).toBe(3_723_004);
    expect(parseDuration("10")).toBeUndefined();
    expect(parseDuration("1x")).toBeUndefined();
    expect(protoDuration(1)).toBe("0.001s");
    expect(protoDuration(50_000)).toBe("50s");
  });

  it("CORS origins with wildcards become anchored regexes with dots escaped", () => {
    expect(corsOrigin("https://example.com")).toEqual({ exact: "https://example.com" });
    expect(corsOrigin("https://*.xpto.com")).toEqual({ regex: "^https://.*\\.xpto\\.com$" });
    expect("regex" in corsOrigin("*")).toBe(true);
  });
});

describe("precedence", () => {
  const route = (name: string, match?: HTTPRoute["match"]): HTTPRoute => ({ name, ...(match ? { match } : {}) });

  it("exact before prefix before regex, longer first, method, headers, query; match-less last", () => {
    const routes = [
      route("none"),
      route("regex", [{ uri: { regex: "/very/long/regex" } }]),
      route("prefix-short", [{ uri: { prefix: "/a" } }]),
      route("prefix-long", [{ uri: { prefix: "/a/b/c" } }]),
      route("exact", [{ uri: { exact: "/x" } }]),
      route("method", [{ uri: { prefix: "/a" }, method: { exact: "GET" } }]),
      route("headers", [{ uri: { prefix: "/a" }, headers: { h: { exact: "1" } } }]),
    ];
    expect(sortByPrecedence(routes).map((r) => r.name)).toEqual(["exact", "prefix-long", "method", "headers", "prefix-short", "regex", "none"]);
  });

  it("is stable for equal routes", () => {
    const a = route("a", [{ uri: { prefix: "/same" } }]);
    const b = route("b", [{ uri: { prefix: "/same" } }]);
    expect(comparePrecedence(a, b)).toBe(0);
    expect(sortByPrecedence([b, a]).map((r) => r.name)).toEqual(["b", "a"]);
  });
});

describe("host matching and isolation", () => {
  it("overlap and subset follow Istio's host names", () => {
    expect(hostsOverlap("*.example.com", "a.example.com")).toBe(true);
    expect(hostsOverlap("*.example.com", "*.a.example.com")).toBe(true);
    expect(hostsOverlap("a.example.com", "b.example.com")).toBe(false);
    expect(hostSubsetOf("*.a.example.com", "*.example.com")).toBe(true);
    expect(hostSubsetOf("*.example.com", "*.a.example.com")).toBe(false);
    expect(hostSubsetOf("a.example.com", "*.example.com")).toBe(true);
  });

  it("a wildcard listener does not serve hosts a more specific sibling owns", () => {
    const scope = { hostname: "*.example.com", siblings: ["*.example.com", "foo.example.com"] };
    expect(isolationAllows("bar.example.com", scope)).toBe(true);
    expect(isolationAllows("foo.example.com", scope)).toBe(false);
    expect(isolationAllows("other.org", scope)).toBe(false);
    expect(isolationAllows("anything", { hostname: "specific.example.com", siblings: [] })).toBe(true);
  });
});
