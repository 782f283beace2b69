import { fromBinary } from "@bufbuild/protobuf";
import { describe, expect, test } from "vitest";
import { backend, gateway, gatewayClass, httpListener, httpRoute, parent, service } from "./fixtures.js";
import type { RouteConfiguration } from "./gen/envoy/config/route/v3/route_pb.js";
import { RouteConfigurationSchema } from "./gen/envoy/config/route/v3/route_pb.js";
import { gatewayScope } from "./resource.js";
import { world } from "./test-support.js";

const PROXY = gatewayScope("gw-istio.istio-system.svc.cluster.local");

function routeConfig(w: ReturnType<typeof world>, name: string): RouteConfiguration {
  const r = w.xds.routes.list().find((x) => x.scope === PROXY && x.name === name);
  if (r === undefined) throw new Error(`no route ${name}: ${w.xds.routes.list().map((x) => `${x.scope}|${x.name}`).join(", ")}`);
  return fromBinary(RouteConfigurationSchema, r.bytes);
}

const base = [gatewayClass(), gateway("gw", [httpListener("http", 80)]), service("a"), service("b"), service("c")];

describe("gateway route configurations", () => {
  test("routes keep the order the VirtualService gives them, the catch-all last", () => {
    const w = world([
      ...base,
      httpRoute("r", {
        parentRefs: [parent("gw")],
        hostnames: ["x.example.com"],
        rules: [
          { backendRefs: [backend("c")] },
          { matches: [{ path: { type: "Exact", value: "/exact" } }], backendRefs: [backend("a")] },
          { matches: [{ path: { type: "PathPrefix", value: "/longer/prefix" } }], backendRefs: [backend("b")] },
        ],
      }),
    ]);
    const vhost = routeConfig(w, "http.80").virtualHosts[0];
    expect(vhost?.name).toBe("x.example.com:80");
    expect(vhost?.domains).toEqual(["x.example.com"]);
    // The translator sorts Gateway API precedence (exact, then longer prefixes); the catch-all comes last.
    expect(vhost?.routes.map((r) => r.match?.pathSpecifier)).toEqual([
      { case: "path", value: "/exact" },
      { case: "pathSeparatedPrefix", value: "/longer/prefix" },
      { case: "prefix", value: "/" },
    ]);
  });

  test("a weighted rule becomes weighted clusters; zero weights are dropped", () => {
    const w = world([...base, httpRoute("r", { parentRefs: [parent("gw")], hostnames: ["x.example.com"], rules: [{ backendRefs: [backend("a", 80, 3), backend("b", 80, 1), backend("c", 80, 0)] }] })]);
    const action = routeConfig(w, "http.80").virtualHosts[0]?.routes[0]?.action;
    expect(action?.case).toBe("route");
    const spec = action?.case === "route" ? action.value.clusterSpecifier : undefined;
    expect(spec?.case).toBe("weightedClusters");
    expect(spec?.case === "weightedClusters" ? spec.value.clusters.map((c) => [c.name, c.weight]) : []).toEqual([
      ["outbound|80||a.default.svc.cluster.local", 3],
      ["outbound|80||b.default.svc.cluster.local", 1],
    ]);
  });

  test("hosts of several routes become one virtual host each, sorted by name", () => {
    const w = world([
      ...base,
      httpRoute("r1", { parentRefs: [parent("gw")], hostnames: ["b.example.com"], rules: [{ backendRefs: [backend("a")] }] }),
      httpRoute("r2", { parentRefs: [parent("gw")], hostnames: ["a.example.com"], rules: [{ backendRefs: [backend("b")] }] }),
    ]);
    expect(routeConfig(w, "http.80").virtualHosts.map((v) => v.name)).toEqual(["a.example.com:80", "b.example.com:80"]);
  });

  test("a port nothing routes yet answers 404 from one catch-all virtual host", () => {
    const w = world(base);
    expect(routeConfig(w, "http.80").virtualHosts).toMatchObject([{ name: "blackhole:80", domains: ["*"], routes: [] }]);
  });

  test("header mutations, rewrites, timeouts and mirrors are carried", () => {
    const w = world([
      ...base,
      httpRoute("r", {
        parentRefs: [parent("gw")],
        hostnames: ["x.example.com"],
        rules: [
          {
            matches: [{ path: { type: "PathPrefix", value: "/old" } }],
            filters: [
              { type: "RequestHeaderModifier", requestHeaderModifier: { set: [{ name: "x-set", value: "1" }], add: [{ name: "x-add", value: "2" }], remove: ["x-gone"] } },
              { type: "URLRewrite", urlRewrite: { hostname: "new.example.com", path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/new" } } },
              { type: "RequestMirror", requestMirror: { backendRef: { name: "c", port: 80 } } },
            ],
            timeouts: { request: "5s" },
            backendRefs: [backend("a")],
          },
        ],
      }),
    ]);
    const route = routeConfig(w, "http.80").virtualHosts[0]?.routes[0];
    expect(route?.requestHeadersToAdd.map((h) => [h.header?.key, h.appendAction])).toEqual([
      ["x-set", 2],
      ["x-add", 0],
    ]);
    expect(route?.requestHeadersToRemove).toEqual(["x-gone"]);
    const action = route?.action.case === "route" ? route.action.value : undefined;
    expect(action?.prefixRewrite).toBe("/new");
    expect(action?.hostRewriteSpecifier).toEqual({ case: "hostRewriteLiteral", value: "new.example.com" });
    expect(action?.timeout).toMatchObject({ seconds: 5n });
    expect(action?.requestMirrorPolicies.map((m) => m.cluster)).toEqual(["outbound|80||c.default.svc.cluster.local"]);
  });
});
