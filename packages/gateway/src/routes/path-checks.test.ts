import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { translate } from "../translate.js";
import type { InputObject } from "../model/resources.js";
import { MAX_PATH_VALUE_LENGTH, pathMatchProblem, rulePathProblem } from "./path-checks.js";

const gateway = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "Gateway",
  metadata: { name: "gw", namespace: "infra" },
  spec: { gatewayClassName: "istio", addresses: [{ type: "Hostname", value: "ingress" }], listeners: [{ name: "http", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "All" } } }] },
};
const service = (name: string, namespace: string) => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { ports: [{ port: 80 }] } });
const routeWithPath = (path: unknown) => ({
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "HTTPRoute",
  metadata: { name: "r", namespace: "apps" },
  spec: {
    parentRefs: [{ name: "gw", namespace: "infra" }],
    rules: [
      { matches: [{ path: { value: "/ok" } }], backendRefs: [{ name: "svc", port: 80 }] },
      { name: "bad", matches: [{ path }], backendRefs: [{ name: "svc", port: 80 }] },
    ],
  },
});

function translated(path: unknown) {
  const result = translate([gateway, service("ingress", "infra"), service("svc", "apps"), routeWithPath(path)] as InputObject[], { domainSuffix: "cluster.local" });
  const status = result.statuses.find((s) => s.kind === "HTTPRoute")?.status as { parents: { conditions: { type: string; status: string; reason: string; message: string }[] }[] };
  const accepted = status.parents[0]!.conditions.find((c) => c.type === "Accepted")!;
  const http = result.virtualServices.flatMap((vs) => (vs.spec?.http ?? []) as { name?: string }[]);
  return { accepted, routeNames: http.map((r) => r.name) };
}

describe("path matches the HTTPRoute CRD refuses", () => {
  it("a PathPrefix that is not an absolute path is reported as UnsupportedValue on the rule's path, and its rule is not emitted", () => {
    const { accepted, routeNames } = translated({ type: "PathPrefix", value: "(?<" });
    expect(accepted).toMatchObject({ status: "False", reason: "UnsupportedValue" });
    expect(accepted.message).toContain('rule 1 ("bad"): spec.rules[1].matches[0].path');
    expect(accepted.message).toContain("must be an absolute path");
    expect(routeNames).toEqual(["apps.r.0"]);
  });

  it("an absent type is the CRD's default, PathPrefix", () => {
    expect(translated({ value: "relative" }).accepted.reason).toBe("UnsupportedValue");
    expect(translated({ value: "/fine" }).accepted.reason).toBe("Accepted");
  });

  it.each([
    ["Exact", "/a//b", "must not contain '//'"],
    ["PathPrefix", "/a/./b", "must not contain '/./'"],
    ["PathPrefix", "/a/../b", "must not contain '/../'"],
    ["Exact", "/a%2fb", "must not contain '%2f'"],
    ["Exact", "/a%2Fb", "must not contain '%2F'"],
    ["PathPrefix", "/a#b", "must not contain '#'"],
    ["PathPrefix", "/a/..", "must not end with '/..'"],
    ["Exact", "/a/.", "must not end with '/.'"],
    ["PathPrefix", "/a?b", "must contain only URI path characters"],
    ["PathPrefix", "/a b", "must contain only URI path characters"],
    ["Exact", "/a%zz", "must contain only URI path characters"],
    ["Prefix", "/a", "must be one of Exact, PathPrefix, RegularExpression"],
  ])("%s %j is refused: %s", (type, value, reason) => {
    expect(pathMatchProblem(type, value)).toContain(reason);
  });

  it("values longer than the CRD's 1,024 characters are refused, of any type; a regex is otherwise left to the RE2 check", () => {
    expect(pathMatchProblem("RegularExpression", "/" + "h".repeat(MAX_PATH_VALUE_LENGTH))).toContain("more than 1024");
    expect(pathMatchProblem("PathPrefix", "/" + "h".repeat(MAX_PATH_VALUE_LENGTH - 1))).toBeUndefined();
    expect(pathMatchProblem("RegularExpression", "(?<")).toBeUndefined();
  });

  it("values the CRD accepts pass: percent-escapes, sub-delimiters, a trailing slash, dots inside segments", () => {
    for (const value of ["/", "/a/", "/a%20b", "/a.b/c..d", "/~user/!$&'()*+,;=:@", "/v1/.well-known"]) expect(pathMatchProblem("PathPrefix", value), value).toBeUndefined();
  });

  it("whatever a PathPrefix or Exact value is, it is refused or it is one Envoy accepts as a segment prefix", () => {
    const envoyPrefix = /^[^?#]+[^?#/]$/;
    fc.assert(
      fc.property(fc.constantFrom("Exact", "PathPrefix"), fc.string({ unit: fc.constantFrom("/", "a", ".", "%", "2", "f", "?", "#", " ", "é") }), (type, value) => {
        if (pathMatchProblem(type, value) !== undefined) return;
        const trimmed = value.endsWith("/") ? value.slice(0, -1) : value;
        expect(trimmed === "" || envoyPrefix.test(trimmed)).toBe(true);
      }),
    );
  });

  it("GRPCRoute rules have no path to check", () => {
    expect(rulePathProblem({ kind: "GRPCRoute", matches: [{ path: { value: "x" } }] } as never, 0)).toBeUndefined();
  });
});
