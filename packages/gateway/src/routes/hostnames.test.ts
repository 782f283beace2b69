import { describe, expect, it } from "vitest";
import { intersectHost, routeHostsOnListener } from "./hostnames.js";

describe("hostname intersection", () => {
  it("keeps equal hosts and any host under a missing or * listener hostname", () => {
    expect(intersectHost("a.example.com", "a.example.com")).toBe("a.example.com");
    expect(intersectHost(undefined, "a.example.com")).toBe("a.example.com");
    expect(intersectHost("*", "a.example.com")).toBe("a.example.com");
    expect(intersectHost("a.example.com", "b.example.com")).toBeNull();
  });

  it("a wildcard on one side serves the specific host of the other", () => {
    expect(intersectHost("*.wild.example.com", "foo.wild.example.com")).toBe("foo.wild.example.com");
    expect(intersectHost("foo.wild.example.com", "*.wild.example.com")).toBe("foo.wild.example.com");
    expect(intersectHost("*.wild.example.com", "wild.example.com")).toBeNull();
  });

  it("two wildcards intersect to the narrower", () => {
    expect(intersectHost("*.example.com", "*.a.example.com")).toBe("*.a.example.com");
    expect(intersectHost("*.a.example.com", "*.example.com")).toBe("*.a.example.com");
    expect(intersectHost("*.a.com", "*.b.com")).toBeNull();
  });

  it("a route without hostnames serves * (the listener's server limits the hosts)", () => {
    expect(routeHostsOnListener("example.com", [])).toEqual(["*"]);
    expect(routeHostsOnListener(undefined, [])).toEqual(["*"]);
    expect(routeHostsOnListener("*.wild.example.com", ["foo.wild.example.com", "x.other.com", "bar.wild.example.com"])).toEqual(["foo.wild.example.com", "bar.wild.example.com"]);
  });
});
