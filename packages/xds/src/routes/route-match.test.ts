import { describe, expect, test } from "vitest";
import { isCatchAll, translateRouteMatch } from "./route-match.js";
import { create } from "@bufbuild/protobuf";
import { RouteMatchSchema } from "../gen/envoy/config/route/v3/route_components_pb.js";
import { xdsRegistry } from "../json.js";
import { validateMessage } from "../validate/validate-message.js";

describe("route matches", () => {
  test("no match matches every path by prefix", () => {
    const m = translateRouteMatch(undefined, true, "envoy");
    expect(m).toEqual({ pathSpecifier: { case: "prefix", value: "/" } });
    expect(isCatchAll(m)).toBe(true);
  });

  test("exact and regex paths keep their kind", () => {
    expect(translateRouteMatch({ uri: { exact: "/a" } }, true, "envoy").pathSpecifier).toEqual({ case: "path", value: "/a" });
    expect(translateRouteMatch({ uri: { regex: "/a/[0-9]+" } }, true, "envoy").pathSpecifier).toEqual({ case: "safeRegex", value: { regex: "/a/[0-9]+" } });
  });

  test("gateway prefixes match whole segments (path_separated_prefix, trailing slash dropped)", () => {
    expect(translateRouteMatch({ uri: { prefix: "/api/" } }, true, "envoy").pathSpecifier).toEqual({ case: "pathSeparatedPrefix", value: "/api" });
    // Plain Istio semantics keep a character prefix.
    expect(translateRouteMatch({ uri: { prefix: "/api" } }, false, "envoy").pathSpecifier).toEqual({ case: "prefix", value: "/api" });
  });

  test("a segment prefix Envoy's path_separated_prefix rule refuses is written as the equivalent regex", () => {
    // Each of these as path_separated_prefix breaks the rule (checked: the control below).
    expect(validateMessage(RouteMatchSchema, create(RouteMatchSchema, { pathSpecifier: { case: "pathSeparatedPrefix", value: "/a?b" } }), xdsRegistry())).not.toEqual([]);
    for (const prefix of ["(?<", "/a?b", "/a#", "//", "x"]) {
      const p = translateRouteMatch({ uri: { prefix } }, true, "envoy").pathSpecifier;
      expect(p?.case, prefix).toBe("safeRegex");
      expect(validateMessage(RouteMatchSchema, create(RouteMatchSchema, { pathSpecifier: p }), xdsRegistry())).toEqual([]);
    }
    const re = new RegExp(`^${(translateRouteMatch({ uri: { prefix: "/a?b" } }, true, "envoy").pathSpecifier as { value: { regex: string } }).value.regex}$`);
    expect([re.test("/a?b"), re.test("/a?b/c"), re.test("/a?bc"), re.test("/ab")]).toEqual([true, true, false, false]);
  });

  test("gRPC clients get segment prefixes as an equivalent regex (they reject path_separated_prefix)", () => {
    const p = translateRouteMatch({ uri: { prefix: "/pkg.Svc" } }, true, "grpc").pathSpecifier;
    expect(p).toEqual({ case: "safeRegex", value: { regex: "/pkg\\.Svc(/.*)?" } });
    const re = new RegExp(`^${(p as { value: { regex: string } }).value.regex}$`);
    expect(["/pkg.Svc", "/pkg.Svc/Method"].every((s) => re.test(s))).toBe(true);
    expect(["/pkg.SvcX/Method", "/pkgxSvc/M"].some((s) => re.test(s))).toBe(false);
  });

  test("headers are sorted by name; method, authority and scheme become pseudo-header matches after them", () => {
    const m = translateRouteMatch({ headers: { "x-b": { exact: "1" }, "x-a": { prefix: "p" } }, method: { exact: "GET" } }, true, "envoy");
    expect(m.headers?.map((h) => h.name)).toEqual(["x-a", "x-b", ":method"]);
    expect(m.headers?.[0]?.headerMatchSpecifier).toEqual({ case: "stringMatch", value: { matchPattern: { case: "prefix", value: "p" } } });
  });

  test("a regex of * means the header is present", () => {
    expect(translateRouteMatch({ headers: { x: { regex: "*" } } }, true, "envoy").headers?.[0]).toEqual({ name: "x", headerMatchSpecifier: { case: "presentMatch", value: true } });
  });

  test("withoutHeaders invert the match and treat a missing header as empty", () => {
    expect(translateRouteMatch({ withoutHeaders: { x: { exact: "1" } } }, true, "envoy").headers?.[0]).toMatchObject({ name: "x", invertMatch: true, treatMissingHeaderAsEmpty: true });
  });

  test("query parameters are matched by name, in name order", () => {
    const m = translateRouteMatch({ queryParams: { b: { exact: "2" }, a: { regex: "x.*" } } }, true, "envoy");
    expect(m.queryParameters?.map((q) => q.name)).toEqual(["a", "b"]);
    expect(isCatchAll(m)).toBe(false);
  });

  test("ignoreUriCase turns case sensitivity off", () => {
    expect(translateRouteMatch({ ignoreUriCase: true }, true, "envoy").caseSensitive).toBe(false);
    expect(translateRouteMatch({}, true, "envoy").caseSensitive).toBe(true);
  });
});
