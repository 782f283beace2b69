import { describe, expect, it } from "vitest";
import { parseObject } from "../parse-object.js";
import { checkKind } from "../test-support.js";

const grant = {
  apiVersion: "gateway.networking.k8s.io/v1beta1",
  kind: "ReferenceGrant",
  metadata: { name: "allow", namespace: "backends" },
  spec: {
    from: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", namespace: "default" }],
    to: [{ group: "", kind: "Service" }, { group: "", kind: "Secret", name: "cert" }],
  },
};

describe("ReferenceGrant", () => {
  checkKind({
    object: grant,
    nested: [["spec"], ["spec", "from", 0], ["spec", "to", 1]],
    wrongTypes: [
      { path: ["spec", "from", 0, "namespace"], value: ["default"] },
      { path: ["spec", "to", 1, "name"], value: 3 },
    ],
  });

  it.each(["v1", "v1alpha2"])("accepts %s", (version) => {
    expect(parseObject({ ...grant, apiVersion: `gateway.networking.k8s.io/${version}` }, { source: "t" }).ok).toBe(true);
  });

  it("requires from and to, and the group of each", () => {
    const result = parseObject({ ...grant, spec: { from: [{ kind: "HTTPRoute", namespace: "a" }] } }, { source: "t" });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(["spec.from[0].group", "spec.to"]);
  });
});
