import { describe, expect, it } from "vitest";
import { parseObject } from "../parse-object.js";
import { checkKind } from "../test-support.js";

const policy = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "BackendTLSPolicy",
  metadata: { name: "tls-upstream", namespace: "default" },
  spec: {
    targetRefs: [{ group: "", kind: "Service", name: "echo", sectionName: "https" }],
    validation: {
      caCertificateRefs: [{ group: "", kind: "ConfigMap", name: "auth-cert" }],
      hostname: "auth.example.com",
      subjectAltNames: [{ type: "Hostname", hostname: "auth.example.com" }, { type: "URI", uri: "spiffe://td/ns/a/sa/b" }],
    },
    options: { "example.com/x": "y" },
  },
  status: {
    ancestors: [
      {
        ancestorRef: { group: "gateway.networking.k8s.io", kind: "Gateway", name: "gateway", namespace: "istio-system" },
        controllerName: "istio.io/gateway-controller",
        conditions: [{ type: "Accepted", status: "True", lastTransitionTime: "fake", reason: "Accepted", message: "" }],
      },
    ],
  },
};

describe("BackendTLSPolicy", () => {
  checkKind({
    object: policy,
    nested: [
      ["spec"],
      ["spec", "targetRefs", 0],
      ["spec", "validation"],
      ["spec", "validation", "caCertificateRefs", 0],
      ["spec", "validation", "subjectAltNames", 1],
      ["status"],
      ["status", "ancestors", 0],
      ["status", "ancestors", 0, "ancestorRef"],
    ],
    wrongTypes: [
      { path: ["spec", "validation", "hostname"], value: 1 },
      { path: ["spec", "targetRefs", 0, "sectionName"], value: 443 },
      { path: ["spec", "validation", "wellKnownCACertificates"], value: true },
    ],
  });

  it("accepts v1alpha3 and the well-known CA set instead of references", () => {
    const validation = { wellKnownCACertificates: "System", hostname: "x.example.com" };
    const v1alpha3 = { ...policy, apiVersion: "gateway.networking.k8s.io/v1alpha3", spec: { ...policy.spec, validation } };
    expect(parseObject(v1alpha3, { source: "t" }).ok).toBe(true);
  });

  it("requires targetRefs and validation", () => {
    const result = parseObject({ ...policy, spec: {} }, { source: "t" });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(["spec.targetRefs", "spec.validation"]);
  });
});
