import { describe, expect, it } from "vitest";
import { mergeConditions, type StatusCondition } from "./conditions.js";
import { mergeRouteParents, type StatusRouteParent } from "./route-parents.js";

const ISTIO = "istio.io/gateway-controller";
const cond = (type: string, status: StatusCondition["status"] = "True", lastTransitionTime = "t0"): StatusCondition => ({ type, status, reason: type, message: "m", lastTransitionTime });
const full = (name: string) => ({ group: "gateway.networking.k8s.io", kind: "Gateway", name, namespace: "istio-system" });
const ours = (name: string): StatusRouteParent => ({ parentRef: { name }, controllerName: ISTIO, conditions: [cond("Accepted", "True", "now"), cond("ResolvedRefs", "True", "now")] });

describe("mergeRouteParents", () => {
  it("keeps other controllers' entries untouched and in place", () => {
    const other: StatusRouteParent = { parentRef: full("not-istio"), controllerName: "example.com/other", conditions: [cond("dummy")] };
    const merged = mergeRouteParents([other], [ours("gateway")], { controllerName: ISTIO, routeNamespace: "istio-system", now: "now" });
    expect(merged[0]).toBe(other);
    expect(merged[1]?.parentRef).toEqual({ name: "gateway" });
  });

  it("updates our entry in place, recognising a parentRef written with defaults spelled out", () => {
    const existing: StatusRouteParent[] = [
      { parentRef: full("gateway"), controllerName: ISTIO, conditions: [cond("dummy")] },
      { parentRef: full("not-istio"), controllerName: "example.com/other", conditions: [cond("dummy")] },
    ];
    const merged = mergeRouteParents(existing, [ours("gateway")], { controllerName: ISTIO, routeNamespace: "istio-system", now: "now" });
    expect(merged.map((p) => p.controllerName)).toEqual([ISTIO, "example.com/other"]);
    expect(merged[0]!.conditions?.map((c) => c.type)).toEqual(["dummy", "Accepted", "ResolvedRefs"]);
    expect(merged[0]!.parentRef).toEqual({ name: "gateway" });
  });

  it("prunes an entry of ours for a parent we no longer handle", () => {
    const existing: StatusRouteParent[] = [
      { parentRef: full("gateway"), controllerName: ISTIO, conditions: [] },
      { parentRef: full("not-istio"), controllerName: ISTIO, conditions: [] },
    ];
    expect(mergeRouteParents(existing, [ours("gateway")], { controllerName: ISTIO, routeNamespace: "istio-system", now: "now" }).map((p) => p.parentRef.name)).toEqual(["gateway"]);
  });

  it("does not match parents in another namespace or section", () => {
    const existing: StatusRouteParent[] = [{ parentRef: { ...full("gateway"), namespace: "elsewhere" }, controllerName: ISTIO, conditions: [] }];
    expect(mergeRouteParents(existing, [ours("gateway")], { controllerName: ISTIO, routeNamespace: "istio-system", now: "now" }).map((p) => p.parentRef)).toEqual([{ name: "gateway" }]);
    const sections: StatusRouteParent[] = [{ parentRef: { name: "gateway", sectionName: "a" }, controllerName: ISTIO, conditions: [] }];
    expect(mergeRouteParents(sections, [ours("gateway")], { controllerName: ISTIO, routeNamespace: "istio-system", now: "now" }).length).toBe(1);
  });
});

describe("mergeConditions", () => {
  it("replaces by type, keeps the transition time when the status is unchanged, appends new types", () => {
    const merged = mergeConditions([cond("Accepted", "True", "t0"), cond("Other", "True", "t0"), cond("ResolvedRefs", "False", "t0")], [cond("Accepted", "True", "t1"), cond("ResolvedRefs", "True", "t1"), cond("Programmed", "True", "t1")], "now");
    expect(merged.map((c) => [c.type, c.lastTransitionTime])).toEqual([
      ["Accepted", "t0"],
      ["Other", "t0"],
      ["ResolvedRefs", "t1"],
      ["Programmed", "t1"],
    ]);
  });
});
