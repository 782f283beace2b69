import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { hostCoveredBy, intersectHosts, resolveHostname, serverHostsFor } from "./hosts.js";

describe("hostnames", () => {
  test("a wildcard covers names under it, deeper wildcards too, and * covers everything", () => {
    expect(hostCoveredBy("a.example.com", "*.example.com")).toBe(true);
    expect(hostCoveredBy("*.a.example.com", "*.example.com")).toBe(true);
    expect(hostCoveredBy("example.com", "*.example.com")).toBe(false);
    expect(hostCoveredBy("*.example.com", "a.example.com")).toBe(false);
    expect(hostCoveredBy("anything", "*")).toBe(true);
  });

  test("intersection keeps the narrower name of each overlapping pair", () => {
    expect(intersectHosts(["*.example.com"], ["a.example.com", "b.other.com"])).toEqual(["a.example.com"]);
    expect(intersectHosts(["a.example.com"], ["*.example.com"])).toEqual(["a.example.com"]);
    expect(intersectHosts(["*"], ["x.io", "y.io"])).toEqual(["x.io", "y.io"]);
  });

  test("every name of an intersection is covered by both lists", () => {
    const label = fc.constantFrom("a", "b", "c");
    const host = fc.oneof(fc.constant("*"), fc.tuple(fc.boolean(), fc.array(label, { minLength: 1, maxLength: 3 })).map(([wild, ls]) => (wild ? `*.${ls.join(".")}` : ls.join("."))));
    fc.assert(
      fc.property(fc.array(host, { maxLength: 4 }), fc.array(host, { maxLength: 4 }), (servers, routes) =>
        intersectHosts(servers, routes).every((h) => servers.some((s) => hostCoveredBy(h, s)) && routes.some((r) => hostCoveredBy(h, r))),
      ),
    );
  });

  test("server hosts scoped to a namespace apply to that namespace only", () => {
    expect(serverHostsFor(["ns1/a.com", "*/b.com", "c.com"], "ns1")).toEqual(["a.com", "b.com", "c.com"]);
    expect(serverHostsFor(["ns1/a.com", "*/b.com"], "ns2")).toEqual(["b.com"]);
  });

  test("short names resolve to the Kubernetes Service of the namespace", () => {
    expect(resolveHostname("reviews", "bookinfo", "cluster.local")).toBe("reviews.bookinfo.svc.cluster.local");
    expect(resolveHostname("Reviews.Example.com", "x", "cluster.local")).toBe("reviews.example.com");
  });
});
