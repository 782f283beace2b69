import { describe, expect, it } from "vitest";
import { ConditionSchema, ObjectMetaSchema } from "./meta.js";

describe("ObjectMeta", () => {
  it("turns a Date timestamp, as some clients deserialize it, into RFC 3339 text", () => {
    const meta = ObjectMetaSchema.parse({ name: "a", creationTimestamp: new Date("2024-05-06T07:08:09Z") });
    expect(meta.creationTimestamp).toBe("2024-05-06T07:08:09.000Z");
    expect(ObjectMetaSchema.safeParse({ name: "a", creationTimestamp: new Date("nonsense") }).success).toBe(false);
  });

  it("takes server-written fields and treats nulls in them as absent", () => {
    const meta = ObjectMetaSchema.parse({
      name: "a",
      uid: "u",
      resourceVersion: "12",
      generation: 3,
      creationTimestamp: null,
      deletionTimestamp: null,
      finalizers: ["f"],
      managedFields: [{ manager: "kubectl", operation: "Apply", fieldsV1: { "f:spec": {} } }],
    });
    expect(meta).toEqual({
      name: "a",
      uid: "u",
      resourceVersion: "12",
      generation: 3,
      finalizers: ["f"],
      managedFields: [{ manager: "kubectl", operation: "Apply", fieldsV1: { "f:spec": {} } }],
    });
  });

  it("rejects an empty name and a fractional generation", () => {
    const result = ObjectMetaSchema.safeParse({ name: "", generation: 1.5 });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["name", "generation"]);
  });
});

describe("Condition", () => {
  it("keeps observedGeneration optional and the rest required", () => {
    const ok = { type: "Ready", status: "True", lastTransitionTime: "fake", reason: "R", message: "" };
    expect(ConditionSchema.parse(ok)).toEqual(ok);
    expect(ConditionSchema.safeParse({ type: "Ready" }).error?.issues.map((i) => i.path[0])).toEqual([
      "status",
      "lastTransitionTime",
      "reason",
      "message",
    ]);
  });
});
