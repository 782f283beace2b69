import { describe, expect, it } from "vitest";
import { parseObject } from "./parse-object.js";

describe("parseObject", () => {
  it("labels errors with the caller's source, document and line", () => {
    const result = parseObject({ apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: "80" } }, {
      source: "informer/services",
      documentIndex: 4,
      line: 12,
    });
    expect(result.ok ? [] : result.errors).toEqual([
      {
        source: "informer/services",
        documentIndex: 4,
        line: 12,
        path: "spec.ports",
        message: 'expected a list, got string "80"',
        kind: "Service",
        name: "s",
      },
    ]);
  });

  it("does not expand Lists, and says where they are expanded", () => {
    const result = parseObject({ apiVersion: "v1", kind: "List", items: [] }, { source: "x" });
    expect(result.ok ? [] : result.errors.map((e) => [e.documentIndex, e.path, e.message])).toEqual([
      [0, "kind", "List is a list; lists are expanded by loadManifests, not parsed as one object"],
    ]);
  });

  it("reports every identity problem at once and stops before the schema", () => {
    const result = parseObject({ apiVersion: "", kind: 3, metadata: { name: 5 } }, { source: "x" });
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.message])).toEqual([
      ["apiVersion", "must not be empty"],
      ["kind", "expected a string, got number 3"],
    ]);
  });

  it("returns a new object and leaves its input alone", () => {
    const input = { apiVersion: "v1", kind: "Namespace", metadata: { name: "n", labels: null }, extra: { a: 1 } };
    const snapshot = structuredClone(input);
    const result = parseObject(input, { source: "x" });
    expect(result.ok && result.object).toEqual({ apiVersion: "v1", kind: "Namespace", metadata: { name: "n" }, extra: { a: 1 } });
    expect(input).toEqual(snapshot);
  });
});
