import { describe, expect, it } from "vitest";
import { mergeConditions, type StatusCondition } from "./conditions.js";
import { mergeRouteParents, type StatusRouteParent } from "./route-parents.js";

const accepted: StatusCondition = { type: "Accepted", status: "True", reason: "Accepted", message: "" };

describe("status merging of statuses read as written", () => {
  it("existing conditions that are not a list merge as if there were none", () => {
    const notAList = { type: "Accepted" } as unknown as StatusCondition[];
    expect(mergeConditions(notAList, [accepted], "now")).toEqual([{ ...accepted, lastTransitionTime: "now" }]);
  });

  it("existing parents that are not a list merge as if there were none", () => {
    const notAList = { parentRef: { name: "gw" } } as unknown as StatusRouteParent[];
    const ours: StatusRouteParent = { parentRef: { name: "gw" }, controllerName: "c", conditions: [accepted] };
    expect(mergeRouteParents(notAList, [ours], { controllerName: "c", routeNamespace: "default", now: "now" })).toEqual([{ ...ours, conditions: [{ ...accepted, lastTransitionTime: "now" }] }]);
  });
});
