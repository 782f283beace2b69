import { describe } from "vitest";
import { checkKind } from "../test-support.js";

describe("XBackend", () => {
  checkKind({
    object: {
      apiVersion: "gateway.networking.x-k8s.io/v1alpha1",
      kind: "XBackend",
      metadata: { name: "external-https", namespace: "default" },
      spec: {
        type: "ExternalHostname",
        externalHostname: { hostname: "secure.example.net" },
        port: { port: 443, name: "https" },
        protocol: "HTTP",
        tls: {
          mode: "ClientAndServer",
          clientCertificateRef: { kind: "Secret", name: "client", group: "" },
          validation: { caCertificateRefs: [{ kind: "ConfigMap", name: "ca", group: "" }], hostname: "secure.example.net" },
        },
      },
      status: {
        parents: [
          {
            controllerName: "istio.io/gateway-controller",
            parentRef: { name: "gateway", namespace: "istio-system" },
            conditions: [{ type: "Accepted", status: "False", lastTransitionTime: "fake", reason: "Invalid", message: "no" }],
          },
        ],
      },
    },
    nested: [
      ["spec"],
      ["spec", "externalHostname"],
      ["spec", "port"],
      ["spec", "tls"],
      ["spec", "tls", "clientCertificateRef"],
      ["spec", "tls", "validation"],
      ["status", "parents", 0],
      ["status", "parents", 0, "parentRef"],
    ],
    wrongTypes: [
      { path: ["spec", "port", "port"], value: "443" },
      { path: ["spec", "port"], value: 443, message: /^expected a mapping, got number 443$/ },
      { path: ["spec", "tls", "mode"], value: 1 },
    ],
  });
});
