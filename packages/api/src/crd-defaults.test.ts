/**
 * CRD defaulting as an API server applies it: `default:` values of the OpenAPI schema
 * fill absent fields, inside objects that exist, in arrays, and inside defaulted objects.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { applySchemaDefaults, crdDefaulter } from "./crd-defaults.js";

const schema = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: {
        listeners: {
          type: "array",
          items: { type: "object", properties: { allowedRoutes: { type: "object", default: { namespaces: { from: "Same" } }, properties: { namespaces: { type: "object", properties: { from: { type: "string", default: "Same" } } } } } } },
        },
        addresses: { type: "array", items: { type: "object", properties: { type: { type: "string", default: "IPAddress" }, value: { type: "string" } } } },
        tls: { type: "object", properties: { mode: { type: "string", default: "Terminate" } } },
        labels: { type: "object", additionalProperties: { type: "object", properties: { weight: { type: "integer", default: 1 } } } },
      },
    },
    status: { type: "object", default: { conditions: [{ type: "Accepted", status: "Unknown" }] } },
  },
};

const crd = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  spec: { group: "example.io", names: { kind: "Thing" }, versions: [{ name: "v1", schema: { openAPIV3Schema: schema } }] },
};

describe("CRD defaults", () => {
  it("a field absent from an object that exists gets its schema default", () => {
    const out = applySchemaDefaults({ spec: { addresses: [{}, { type: "Hostname", value: "x" }] } }, schema) as { spec: { addresses: unknown[] } };
    expect(out.spec.addresses).toEqual([{ type: "IPAddress" }, { type: "Hostname", value: "x" }]);
  });

  it("an object that is absent gets no defaults of its own fields", () => {
    const out = applySchemaDefaults({ spec: {} }, schema) as { spec: Record<string, unknown> };
    expect(out.spec.tls).toBeUndefined();
  });

  it("a defaulted object is itself defaulted, and additionalProperties values are walked", () => {
    const out = applySchemaDefaults({ spec: { listeners: [{}, { allowedRoutes: { namespaces: {} } }], labels: { a: {} } } }, schema) as { spec: { listeners: unknown[]; labels: unknown } };
    expect(out.spec.listeners).toEqual([{ allowedRoutes: { namespaces: { from: "Same" } } }, { allowedRoutes: { namespaces: { from: "Same" } } }]);
    expect(out.spec.labels).toEqual({ a: { weight: 1 } });
  });

  it("a defaulter applies its CRD's schema to its kind only, by apiVersion and kind", () => {
    const d = crdDefaulter([crd, { kind: "ConfigMap" }]);
    expect(d.kinds).toEqual(["example.io/v1 Thing"]);
    expect(d.apply({ apiVersion: "example.io/v1", kind: "Thing", spec: {} })).toMatchObject({ status: { conditions: [{ type: "Accepted" }] } });
    expect(d.apply({ apiVersion: "example.io/v2", kind: "Thing", spec: {} })).toEqual({ apiVersion: "example.io/v2", kind: "Thing", spec: {} });
  });

  it("defaulting never changes its input and never sets a prototype", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const before = JSON.stringify(value);
        const hostile = typeof value === "object" && value !== null && !Array.isArray(value) ? JSON.parse(`{"__proto__": {"polluted": true}, "spec": ${before}}`) : value;
        const out = applySchemaDefaults(hostile, schema);
        expect(JSON.stringify(value)).toBe(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        if (typeof out === "object" && out !== null) expect(Object.getPrototypeOf(out)).toBe(Array.isArray(out) ? Array.prototype : Object.prototype);
      }),
    );
  });
});
