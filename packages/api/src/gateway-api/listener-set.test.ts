import { describe, expect, it } from "vitest";
import { parseObject } from "../parse-object.js";
import { checkKind } from "../test-support.js";

const listenerSet = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "ListenerSet",
  metadata: { name: "extra", namespace: "apps" },
  spec: {
    parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", name: "parent", namespace: "istio-system" },
    listeners: [
      { name: "first", hostname: "first.foo.com", protocol: "HTTP", port: 80, allowedRoutes: { namespaces: { from: "All" } } },
    ],
  },
  status: {
    conditions: [{ type: "Accepted", status: "True", lastTransitionTime: "fake", reason: "Accepted", message: "" }],
    listeners: [{ name: "first", attachedRoutes: 0, supportedKinds: [{ kind: "HTTPRoute" }] }],
  },
};

describe("ListenerSet", () => {
  checkKind({
    object: listenerSet,
    nested: [["spec"], ["spec", "parentRef"], ["spec", "listeners", 0], ["status"], ["status", "listeners", 0]],
    wrongTypes: [
      { path: ["spec", "listeners", 0, "port"], value: "80" },
      { path: ["spec", "parentRef", "name"], value: 1 },
      { path: ["status", "listeners", 0, "attachedRoutes"], value: [] },
    ],
  });

  it("lets a listener leave its port to the protocol's default", () => {
    const portless = structuredClone(listenerSet);
    delete (portless.spec.listeners[0] as { port?: number }).port;
    const result = parseObject(portless, { source: "t" });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("still rejects a port that is not an integer", () => {
    const fractional = structuredClone(listenerSet);
    fractional.spec.listeners[0]!.port = 80.5;
    const result = parseObject(fractional, { source: "t" });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(["spec.listeners[0].port"]);
  });

  it("is also known as XListenerSet in the experimental group", () => {
    const x = { ...listenerSet, apiVersion: "gateway.networking.x-k8s.io/v1alpha1", kind: "XListenerSet" };
    const result = parseObject(x, { source: "t" });
    expect(result.ok && result.object.kind).toBe("XListenerSet");
  });

  it("does not take the experimental kind name in the standard group", () => {
    const result = parseObject({ ...listenerSet, kind: "XListenerSet" }, { source: "t" });
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
      "unknown kind XListenerSet in group gateway.networking.k8s.io",
    ]);
  });
});
