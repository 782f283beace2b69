import { describe, expect, expectTypeOf, it } from "vitest";
import type { Gateway } from "./gateway-api/gateway.js";
import type { IstioGateway } from "./istio/gateway.js";
import { parseObject } from "./parse-object.js";
import {
  groupKindKey,
  groupKindOf,
  groupOf,
  isKind,
  KINDS,
  lookupKind,
  objectKey,
  versionOf,
  type GroupKind,
  type KubeObject,
} from "./registry.js";

describe("registry", () => {
  it("splits apiVersions into group and version", () => {
    expect(groupOf("v1")).toBe("");
    expect(versionOf("v1")).toBe("v1");
    expect(groupOf("gateway.networking.k8s.io/v1beta1")).toBe("gateway.networking.k8s.io");
    expect(versionOf("gateway.networking.k8s.io/v1beta1")).toBe("v1beta1");
    expect(groupOf("")).toBe("");
  });

  it("keys kinds as Kubernetes prints a GroupKind", () => {
    expect(groupKindKey("", "Service")).toBe("Service");
    expect(groupKindKey("networking.istio.io", "Gateway")).toBe("Gateway.networking.istio.io");
  });

  it("keys objects by namespace and name", () => {
    expect(objectKey({ metadata: { name: "a", namespace: "ns" } })).toBe("ns/a");
    expect(objectKey({ metadata: { name: "istio" } })).toBe("istio");
    expect(objectKey({ metadata: { name: "a", namespace: "" } })).toBe("a");
  });

  it("has entries whose key, group, kind and apiVersions agree", () => {
    for (const [key, info] of Object.entries(KINDS)) {
      expect(groupKindKey(info.group, info.kind), key).toBe(key);
      for (const apiVersion of info.apiVersions) {
        expect(groupOf(apiVersion), key).toBe(info.group);
        const found = lookupKind(apiVersion, info.kind);
        expect(found.found && found.info, key).toBe(info);
      }
    }
    expect(Object.keys(KINDS)).toHaveLength(25);
  });

  it("checks every accepted apiVersion against the schema's own apiVersion list", () => {
    // A schema that rejected an apiVersion the registry accepts would report it as a
    // field error; check that each pairing agrees by parsing a minimal object that is
    // wrong only in its spec, and looking for an apiVersion complaint.
    for (const [key, info] of Object.entries(KINDS)) {
      for (const apiVersion of info.apiVersions) {
        const result = parseObject({ apiVersion, kind: info.kind, metadata: { name: "x" }, spec: 1 }, { source: key });
        const paths = result.ok ? [] : result.errors.map((e) => e.path);
        expect(paths, `${key} ${apiVersion}`).not.toContain("apiVersion");
        expect(paths, `${key} ${apiVersion}`).not.toContain("kind");
      }
    }
  });

  it("tells unknown kinds from unaccepted versions", () => {
    expect(lookupKind("example.com/v1", "Widget")).toEqual({
      found: false,
      reason: "unknown-kind",
      message: "unknown kind Widget in group example.com",
    });
    expect(lookupKind("networking.istio.io/v2", "VirtualService")).toMatchObject({ found: false, reason: "unsupported-version" });
    expect(lookupKind("v1", "constructor")).toMatchObject({ found: false, reason: "unknown-kind" });
  });

  it("narrows the union by group and kind", () => {
    const result = parseObject(
      { apiVersion: "networking.istio.io/v1", kind: "Gateway", metadata: { name: "g" }, spec: { servers: [] } },
      { source: "t" },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const obj: KubeObject = result.object;
    expect(groupKindOf(obj)).toBe("Gateway.networking.istio.io");
    if (isKind(obj, "Gateway.networking.istio.io")) {
      expectTypeOf(obj).toEqualTypeOf<IstioGateway>();
      expect(obj.spec?.servers).toEqual([]);
    }
    if (obj.kind === "Gateway") expectTypeOf(obj).toEqualTypeOf<Gateway | IstioGateway>();
    expect(isKind(obj, "Gateway.gateway.networking.k8s.io")).toBe(false);
    expectTypeOf<"Service">().toExtend<GroupKind>();
  });
});
