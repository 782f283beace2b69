import type { ParentReference } from "@weft/api";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ancestorStatus, isIgnored, mergeAncestors, type PolicyAncestorStatus } from "./ancestors.js";

const OURS = new Set(["istio.io/mesh-controller", "istio.io/gateway-controller"]);

const refArb: fc.Arbitrary<ParentReference> = fc.record(
  { group: fc.constantFrom("", "gateway.networking.k8s.io"), kind: fc.constantFrom("Service", "Gateway"), name: fc.constantFrom("a", "b", "c", "__proto__"), sectionName: fc.constantFrom("http", "") },
  { requiredKeys: ["name"] },
);
const entryArb = (controllers: string[]): fc.Arbitrary<PolicyAncestorStatus> =>
  fc.record({ ancestorRef: refArb, controllerName: fc.constantFrom(...controllers), conditions: fc.constant([]) });

const sameRef = (a: ParentReference, b: ParentReference) => JSON.stringify(a) === JSON.stringify(b);

describe("merging policy ancestors", () => {
  it("keeps other controllers' entries in order, keeps every new entry, and drops our stale ones", () => {
    fc.assert(
      fc.property(
        fc.array(entryArb(["istio.io/mesh-controller", "istio.io/gateway-controller", "example.com/other"]), { maxLength: 6 }),
        fc.array(entryArb(["istio.io/mesh-controller"]), { maxLength: 6 }),
        (existing, incoming) => {
          const merged = mergeAncestors(existing, incoming, OURS);
          const theirs = existing.filter((e) => !OURS.has(e.controllerName));
          expect(merged.filter((e) => !OURS.has(e.controllerName))).toEqual(theirs);
          // Every new entry appears exactly as computed (the total stays under the limit of 16 here).
          expect(merged.filter((e) => OURS.has(e.controllerName))).toHaveLength(incoming.length);
          for (const entry of incoming) expect(merged).toContain(entry);
          // Ours that match no new entry are gone.
          for (const e of existing) if (OURS.has(e.controllerName) && !incoming.some((i) => sameRef(i.ancestorRef, e.ancestorRef))) expect(merged).not.toContain(e);
        },
      ),
    );
  });

  it("replaces our entry in place and appends new ones after", () => {
    const other = { ancestorRef: { name: "x" }, controllerName: "example.com/other" };
    const oldOurs = { ancestorRef: { group: "", kind: "Service", name: "a" }, controllerName: "istio.io/mesh-controller", conditions: [] };
    const newOurs = { ...oldOurs, conditions: [{ type: "Accepted", status: "True", reason: "Accepted", message: "m" }] };
    const added = { ancestorRef: { group: "", kind: "Service", name: "b" }, controllerName: "istio.io/mesh-controller" };
    expect(mergeAncestors([oldOurs, other], [added, newOurs], OURS)).toEqual([newOurs, other, added]);
  });

  it("an absent group is not the same ancestorRef as an empty one", () => {
    const existing = [{ ancestorRef: { kind: "Service", name: "a" }, controllerName: "istio.io/mesh-controller" }];
    const incoming = [{ ancestorRef: { group: "", kind: "Service", name: "a" }, controllerName: "istio.io/mesh-controller" }];
    expect(mergeAncestors(existing, incoming, OURS)).toEqual(incoming);
  });

  it("keeps at most 16 entries", () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ ancestorRef: { name: `s${i}` }, controllerName: "istio.io/mesh-controller" }));
    expect(mergeAncestors([], many, OURS)).toHaveLength(16);
  });

  it("merges new conditions over those of the first entry with the same ref, whoever wrote it", () => {
    const ref = { group: "", kind: "Service", name: "a" };
    const existing = [{ ancestorRef: ref, controllerName: "example.com/other", conditions: [{ type: "Custom", status: "True", reason: "R", message: "kept", lastTransitionTime: "t0" }] }];
    const entry = ancestorStatus(existing, ref, [{ type: "Accepted", status: "True", reason: "Accepted", message: "ok" }], { controllerName: "istio.io/mesh-controller", now: "now" });
    expect(entry.conditions?.map((c) => [c.type, c.lastTransitionTime])).toEqual([
      ["Custom", "t0"],
      ["Accepted", "now"],
    ]);
  });
});

describe("the ignore annotation", () => {
  it("is honoured for any spelling of true, and only that", () => {
    expect(isIgnored({ annotations: { "istio.io/ignore-policy-attachment": "True" } })).toBe(true);
    expect(isIgnored({ annotations: { "istio.io/ignore-policy-attachment": "yes" } })).toBe(false);
    expect(isIgnored({})).toBe(false);
  });
});
