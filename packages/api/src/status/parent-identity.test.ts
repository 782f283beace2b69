import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GATEWAY_GROUP } from "../gateway-api/shared.js";
import { parentIdentity, type ParentRefFields } from "./parent-identity.js";
import { mergeRouteParents, type StatusRouteParent } from "./route-parents.js";

const ISTIO = "istio.io/gateway-controller";
const write = { controllerName: ISTIO, routeNamespace: "apps", now: "now" };
const accepted = (lastTransitionTime: string) => ({ type: "Accepted", status: "True" as const, reason: "Accepted", message: "", lastTransitionTime });

describe("parent identity: a parentRef field is defaulted only when absent (as Istio compares parents)", () => {
  it("absent group, kind and namespace are the Gateway API group, Gateway and the route's namespace", () => {
    expect(parentIdentity({ name: "gw" }, "apps")).toBe(parentIdentity({ group: GATEWAY_GROUP, kind: "Gateway", namespace: "apps", name: "gw" }, "apps"));
    expect(parentIdentity({ name: "gw" }, "apps")).toBe("gateway.networking.k8s.io/Gateway/gw//0.apps");
  });

  it("an empty group is the core group and an empty namespace is a namespace: neither is defaulted", () => {
    expect(parentIdentity({ group: "", kind: "Gateway", name: "gw" }, "apps")).not.toBe(parentIdentity({ name: "gw" }, "apps"));
    expect(parentIdentity({ namespace: "", name: "gw" }, "apps")).not.toBe(parentIdentity({ name: "gw" }, "apps"));
    expect(parentIdentity({ group: "", kind: "Service", name: "svc" }, "apps")).toBe("/Service/svc//0.apps");
  });

  it("an empty sectionName and an absent one both mean the whole parent; an absent port is port 0", () => {
    expect(parentIdentity({ name: "gw", sectionName: "" }, "apps")).toBe(parentIdentity({ name: "gw" }, "apps"));
    expect(parentIdentity({ name: "gw", port: 0 }, "apps")).toBe(parentIdentity({ name: "gw" }, "apps"));
    expect(parentIdentity({ name: "gw", sectionName: "http" }, "apps")).not.toBe(parentIdentity({ name: "gw" }, "apps"));
  });

  it("spelling out the defaults of absent fields never changes the identity", () => {
    const field = fc.option(fc.string({ maxLength: 8 }), { nil: undefined });
    const ref = fc.record({ group: field, kind: field, namespace: field, name: fc.string({ maxLength: 8 }), sectionName: field, port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }) });
    fc.assert(
      fc.property(ref, fc.string({ minLength: 1, maxLength: 8 }), (r: ParentRefFields, namespace) => {
        const spelled = { ...r, group: r.group ?? GATEWAY_GROUP, kind: r.kind ?? "Gateway", namespace: r.namespace ?? namespace, sectionName: r.sectionName ?? "", port: r.port ?? 0 };
        expect(parentIdentity(spelled, namespace)).toBe(parentIdentity(r, namespace));
      }),
    );
  });

  it("an existing entry of ours for the core group's 'Gateway' is not our entry for the Gateway: it is pruned, not merged", () => {
    const existing: StatusRouteParent[] = [{ parentRef: { group: "", kind: "Gateway", name: "gw" }, controllerName: ISTIO, conditions: [accepted("t0")] }];
    const ours: StatusRouteParent[] = [{ parentRef: { name: "gw" }, controllerName: ISTIO, conditions: [{ type: "Accepted", status: "True", reason: "Accepted", message: "" }] }];
    expect(mergeRouteParents(existing, ours, write)).toEqual([{ parentRef: { name: "gw" }, controllerName: ISTIO, conditions: [accepted("now")] }]);
  });

  it("an existing entry of ours whose namespace is empty is not our entry for the route's namespace", () => {
    const existing: StatusRouteParent[] = [{ parentRef: { namespace: "", name: "gw" }, controllerName: ISTIO, conditions: [accepted("t0")] }];
    const ours: StatusRouteParent[] = [{ parentRef: { name: "gw" }, controllerName: ISTIO, conditions: [{ type: "Accepted", status: "True", reason: "Accepted", message: "" }] }];
    expect(mergeRouteParents(existing, ours, write).map((p) => p.conditions?.[0]?.lastTransitionTime)).toEqual(["now"]);
  });
});
