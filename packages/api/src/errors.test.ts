import { describe, expect, it } from "vitest";
import { describeValue, formatManifestError, formatPath } from "./errors.js";

describe("errors", () => {
  it("writes paths as people read them", () => {
    expect(formatPath([])).toBe("");
    expect(formatPath(["spec", "listeners", 0, "port"])).toBe("spec.listeners[0].port");
    expect(formatPath(["metadata", "annotations", "example.com/x"])).toBe('metadata.annotations["example.com/x"]');
    expect(formatPath(["items", 2, "x-weft", "a b"])).toBe('items[2].x-weft["a b"]');
  });

  it("describes values briefly", () => {
    expect(describeValue("x".repeat(100))).toBe(`string "${"x".repeat(40)}…"`);
    expect(describeValue(3)).toBe("number 3");
    expect(describeValue(null)).toBe("null");
    expect(describeValue([1])).toBe("a list");
    expect(describeValue({})).toBe("a mapping");
    expect(describeValue(undefined)).toBe("undefined");
  });

  it("formats an error with or without line, item and identity", () => {
    expect(formatManifestError({ source: "a.yaml", documentIndex: 0, path: "", message: "m" })).toBe("a.yaml: document 0: m");
    expect(
      formatManifestError({ source: "a.yaml", documentIndex: 3, line: 10, itemIndex: 1, path: "items[1].kind", message: "m", kind: "Service", name: "s" }),
    ).toBe("a.yaml:10: document 3 item 1, Service s: items[1].kind: m");
  });
});
