/** The helpers' semantics, as the runner evaluates them on one snapshot of statuses. */
import { describe, expect, it } from "vitest";
import { evaluate, objectKey, parseCondition, type State } from "./checks.js";
import type { Obj } from "./cluster.js";

const INFRA = "gateway-conformance-infra";

function state(...objects: Obj[]): State {
  return new Map(objects.map((o) => [objectKey(o.kind, o.metadata.namespace ?? "", o.metadata.name), o]));
}

const gateway = (conditions: object[], generation = 2): Obj => ({
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "Gateway",
  metadata: { name: "gw", namespace: INFRA, generation },
  status: { conditions, addresses: [{ type: "IPAddress", value: "10.0.0.1" }] },
});
const route = (parents: object[]): Obj => ({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "r", namespace: "other", generation: 1 }, status: { parents } });
const accepted = (observedGeneration: number) => ({ type: "Accepted", status: "True", reason: "Accepted", observedGeneration });

describe("checks", () => {
  it("a condition matches on type, and on status and reason only when given", () => {
    expect(parseCondition("Accepted=True")).toEqual({ type: "Accepted", status: "True", reason: "" });
    expect(parseCondition("ResolvedRefs=False:RefNotPermitted")).toEqual({ type: "ResolvedRefs", status: "False", reason: "RefNotPermitted" });
    expect(() => parseCondition("Accepted")).toThrow();
  });

  it("a Gateway condition of an older generation does not count, whatever its status", () => {
    expect(evaluate(state(gateway([accepted(2)])), { gatewayCondition: { gateway: "gw", condition: "Accepted=True" } })).toBeUndefined();
    expect(evaluate(state(gateway([accepted(1)])), { gatewayCondition: { gateway: "gw", condition: "Accepted=True" } })).toMatch(/observedGeneration is not 2/);
  });

  it("a route parent in another namespace must name the Gateway's namespace", () => {
    const parent = (namespace?: string) => ({
      parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", name: "gw", ...(namespace === undefined ? {} : { namespace }) },
      controllerName: "istio.io/gateway-controller",
      conditions: [{ type: "Accepted", status: "True", reason: "Accepted", observedGeneration: 1 }],
    });
    const check = { routesAccepted: { parent: "gw", kind: "HTTPRoute", routes: ["other/r"], listenerConditions: false } };
    expect(evaluate(state(gateway([accepted(2)]), route([parent(INFRA)])), check)).toBeUndefined();
    expect(evaluate(state(gateway([accepted(2)]), route([parent()])), check)).toMatch(/no parent Gateway/);
  });

  it("a listener list matches only with exactly the listeners expected", () => {
    const gw = { ...gateway([accepted(2)]), status: { conditions: [accepted(2)], listeners: [{ name: "a", attachedRoutes: 1, supportedKinds: [{ kind: "HTTPRoute" }], conditions: [] }] } };
    const want = (names: string[]) => ({ gatewayListeners: { gateway: "gw", listeners: names.map((name) => ({ name, kinds: ["HTTPRoute"], attachedRoutes: 1 })) } });
    expect(evaluate(state(gw), want(["a"]))).toBeUndefined();
    expect(evaluate(state(gw), want(["a", "b"]))).toMatch(/1 listeners in status/);
  });
});
