/**
 * What the API server writes on create and update: uid, generation, creationTimestamp,
 * the namespace name label; a generation bump only when the spec changed.
 */
import { describe, expect, it } from "vitest";
import { admitCreated, admitUpdated, NAMESPACE_NAME_LABEL } from "./admission.js";

type Obj = { kind: string; metadata: { name: string; namespace?: string; uid?: string; generation?: number; creationTimestamp?: string; labels?: Record<string, string> }; spec?: unknown; status?: unknown };

describe("admission", () => {
  it("created objects get a stable uid, generation 1 and creation times in order", () => {
    const [a, b] = admitCreated<Obj>([{ kind: "Gateway", metadata: { name: "a", namespace: "ns" } }, { kind: "Gateway", metadata: { name: "b", namespace: "ns" } }], { now: new Date("2026-01-01T00:00:00Z") });
    expect(a!.metadata).toMatchObject({ generation: 1, creationTimestamp: "2026-01-01T00:00:00Z" });
    expect(b!.metadata.creationTimestamp).toBe("2026-01-01T00:00:01Z");
    expect(a!.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(admitCreated<Obj>([{ kind: "Gateway", metadata: { name: "a", namespace: "ns" } }])[0]!.metadata.uid).toBe(a!.metadata.uid);
  });

  it("a Namespace gets the kubernetes.io/metadata.name label", () => {
    const [ns] = admitCreated<Obj>([{ kind: "Namespace", metadata: { name: "infra", labels: { team: "x" } } }]);
    expect(ns!.metadata.labels).toEqual({ team: "x", [NAMESPACE_NAME_LABEL]: "infra" });
  });

  it("an update bumps the generation only when the spec changed", () => {
    const [stored] = admitCreated<Obj>([{ kind: "Gateway", metadata: { name: "a", namespace: "ns" }, spec: { x: 1, y: [1] } }]);
    const same = admitUpdated(stored!, { ...stored!, spec: { y: [1], x: 1 }, status: { changed: true } });
    expect(same.metadata.generation).toBe(1);
    const changed = admitUpdated(stored!, { ...stored!, metadata: { name: "a", namespace: "ns" }, spec: { x: 2, y: [1] } });
    expect(changed.metadata).toMatchObject({ generation: 2, uid: stored!.metadata.uid, creationTimestamp: stored!.metadata.creationTimestamp });
  });
});
