import { describe, expect, it } from "vitest";
import type { RouteParentCondition } from "./route-reasons.js";

// The checks here are made by the type checker (`pnpm typecheck` compiles test files):
// each @ts-expect-error fails the build if the line it marks ever compiles.
describe("route parent condition reasons", () => {
  it("a condition's reason is one of its own type's reasons", () => {
    const accepted: RouteParentCondition = { type: "Accepted", status: "False", reason: "NoMatchingParent", message: "" };
    const resolved: RouteParentCondition = { type: "ResolvedRefs", status: "False", reason: "BackendNotFound", message: "" };
    // @ts-expect-error BackendNotFound is a ResolvedRefs reason, not an Accepted one
    const crossed: RouteParentCondition = { type: "Accepted", status: "False", reason: "BackendNotFound", message: "" };
    // @ts-expect-error a misspelt reason does not compile
    const misspelt: RouteParentCondition = { type: "ResolvedRefs", status: "False", reason: "BackendNotFund", message: "" };
    expect([accepted, resolved, crossed, misspelt].map((c) => c.reason)).toEqual(["NoMatchingParent", "BackendNotFound", "BackendNotFound", "BackendNotFund"]);
  });
});
