import { describe, expect, it } from "vitest";
import { parseObject } from "../parse-object.js";
import { checkKind } from "../test-support.js";

const virtualService = {
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "vs", namespace: "default" },
  spec: {
    hosts: ["web.example.com"],
    gateways: ["istio-system/gw", "mesh"],
    exportTo: ["."],
    http: [
      {
        name: "main",
        match: [
          {
            name: "m",
            uri: { prefix: "/api" },
            scheme: { exact: "https" },
            method: { exact: "GET" },
            authority: { regex: ".*" },
            headers: { "x-env": { exact: "prod" } },
            queryParams: { q: { regex: "^a" } },
            withoutHeaders: { "x-debug": { exact: "1" } },
            port: 80,
            sourceLabels: { app: "a" },
            gateways: ["mesh"],
            ignoreUriCase: true,
            sourceNamespace: "default",
            statPrefix: "p",
          },
        ],
        route: [
          {
            destination: { host: "web.default.svc.cluster.local", subset: "v1", port: { number: 80 } },
            weight: 90,
            headers: { request: { set: { a: "b" }, add: { c: "d" }, remove: ["e"] }, response: { remove: ["f"] } },
          },
          { destination: {}, weight: 10 },
        ],
        rewrite: { uri: "/", authority: "internal", uriRegexRewrite: { match: "^/a", rewrite: "/b" } },
        timeout: "10s",
        retries: { attempts: 3, perTryTimeout: "2s", retryOn: "5xx", retryRemoteLocalities: true, backoff: "25ms" },
        fault: { delay: { fixedDelay: "5s", percentage: { value: 0.1 } }, abort: { httpStatus: 503, percentage: { value: 1 } } },
        mirror: { host: "mirror" },
        mirrors: [{ destination: { host: "m2" }, percentage: { value: 50 } }],
        mirrorPercentage: { value: 12.5 },
        corsPolicy: { allowOrigins: [{ exact: "https://a" }], allowMethods: ["GET"], maxAge: "24h", allowCredentials: true, unmatchedPreflights: "IGNORE" },
        headers: { request: { set: { x: "y" } } },
      },
      { redirect: { uri: "/new", authority: "b", port: 8080, scheme: "https", redirectCode: 301 } },
      { directResponse: { status: 503, body: { string: "unavailable" } } },
      { delegate: { name: "child", namespace: "team" } },
    ],
    tls: [{ match: [{ sniHosts: ["a.example.com"], port: 443, destinationSubnets: ["10.0.0.0/8"] }], route: [{ destination: { host: "a" } }] }],
    tcp: [{ match: [{ port: 34000, sourceSubnet: "1.2.3.0/24" }], route: [{ destination: { host: "db", port: { number: 5432 } }, weight: 100 }] }],
  },
};

describe("VirtualService", () => {
  checkKind({
    object: virtualService,
    nested: [
      ["spec"],
      ["spec", "http", 0],
      ["spec", "http", 0, "match", 0],
      ["spec", "http", 0, "match", 0, "uri"],
      ["spec", "http", 0, "match", 0, "headers", "x-env"],
      ["spec", "http", 0, "route", 0],
      ["spec", "http", 0, "route", 0, "destination"],
      ["spec", "http", 0, "route", 0, "destination", "port"],
      ["spec", "http", 0, "route", 0, "headers", "request"],
      ["spec", "http", 0, "rewrite", "uriRegexRewrite"],
      ["spec", "http", 0, "retries"],
      ["spec", "http", 0, "fault", "delay", "percentage"],
      ["spec", "http", 0, "corsPolicy", "allowOrigins", 0],
      ["spec", "http", 1, "redirect"],
      ["spec", "http", 2, "directResponse", "body"],
      ["spec", "tls", 0, "match", 0],
      ["spec", "tcp", 0, "route", 0, "destination"],
    ],
    wrongTypes: [
      { path: ["spec", "http", 0, "route", 0, "weight"], value: "90" },
      { path: ["spec", "http", 0, "match", 0, "headers", "x-env", "exact"], value: 1 },
      { path: ["spec", "http", 0, "route", 0, "destination", "port", "number"], value: "80" },
      { path: ["spec", "http", 0, "mirrorPercentage", "value"], value: "12.5" },
      { path: ["spec", "http", 2, "directResponse", "status"], value: "503" },
      { path: ["spec", "tls", 0, "match", 0, "sniHosts"], value: "a.example.com" },
      { path: ["spec", "tcp", 0, "match", 0, "port"], value: 34000.5 },
    ],
  });

  it("keeps a route to an empty destination, as Istio writes for an invalid backend", () => {
    const result = parseObject(virtualService, { source: "t" });
    expect(result.ok && result.object.kind === "VirtualService" && result.object.spec?.http?.[0]?.route?.[1]).toEqual({
      destination: {},
      weight: 10,
    });
  });
});
