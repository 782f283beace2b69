import { describe } from "vitest";
import { checkKind } from "../test-support.js";

describe("ConfigMap", () => {
  checkKind({
    object: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "auth-cert", namespace: "default" },
      data: { "ca.crt": "-----BEGIN CERTIFICATE-----\n" },
      binaryData: { blob: "AAEC" },
      immutable: false,
    },
    nested: [],
    wrongTypes: [
      { path: ["data", "ca.crt"], value: { pem: "x" } },
      { path: ["binaryData"], value: "AAEC" },
    ],
  });
});
