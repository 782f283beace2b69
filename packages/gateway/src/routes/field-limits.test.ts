import { describe, expect, it } from "vitest";
import { limitProblem } from "../model/crd-limits.js";
import { ruleFieldProblem } from "./field-limits.js";
import type { RouteRule } from "./http-rules.js";
import { translateWithRule } from "./rule-check-support.js";

const http = (rule: Record<string, unknown>) => ({ kind: "HTTPRoute", ...rule }) as RouteRule;
const grpc = (rule: Record<string, unknown>) => ({ kind: "GRPCRoute", ...rule }) as RouteRule;
const modifier = (m: Record<string, unknown>) => ({ filters: [{ type: "RequestHeaderModifier", requestHeaderModifier: m }] });

describe("string fields outside the route CRDs' limits", () => {
  it("an empty header match name is reported as UnsupportedValue on its field, and its rule is not emitted (the others are)", () => {
    const { accepted, routeNames } = translateWithRule({ matches: [{ headers: [{ name: "", value: "v" }] }] });
    expect(accepted).toMatchObject({ status: "False", reason: "UnsupportedValue" });
    expect(accepted.message).toBe('rule 1 ("bad"): spec.rules[1].matches[0].headers[0].name must not be empty; the rule is not programmed');
    expect(routeNames).toEqual(["apps.r.0"]);
  });

  it("a header to add longer than the CRD's 4,096 characters is refused before it becomes a header Envoy refuses", () => {
    const { accepted } = translateWithRule(modifier({ add: [{ name: "x-a", value: "h".repeat(4097) }] }));
    expect(accepted.message).toContain("spec.rules[1].filters[0].requestHeaderModifier.add[0].value is 4097 characters long, more than 4096");
  });

  it.each([
    ["a header name with a space", http({ matches: [{ headers: [{ name: "x y", value: "v" }] }] }), "spec.rules[0].matches[0].headers[0].name"],
    ["a query parameter value of 1,025 characters", http({ matches: [{ queryParams: [{ name: "q", value: "v".repeat(1025) }] }] }), "spec.rules[0].matches[0].queryParams[0].value"],
    ["a header name of 257 characters to set", http(modifier({ set: [{ name: "x".repeat(257), value: "v" }] })), "spec.rules[0].filters[0].requestHeaderModifier.set[0].name"],
    ["an empty header name to remove", http({ filters: [{ type: "ResponseHeaderModifier", responseHeaderModifier: { remove: [""] } }] }), "spec.rules[0].filters[0].responseHeaderModifier.remove[0]"],
    ["a redirect hostname in upper case", http({ filters: [{ type: "RequestRedirect", requestRedirect: { hostname: "Example.com" } }] }), "spec.rules[0].filters[0].requestRedirect.hostname"],
    ["a rewrite path of 1,025 characters", http({ filters: [{ type: "URLRewrite", urlRewrite: { path: { type: "ReplaceFullPath", replaceFullPath: "/" + "p".repeat(1024) } } }] }), "spec.rules[0].filters[0].urlRewrite.path.replaceFullPath"],
    ["a CORS origin without a scheme", http({ filters: [{ type: "CORS", cors: { allowOrigins: ["example.com"] } }] }), "spec.rules[0].filters[0].cors.allowOrigins[0]"],
    ["a backend's filter", http({ backendRefs: [{ name: "svc", filters: [{ type: "RequestHeaderModifier", requestHeaderModifier: { add: [{ name: "x", value: "" }] } }] }] }), "spec.rules[0].backendRefs[0].filters[0].requestHeaderModifier.add[0].value"],
    ["an exact gRPC service with a slash", grpc({ matches: [{ method: { service: "a/b", method: "M" } }] }), "spec.rules[0].matches[0].method.service"],
    ["an exact gRPC method with a dot", grpc({ matches: [{ method: { type: "Exact", service: "pkg.Svc", method: "a.b" } }] }), "spec.rules[0].matches[0].method.method"],
    ["a gRPC header value of a number", grpc({ matches: [{ headers: [{ name: "x", value: 7 }] }] }), "spec.rules[0].matches[0].headers[0].value"],
  ])("%s is refused", (_what, rule, field) => {
    expect(ruleFieldProblem(rule, 0)?.field).toBe(field);
  });

  it("values inside the limits pass, and a regex gRPC method is only length-checked", () => {
    const rule = http({
      matches: [{ headers: [{ name: "X-Env_1~", value: "a b" }], queryParams: [{ name: "q", value: "1" }] }],
      filters: [
        { type: "RequestHeaderModifier", requestHeaderModifier: { set: [{ name: "x", value: "v".repeat(4096) }], remove: ["x-old"] } },
        { type: "RequestRedirect", requestRedirect: { hostname: "a.example.com", path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/new" } } },
        { type: "CORS", cors: { allowOrigins: ["*", "https://*.example.com:8443"], allowHeaders: ["x-a"] } },
      ],
    });
    expect(ruleFieldProblem(rule, 0)).toBeUndefined();
    expect(ruleFieldProblem(grpc({ matches: [{ method: { type: "RegularExpression", service: "pkg\\..*", method: "Get.*" } }] }), 0)).toBeUndefined();
  });

  it("an absent value is left to the checks that know its default", () => {
    expect(limitProblem(undefined, { min: 1, max: 1 })).toBeUndefined();
  });
});
