import { describe, expect, it } from "vitest";
import { parseObject } from "../parse-object.js";
import { checkKind } from "../test-support.js";

const condition = {
  type: "Programmed",
  status: "True",
  lastTransitionTime: "fake",
  reason: "Programmed",
  message: "Resource programmed",
};

const gateway = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "Gateway",
  metadata: { name: "gateway", namespace: "istio-system", annotations: { "example.com/x": "y" } },
  spec: {
    gatewayClassName: "istio",
    addresses: [{ type: "Hostname", value: "istio-ingressgateway" }, { type: "IPAddress" }],
    listeners: [
      {
        name: "https",
        hostname: "*.example.com",
        port: 443,
        protocol: "HTTPS",
        tls: {
          mode: "Terminate",
          certificateRefs: [{ group: "", kind: "Secret", name: "cert", namespace: "other" }],
          options: { "example.com/min-tls": "1.2" },
        },
        allowedRoutes: {
          namespaces: { from: "Selector", selector: { matchLabels: { env: "prod" }, matchExpressions: [{ key: "tier", operator: "In", values: ["a"] }] } },
          kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }],
        },
      },
    ],
    infrastructure: {
      labels: { l: "v" },
      annotations: { a: "b" },
      parametersRef: { group: "", kind: "ConfigMap", name: "gw-options" },
    },
    allowedListeners: { namespaces: { from: "Same" } },
    tls: {
      backend: { clientCertificateRef: { name: "client-cert" } },
      frontend: {
        default: { validation: { caCertificateRefs: [{ group: "", kind: "ConfigMap", name: "ca" }], mode: "AllowValidOnly" } },
        perPort: [{ port: 443, tls: { validation: { caCertificateRefs: [{ group: "", kind: "ConfigMap", name: "ca2", namespace: "x" }] } } }],
      },
    },
    defaultScope: "All",
  },
  status: {
    addresses: [{ type: "IPAddress", value: "1.2.3.4" }],
    conditions: [condition],
    listeners: [
      {
        name: "https",
        supportedKinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }],
        attachedRoutes: 2,
        conditions: [condition],
      },
    ],
    attachedListenerSets: 1,
  },
};

describe("Gateway (Gateway API)", () => {
  checkKind({
    object: gateway,
    nested: [
      ["spec"],
      ["spec", "addresses", 0],
      ["spec", "listeners", 0],
      ["spec", "listeners", 0, "tls"],
      ["spec", "listeners", 0, "tls", "certificateRefs", 0],
      ["spec", "listeners", 0, "allowedRoutes", "namespaces", "selector"],
      ["spec", "listeners", 0, "allowedRoutes", "kinds", 0],
      ["spec", "infrastructure", "parametersRef"],
      ["spec", "tls", "frontend", "default", "validation"],
      ["status"],
      ["status", "listeners", 0],
      ["status", "listeners", 0, "conditions", 0],
    ],
    wrongTypes: [
      { path: ["spec", "listeners", 0, "port"], value: "443", message: /^expected a number, got string "443"$/ },
      { path: ["spec", "listeners", 0, "port"], value: 44.3, message: /^expected an integer, got number 44.3$/ },
      { path: ["spec", "listeners", 0, "hostname"], value: 7 },
      { path: ["spec", "listeners", 0, "tls", "options", "example.com/min-tls"], value: 1.2 },
      { path: ["spec", "listeners", 0, "allowedRoutes", "kinds"], value: { kind: "HTTPRoute" }, message: /^expected a list, got a mapping$/ },
      { path: ["spec", "tls", "frontend", "perPort", 0, "port"], value: true },
      { path: ["status", "listeners", 0, "attachedRoutes"], value: "2" },
      { path: ["status", "addresses", 0, "value"], value: null, message: /^missing required field/ },
    ],
  });

  it("requires gatewayClassName and listeners", () => {
    const result = parseObject({ ...gateway, spec: {} }, { source: "t" });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(["spec.gatewayClassName", "spec.listeners"]);
  });

  it("quotes keys that are not identifiers in paths", () => {
    const result = parseObject(
      { ...gateway, metadata: { ...gateway.metadata, labels: { "app.kubernetes.io/name": 3 } } },
      { source: "t" },
    );
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['metadata.labels["app.kubernetes.io/name"]']);
  });
});
