import { describe, expect, it } from "vitest";
import { parseObject } from "../parse-object.js";
import { checkKind } from "../test-support.js";

const parentStatus = {
  parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", name: "gateway", namespace: "istio-system", sectionName: "http", port: 80 },
  controllerName: "istio.io/gateway-controller",
  conditions: [{ type: "Accepted", status: "True", lastTransitionTime: "fake", reason: "Accepted", message: "Route was valid" }],
};

const httpRoute = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "HTTPRoute",
  metadata: { name: "web", namespace: "default", generation: 3, creationTimestamp: "2024-01-01T00:00:00Z" },
  spec: {
    parentRefs: [{ name: "gateway", namespace: "istio-system", sectionName: "http" }],
    hostnames: ["web.example.com"],
    rules: [
      {
        name: "main",
        matches: [
          {
            path: { type: "PathPrefix", value: "/api" },
            headers: [{ type: "Exact", name: "x-env", value: "prod" }],
            queryParams: [{ type: "RegularExpression", name: "q", value: "^a" }],
            method: "GET",
          },
        ],
        filters: [
          { type: "RequestHeaderModifier", requestHeaderModifier: { set: [{ name: "a", value: "b" }], add: [{ name: "c", value: "d" }], remove: ["e"] } },
          { type: "RequestMirror", requestMirror: { backendRef: { name: "mirror", port: 80 }, fraction: { numerator: 1, denominator: 10 } } },
          { type: "RequestRedirect", requestRedirect: { scheme: "https", hostname: "x.example.com", port: 443, statusCode: 301, path: { type: "ReplaceFullPath", replaceFullPath: "/" } } },
          { type: "URLRewrite", urlRewrite: { hostname: "internal", path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/v2" } } },
          { type: "CORS", cors: { allowOrigins: ["https://a.example"], allowCredentials: true, allowMethods: ["GET"], allowHeaders: ["x"], exposeHeaders: ["y"], maxAge: 600 } },
          { type: "ExternalAuth", externalAuth: { protocol: "HTTP", backendRef: { name: "auth", port: 9000 }, http: { path: "/check", allowedHeaders: ["a"], allowedResponseHeaders: ["b"] }, forwardBody: { maxSize: 1024 } } },
          { type: "ExtensionRef", extensionRef: { group: "example.com", kind: "Filter", name: "f" } },
        ],
        backendRefs: [
          { name: "web", port: 80, weight: 90, filters: [{ type: "ResponseHeaderModifier", responseHeaderModifier: { set: [{ name: "x", value: "1" }] } }] },
          { group: "inference.networking.k8s.io", kind: "InferencePool", name: "pool", weight: 10 },
        ],
        timeouts: { request: "10s", backendRequest: "2s" },
        retry: { codes: [500, 503], attempts: 3, backoff: "100ms" },
        sessionPersistence: { sessionName: "s", absoluteTimeout: "1h", type: "Cookie", cookieConfig: { lifetimeType: "Permanent" } },
      },
    ],
  },
  status: { parents: [parentStatus] },
};

describe("HTTPRoute", () => {
  checkKind({
    object: httpRoute,
    nested: [
      ["spec"],
      ["spec", "parentRefs", 0],
      ["spec", "rules", 0],
      ["spec", "rules", 0, "matches", 0],
      ["spec", "rules", 0, "matches", 0, "path"],
      ["spec", "rules", 0, "matches", 0, "headers", 0],
      ["spec", "rules", 0, "filters", 0, "requestHeaderModifier", "set", 0],
      ["spec", "rules", 0, "filters", 1, "requestMirror", "backendRef"],
      ["spec", "rules", 0, "filters", 2, "requestRedirect", "path"],
      ["spec", "rules", 0, "filters", 5, "externalAuth", "http"],
      ["spec", "rules", 0, "backendRefs", 0],
      ["spec", "rules", 0, "backendRefs", 0, "filters", 0],
      ["spec", "rules", 0, "timeouts"],
      ["spec", "rules", 0, "retry"],
      ["spec", "rules", 0, "sessionPersistence", "cookieConfig"],
      ["status"],
      ["status", "parents", 0],
      ["status", "parents", 0, "parentRef"],
    ],
    wrongTypes: [
      { path: ["spec", "hostnames", 0], value: 5 },
      { path: ["spec", "rules", 0, "backendRefs", 0, "port"], value: "http" },
      { path: ["spec", "rules", 0, "backendRefs", 0, "weight"], value: "90" },
      { path: ["spec", "rules", 0, "matches", 0, "headers", 0, "value"], value: false },
      { path: ["spec", "rules", 0, "filters", 1, "requestMirror", "fraction", "numerator"], value: 0.5 },
      { path: ["spec", "rules", 0, "filters", 4, "cors", "allowCredentials"], value: "yes" },
      { path: ["spec", "rules", 0, "retry", "codes", 1], value: "503" },
      { path: ["status", "parents", 0, "controllerName"], value: {} },
    ],
  });

  it("accepts v1beta1 and an empty spec", () => {
    const result = parseObject({ ...httpRoute, apiVersion: "gateway.networking.k8s.io/v1beta1", spec: {} }, { source: "t" });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("accepts the development branch's session persistence fields", () => {
    const rule = { sessionPersistence: { type: "Header", header: { name: "x-session" }, cookie: { name: "c", path: "/", lifetimeType: "Session" } } };
    const result = parseObject({ ...httpRoute, spec: { rules: [rule] } }, { source: "t" });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("requires a route status to list its parents", () => {
    const result = parseObject({ ...httpRoute, status: {} }, { source: "t" });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(["status.parents"]);
  });
});
