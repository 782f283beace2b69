/**
 * One test per protoc-gen-validate rule kind Envoy's protos use, each on a small resource
 * built the way the builders build them, breaking exactly the rule under test.
 */
import { create, type DescMessage, type MessageInitShape } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import { describe, expect, test } from "vitest";
import { ClusterSchema } from "../gen/envoy/config/cluster/v3/cluster_pb.js";
import { ClusterLoadAssignmentSchema } from "../gen/envoy/config/endpoint/v3/endpoint_pb.js";
import type { RouteSchema } from "../gen/envoy/config/route/v3/route_components_pb.js";
import { RouteConfigurationSchema } from "../gen/envoy/config/route/v3/route_pb.js";
import { HttpProtocolOptionsSchema } from "../gen/envoy/extensions/upstreams/http/v3/http_protocol_options_pb.js";
import { xdsRegistry } from "../json.js";
import { validateMessage } from "./validate-message.js";

type RouteInit = MessageInitShape<typeof RouteSchema>;

const violations = <D extends DescMessage>(schema: D, init: MessageInitShape<D>) => validateMessage(schema, create(schema, init), xdsRegistry());

const okRoute = (extra: Partial<RouteInit> = {}): RouteInit => ({ match: { pathSpecifier: { case: "prefix", value: "/" } }, action: { case: "route", value: { clusterSpecifier: { case: "cluster", value: "c" } } }, ...extra }) as RouteInit;
const routes = (...rs: RouteInit[]) => violations(RouteConfigurationSchema, { name: "r", virtualHosts: [{ name: "vh", domains: ["*"], routes: rs }] });
const cluster = (init: MessageInitShape<typeof ClusterSchema>) => violations(ClusterSchema, { name: "c", ...init });
const paths = (vs: { path: string }[]) => vs.map((v) => v.path);

