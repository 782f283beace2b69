import { staticCollection } from "@weft/krt";
import { describe, expect, test } from "vitest";
import type { RouteConfiguration } from "../gen/envoy/config/route/v3/route_pb.js";
import { RouteConfigurationSchema } from "../gen/envoy/config/route/v3/route_pb.js";
import { ClusterSchema } from "../gen/envoy/config/cluster/v3/cluster_pb.js";
import { create } from "@bufbuild/protobuf";
import { xdsResource, type XdsResource } from "../resource.js";
import { CLUSTER_TYPE, ROUTE_TYPE } from "../resource-types.js";
import { withoutInvalidRoutes } from "./invalid-routes.js";
import { validatedResources } from "./validated-resources.js";
import { resourceViolations } from "./validate-resource.js";

const route = (name: string, headerName = "x-ok") => ({
  name,
  match: { pathSpecifier: { case: "prefix" as const, value: "/" }, headers: [{ name: headerName, headerMatchSpecifier: { case: "presentMatch" as const, value: true } }] },
  action: { case: "route" as const, value: { clusterSpecifier: { case: "cluster" as const, value: "c" } } },
});

function routeConfiguration(hosts: { domains: string[]; routes: ReturnType<typeof route>[] }[]): XdsResource {
  const message = create(RouteConfigurationSchema, { name: "http.80", virtualHosts: hosts.map((h, i) => ({ name: `vh${i}`, ...h })) });
  return xdsResource(RouteConfigurationSchema, { typeUrl: ROUTE_TYPE, scope: "gateway:gw", name: "http.80" }, message);
}
const routeNames = (r: XdsResource | undefined) => (r?.message as RouteConfiguration | undefined)?.virtualHosts.map((h) => h.routes.map((x) => x.name));

describe("a RouteConfiguration with some routes Envoy would reject", () => {
  test("is served without those routes; every other route, in every virtual host, stays", () => {
    const resource = routeConfiguration([
      { domains: ["a.example.com"], routes: [route("a1"), route("a2", ""), route("a3")] },
      { domains: ["b.example.com"], routes: [route("b1", ""), route("b2")] },
    ]);
    expect(resourceViolations(resource).map((v) => v.path)).toEqual(["virtual_hosts[0].routes[1].match.headers[0].name", "virtual_hosts[1].routes[0].match.headers[0].name"]);
    const pruned = withoutInvalidRoutes(resource, resourceViolations(resource));
    expect(routeNames(pruned)).toEqual([["a1", "a3"], ["b2"]]);
    expect(resourceViolations(pruned!)).toEqual([]);
    expect(pruned!.version).not.toBe(resource.version);
    expect(pruned!.problems).toEqual(["2 route(s) Envoy would reject left out"]);
  });

  test("a violation outside every route (a virtual host without domains) holds the whole configuration back", () => {
    const resource = routeConfiguration([{ domains: [], routes: [route("a1", "")] }]);
    expect(withoutInvalidRoutes(resource, resourceViolations(resource))).toBeUndefined();
  });

  test("other resource types are never pruned", () => {
    const cluster = xdsResource(ClusterSchema, { typeUrl: CLUSTER_TYPE, scope: "", name: "c" }, create(ClusterSchema, { name: "c", connectTimeout: { seconds: 0n, nanos: 0 } }));
    expect(resourceViolations(cluster)).not.toEqual([]);
    expect(withoutInvalidRoutes(cluster, resourceViolations(cluster))).toBeUndefined();
  });

  test("the gate serves the pruned configuration, and the full one again once the route is fixed", () => {
    const built = staticCollection<XdsResource>([routeConfiguration([{ domains: ["*"], routes: [route("ok"), route("bad", "")] }])], { key: (r) => r.key });
    const served = validatedResources(built);
    const key = built.list()[0]!.key;
    expect(routeNames(served.get(key))).toEqual([["ok"]]);
    built.set(routeConfiguration([{ domains: ["*"], routes: [route("ok"), route("bad", "x-fixed")] }]));
    expect(routeNames(served.get(key))).toEqual([["ok", "bad"]]);
  });
});
