import { describe, expect, it } from "vitest";
import { parseObject } from "../parse-object.js";
import { checkKind } from "../test-support.js";

const tlsRoute = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "TLSRoute",
  metadata: { name: "tls", namespace: "default" },
  spec: {
    parentRefs: [{ name: "gateway", namespace: "istio-system" }],
    hostnames: ["foo.example.com"],
    rules: [{ backendRefs: [{ name: "backend", port: 443 }] }],
  },
};

describe("TLSRoute", () => {
  checkKind({
    object: tlsRoute,
    nested: [["spec"], ["spec", "rules", 0], ["spec", "rules", 0, "backendRefs", 0]],
    wrongTypes: [
      { path: ["spec", "hostnames"], value: "foo.example.com", message: /^expected a list, got string/ },
      { path: ["spec", "rules", 0, "backendRefs", 0, "name"], value: 443 },
    ],
  });

  it.each(["v1alpha2", "v1alpha3"])("accepts %s", (version) => {
    const result = parseObject({ ...tlsRoute, apiVersion: `gateway.networking.k8s.io/${version}` }, { source: "t" });
    expect(result.ok).toBe(true);
  });
});