describe("protoc-gen-validate rules on built resources", () => {
  test("a well-formed route configuration breaks no rule", () => {
    expect(routes(okRoute())).toEqual([]);
  });

  test("message.required: a runtime fraction without its default value", () => {
    expect(paths(routes(okRoute({ match: { pathSpecifier: { case: "prefix", value: "/" }, runtimeFraction: {} } })))).toEqual(["virtual_hosts[0].routes[0].match.runtime_fraction.default_value"]);
  });

  test("oneof required: a route without an action", () => {
    const v = routes({ match: { pathSpecifier: { case: "prefix", value: "/" } } });
    expect(v).toEqual([{ path: "virtual_hosts[0].routes[0].action", message: expect.stringContaining("is required") }]);
  });

  test("string min_len: a virtual host without a name", () => {
    const v = violations(RouteConfigurationSchema, { name: "r", virtualHosts: [{ name: "", domains: ["*"] }] });
    expect(v).toEqual([{ path: "virtual_hosts[0].name", message: "must be at least 1 characters long" }]);
  });

  test("string max_bytes: a header value option's key longer than 16 KiB", () => {
    expect(paths(routes(okRoute({ requestHeadersToAdd: [{ header: { key: "x".repeat(16385), value: "v" } }] })))).toEqual(["virtual_hosts[0].routes[0].request_headers_to_add[0].header.key"]);
  });

  test("string pattern (RE2): a path_separated_prefix ending in a slash", () => {
    const v = routes(okRoute({ match: { pathSpecifier: { case: "pathSeparatedPrefix", value: "/foo/" } } }));
    expect(v).toEqual([{ path: "virtual_hosts[0].routes[0].match.path_separated_prefix", message: expect.stringContaining("must match the pattern") }]);
    expect(routes(okRoute({ match: { pathSpecifier: { case: "pathSeparatedPrefix", value: "/foo" } } }))).toEqual([]);
  });

  test("well_known_regex HTTP_HEADER_NAME, non-strict: a newline is refused, a space is not", () => {
    const header = (name: string) => routes(okRoute({ match: { pathSpecifier: { case: "prefix", value: "/" }, headers: [{ name, headerMatchSpecifier: { case: "presentMatch", value: true } }] } }));
    expect(paths(header("a\nb"))).toEqual(["virtual_hosts[0].routes[0].match.headers[0].name"]);
    expect(header("a b")).toEqual([]);
  });

  test("well_known_regex HTTP_HEADER_NAME, strict: a space is refused; ignore_empty lets an empty one pass", () => {
    expect(paths(cluster({ upstreamHttpProtocolOptions: { overrideAutoSniHeader: "bad name" } }))).toEqual(["upstream_http_protocol_options.override_auto_sni_header"]);
    expect(cluster({ upstreamHttpProtocolOptions: { overrideAutoSniHeader: "" } })).toEqual([]);
  });

  test("well_known_regex HTTP_HEADER_VALUE, non-strict: CR or LF is refused, a tab is not", () => {
    const value = (v: string) => routes(okRoute({ requestHeadersToAdd: [{ header: { key: "x", value: v } }] }));
    expect(paths(value("a\r\nb"))).toEqual(["virtual_hosts[0].routes[0].request_headers_to_add[0].header.value"]);
    expect(value("a\tb")).toEqual([]);
  });

  test("well_known_regex HTTP_HEADER_VALUE, strict: any control character but tab is refused", () => {
    const check = (host: string) => cluster({ healthChecks: [{ timeout: { seconds: 1n }, interval: { seconds: 1n }, healthyThreshold: 1, unhealthyThreshold: 1, healthChecker: { case: "httpHealthCheck", value: { path: "/", host } } }] });
    expect(paths(check("a\u0001b"))).toEqual(["health_checks[0].http_health_check.host"]);
    expect(check("a\tb")).toEqual([]);
  });

  test("enum defined_only: a cluster-not-found response code outside the enum", () => {
    const v = routes(okRoute({ action: { case: "route", value: { clusterSpecifier: { case: "cluster", value: "c" }, clusterNotFoundResponseCode: 99 as never } } }));
    expect(paths(v)).toEqual(["virtual_hosts[0].routes[0].route.cluster_not_found_response_code"]);
  });

  test("uint32 gte/lt: a direct response status outside [200, 600)", () => {
    const status = (s: number) => routes(okRoute({ action: { case: "directResponse", value: { status: s } } }));
    expect(status(199)).toEqual([{ path: "virtual_hosts[0].routes[0].direct_response.status", message: "must be >= 200 and < 600" }]);
    expect(paths(status(600))).toEqual(["virtual_hosts[0].routes[0].direct_response.status"]);
    expect(status(200)).toEqual([]);
  });

  test("uint32 gt on a wrapper: an overprovisioning factor of zero (and an unset one passes)", () => {
    expect(paths(violations(ClusterLoadAssignmentSchema, { clusterName: "c", policy: { overprovisioningFactor: 0 } }))).toEqual(["policy.overprovisioning_factor"]);
    expect(violations(ClusterLoadAssignmentSchema, { clusterName: "c", policy: {} })).toEqual([]);
  });

  test("uint32 lte: a socket address port above 65535", () => {
    const v = violations(ClusterLoadAssignmentSchema, { clusterName: "c", endpoints: [{ lbEndpoints: [{ hostIdentifier: { case: "endpoint", value: { address: { address: { case: "socketAddress", value: { address: "10.0.0.1", portSpecifier: { case: "portValue", value: 70000 } } } } } } }] }] });
    expect(paths(v)).toEqual(["endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value"]);
  });

  test("double gte/lte: a panic threshold above 100 percent", () => {
    expect(paths(cluster({ commonLbConfig: { healthyPanicThreshold: { value: 150 } } }))).toEqual(["common_lb_config.healthy_panic_threshold.value"]);
  });

  test("duration gt: a zero connect timeout", () => {
    expect(cluster({ connectTimeout: { seconds: 0n, nanos: 0 } })).toEqual([{ path: "connect_timeout", message: "must be > 0s" }]);
    expect(cluster({ connectTimeout: { seconds: 1n } })).toEqual([]);
  });

  test("duration required and gt: a retry back-off without a base interval, or a zero one", () => {
    const backOff = (baseInterval?: { seconds: bigint }) => paths(routes(okRoute({ action: { case: "route", value: { clusterSpecifier: { case: "cluster", value: "c" }, retryPolicy: { retryBackOff: baseInterval === undefined ? {} : { baseInterval } } } } })));
    expect(backOff()).toEqual(["virtual_hosts[0].routes[0].route.retry_policy.retry_back_off.base_interval"]);
    expect(backOff({ seconds: 0n })).toEqual(["virtual_hosts[0].routes[0].route.retry_policy.retry_back_off.base_interval"]);
    expect(backOff({ seconds: 1n })).toEqual([]);
  });

  test("duration gte, inside an Any: an HTTP/2 keepalive interval under 1ms in typed protocol options", () => {
    const options = create(HttpProtocolOptionsSchema, { upstreamProtocolOptions: { case: "explicitHttpConfig", value: { protocolConfig: { case: "http2ProtocolOptions", value: { connectionKeepalive: { interval: { nanos: 1000 }, timeout: { seconds: 1n } } } } } } });
    const v = cluster({ typedExtensionProtocolOptions: { "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": anyPack(HttpProtocolOptionsSchema, options) } });
    expect(v).toEqual([
      {
        path: 'typed_extension_protocol_options["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]<envoy.extensions.upstreams.http.v3.HttpProtocolOptions>.explicit_http_config.http2_protocol_options.connection_keepalive.interval',
        message: "must be >= 0.001s",
      },
    ]);
  });

  test("repeated min_items: a virtual host without domains", () => {
    expect(violations(RouteConfigurationSchema, { name: "r", virtualHosts: [{ name: "vh", domains: [] }] })).toEqual([{ path: "virtual_hosts[0].domains", message: "must have at least 1 items" }]);
  });

  test("repeated max_items: more than 1000 headers to add", () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ header: { key: `h${i}`, value: "v" } }));
    expect(paths(routes(okRoute({ requestHeadersToAdd: many })))).toEqual(["virtual_hosts[0].routes[0].request_headers_to_add"]);
  });

  test("repeated items: an empty header name to remove", () => {
    expect(paths(routes(okRoute({ requestHeadersToRemove: ["ok", ""] })))).toEqual(["virtual_hosts[0].routes[0].request_headers_to_remove[1]"]);
  });

  test("map keys: filter metadata under an empty key", () => {
    expect(cluster({ metadata: { filterMetadata: { "": {} } } })).toEqual([{ path: 'metadata.filter_metadata[""] (key)', message: "must be at least 1 characters long" }]);
  });

  test("map min_pairs: a virtual host matcher's exact-match map without entries", () => {
    const v = violations(RouteConfigurationSchema, {
      name: "r",
      virtualHosts: [{ name: "vh", domains: ["*"], matcher: { matcherType: { case: "matcherTree", value: { input: { name: "in", typedConfig: { typeUrl: "type.googleapis.com/x.Unknown" } }, treeType: { case: "exactMatchMap", value: { map: {} } } } } } }],
    });
    expect(v).toEqual([{ path: "virtual_hosts[0].matcher.matcher_tree.exact_match_map.map", message: "must have at least 1 entries" }]);
  });

  test("any.required: a typed extension config without its config", () => {
    expect(paths(cluster({ loadBalancingPolicy: { policies: [{ typedExtensionConfig: { name: "x" } }] } }))).toEqual(["load_balancing_policy.policies[0].typed_extension_config.typed_config"]);
  });
});
