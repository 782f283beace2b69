import { describe, expect, it } from "vitest";
import { parseObject } from "../parse-object.js";
import { checkKind } from "../test-support.js";

const tcpRoute = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "TCPRoute",
  metadata: { name: "tcp", namespace: "default" },
  spec: {
    parentRefs: [{ name: "gateway", namespace: "istio-system", sectionName: "tcp", port: 34000 }],
    useDefaultGateways: "None",
    rules: [{ name: "r", backendRefs: [{ name: "db", port: 5432, weight: 1 }] }],
  },
};

describe("TCPRoute", () => {
  checkKind({
    object: tcpRoute,
    nested: [["spec"], ["spec", "parentRefs", 0], ["spec", "rules", 0], ["spec", "rules", 0, "backendRefs", 0]],
    wrongTypes: [
      { path: ["spec", "rules", 0, "backendRefs", 0, "port"], value: "5432" },
      { path: ["spec", "parentRefs", 0, "port"], value: "tcp" },
    ],
  });

  it("accepts v1alpha2 and requires rules", () => {
    const v1alpha2 = { ...tcpRoute, apiVersion: "gateway.networking.k8s.io/v1alpha2" };
    expect(parseObject(v1alpha2, { source: "t" }).ok).toBe(true);
    const result = parseObject({ ...tcpRoute, spec: {} }, { source: "t" });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(["spec.rules"]);
  });
});
