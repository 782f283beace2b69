import { describe } from "vitest";
import { checkKind } from "../test-support.js";

describe("Secret", () => {
  checkKind({
    object: {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "cert", namespace: "istio-system" },
      type: "kubernetes.io/tls",
      immutable: true,
      data: { "tls.crt": "LS0tLS1CRUdJTg==" },
      stringData: { "tls.key": "-----BEGIN PRIVATE KEY-----\n" },
    },
    nested: [],
    wrongTypes: [
      { path: ["data", "tls.crt"], value: 1 },
      { path: ["immutable"], value: "true" },
      { path: ["type"], value: ["kubernetes.io/tls"] },
    ],
  });
});
