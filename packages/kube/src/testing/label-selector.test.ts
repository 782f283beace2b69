import { describe, expect, it } from "vitest";
import { parseLabelSelector } from "./label-selector.js";

describe("label selectors as the API server reads them", () => {
  const labels = { app: "web", tier: "front", env: "prod" };
  it.each([
    ["", true],
    ["app=web", true],
    ["app==web", true],
    ["app=db", false],
    ["app!=db", true],
    ["missing!=x", true],
    ["app=web,tier=front", true],
    ["app=web,tier=back", false],
    ["env in (prod, staging)", true],
    ["env notin (prod)", false],
    ["missing notin (x)", true],
    ["tier", true],
    ["!tier", false],
    ["!missing", true],
  ])("%s → %s", (selector, expected) => {
    expect(parseLabelSelector(selector)(labels)).toBe(expected);
  });

  it("treats an object without labels as having none", () => {
    expect(parseLabelSelector("app=web")(undefined)).toBe(false);
    expect(parseLabelSelector("!app")(undefined)).toBe(true);
  });

  it("rejects what it cannot read rather than matching everything", () => {
    expect(() => parseLabelSelector("a in b")).toThrow(/unparseable/);
  });
});
