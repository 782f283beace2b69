import { describe, expect, it } from "vitest";
import type { GatewayClassCondition, GatewayCondition, ListenerCondition, ListenerSetCondition } from "./gateway-reasons.js";
import type { InferencePoolCondition } from "./inference-reasons.js";
import type { PolicyCondition } from "./policy-reasons.js";

// The checks here are made by the type checker (`pnpm typecheck` compiles test files):
// each @ts-expect-error fails the build if the line it marks ever compiles.
describe("a condition's reason is one of its own type's reasons (Gateway API and Inference Extension)", () => {
  it("GatewayClass and Gateway", () => {
    const cls: GatewayClassCondition = { type: "Accepted", status: "True", reason: "Accepted", message: "" };
    const programmed: GatewayCondition = { type: "Programmed", status: "False", reason: "AddressNotAssigned", message: "" };
    // @ts-expect-error AddressNotAssigned is a Programmed reason, not an Accepted one
    const crossed: GatewayCondition = { type: "Accepted", status: "False", reason: "AddressNotAssigned", message: "" };
    // @ts-expect-error a misspelt reason does not compile
    const misspelt: GatewayCondition = { type: "ResolvedRefs", status: "False", reason: "InvalidClientCertificatRef", message: "" };
    expect([cls, programmed, crossed, misspelt].map((c) => c.type)).toEqual(["Accepted", "Programmed", "Accepted", "ResolvedRefs"]);
  });

  it("listeners and ListenerSets", () => {
    const conflicted: ListenerCondition = { type: "Conflicted", status: "True", reason: "HostnameConflict", message: "" };
    // @ts-expect-error InvalidRouteKinds is a ResolvedRefs reason, not a Programmed one
    const crossed: ListenerCondition = { type: "Programmed", status: "False", reason: "InvalidRouteKinds", message: "" };
    const set: ListenerSetCondition = { type: "Accepted", status: "False", reason: "NotAllowed", message: "" };
    // @ts-expect-error ParentNotProgrammed is a Programmed reason, not an Accepted one
    const setCrossed: ListenerSetCondition = { type: "Accepted", status: "False", reason: "ParentNotProgrammed", message: "" };
    expect([conflicted, crossed, set, setCrossed].map((c) => c.reason)).toEqual(["HostnameConflict", "InvalidRouteKinds", "NotAllowed", "ParentNotProgrammed"]);
  });

  it("policies and InferencePools", () => {
    const policy: PolicyCondition = { type: "ResolvedRefs", status: "False", reason: "InvalidCACertificateRef", message: "" };
    // @ts-expect-error TargetNotFound is an Accepted reason, not a ResolvedRefs one
    const policyCrossed: PolicyCondition = { type: "ResolvedRefs", status: "False", reason: "TargetNotFound", message: "" };
    const pool: InferencePoolCondition = { type: "ResolvedRefs", status: "False", reason: "InvalidExtensionRef", message: "" };
    // @ts-expect-error HTTPRouteNotAccepted is an Accepted reason, not a ResolvedRefs one
    const poolCrossed: InferencePoolCondition = { type: "ResolvedRefs", status: "False", reason: "HTTPRouteNotAccepted", message: "" };
    expect([policy, policyCrossed, pool, poolCrossed].map((c) => c.type)).toEqual(["ResolvedRefs", "ResolvedRefs", "ResolvedRefs", "ResolvedRefs"]);
  });
});
