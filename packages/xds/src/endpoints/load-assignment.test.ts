import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { HealthStatus } from "../gen/envoy/config/core/v3/health_check_pb.js";
import type { EndpointInput } from "../model.js";
import { loadAssignment } from "./load-assignment.js";

const ep = (address: string, zone?: string, extra: Partial<EndpointInput> = {}): EndpointInput => ({ address, port: 8080, ...(zone === undefined ? {} : { locality: { region: "r", zone } }), ...extra });

describe("load assignments", () => {
  test("endpoints are grouped by locality, each weighted by the sum of its endpoints", () => {
    const cla = loadAssignment("c", [ep("10.0.0.2", "b"), ep("10.0.0.1", "a", { weight: 3 }), ep("10.0.0.3", "a")], undefined);
    expect(cla.endpoints.map((l) => [l.locality?.zone, l.loadBalancingWeight, l.lbEndpoints.length])).toEqual([
      ["a", 4, 2],
      ["b", 1, 1],
    ]);
  });

  test("a subset keeps only endpoints with all its labels", () => {
    const cla = loadAssignment("c", [ep("10.0.0.1", "a", { labels: { v: "1", x: "y" } }), ep("10.0.0.2", "a", { labels: { v: "2" } })], { v: "1" });
    expect(cla.endpoints.flatMap((l) => l.lbEndpoints).length).toBe(1);
  });

  test("unhealthy endpoints are sent as such; unusable weights become 1", () => {
    const cla = loadAssignment("c", [ep("10.0.0.1", "a", { healthy: false, weight: 0 }), ep("10.0.0.2", "a", { weight: 2.5 })], undefined);
    const lb = cla.endpoints[0]?.lbEndpoints ?? [];
    expect(lb.map((e) => [e.healthStatus, e.loadBalancingWeight])).toEqual([
      [HealthStatus.UNHEALTHY, 1],
      [HealthStatus.HEALTHY, 1],
    ]);
  });

  test("locality weights add up to the endpoint weights, whatever the input order", () => {
    const endpoint = fc.record({ address: fc.ipV4(), port: fc.integer({ min: 1, max: 65535 }), weight: fc.integer({ min: 1, max: 100 }), locality: fc.record({ zone: fc.constantFrom("a", "b", "c") }) });
    fc.assert(
      fc.property(fc.array(endpoint, { maxLength: 20 }), (eps) => {
        const cla = loadAssignment("c", eps, undefined);
        const total = cla.endpoints.reduce((s, l) => s + (l.loadBalancingWeight ?? 0), 0);
        const reversed = loadAssignment("c", [...eps].reverse(), undefined);
        return total === eps.reduce((s, e) => s + e.weight, 0) && JSON.stringify(reversed.endpoints.map((l) => l.loadBalancingWeight)) === JSON.stringify(cla.endpoints.map((l) => l.loadBalancingWeight));
      }),
    );
  });
});
