import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeStatus } from "./status-merge.js";

const ME = "istio.io/gateway-controller";
const ctx = { controllerName: ME, namespace: "apps", now: "2030-01-01T00:00:00Z" };
const cond = (type: string, status: string, lastTransitionTime?: string) => ({ type, status, reason: type, message: "", ...(lastTransitionTime === undefined ? {} : { lastTransitionTime }) });
const parent = (name: string, controllerName: string, conditions: unknown[]) => ({ parentRef: { name }, controllerName, conditions });

describe("mergeStatus: shared route parents", () => {
  it("keeps other controllers' entries in place, updates ours, prunes ours no longer computed, appends new ones", () => {
    const server = { parents: [parent("gw-old", ME, [cond("Accepted", "True", "t0")]), parent("theirs", "example.com/other", [cond("Accepted", "False", "t1")]), parent("gw", ME, [cond("Accepted", "True", "t0")])] };
    const desired = { parents: [parent("gw", ME, [cond("Accepted", "True", "ignored")]), parent("gw-new", ME, [cond("Accepted", "True", "ignored")])] };
    const merged = mergeStatus(server, desired, ctx);
    expect(merged.parents).toEqual([
      parent("theirs", "example.com/other", [cond("Accepted", "False", "t1")]),
      parent("gw", ME, [cond("Accepted", "True", "t0")]),
      parent("gw-new", ME, [cond("Accepted", "True", ctx.now)]),
    ]);
  });

  it("ignores what the translator believed about other controllers' entries: the server's copy wins", () => {
    const server = { parents: [parent("theirs", "example.com/other", [cond("Accepted", "True", "t5")])] };
    const desired = { parents: [parent("theirs", "example.com/other", [cond("Accepted", "False", "stale")]), parent("gw", ME, [cond("Accepted", "True")])] };
    expect(mergeStatus(server, desired, ctx).parents).toEqual([server.parents[0], parent("gw", ME, [cond("Accepted", "True", ctx.now)])]);
  });

  it("stamps a condition whose status changed with now, not with the translator's time", () => {
    const server = { parents: [parent("gw", ME, [cond("Accepted", "True", "t0"), cond("ResolvedRefs", "True", "t0")])] };
    const desired = { parents: [parent("gw", ME, [cond("Accepted", "True", "1970-01-01T00:00:00Z"), cond("ResolvedRefs", "False", "1970-01-01T00:00:00Z")])] };
    expect(mergeStatus(server, desired, ctx).parents).toEqual([parent("gw", ME, [cond("Accepted", "True", "t0"), cond("ResolvedRefs", "False", ctx.now)])]);
  });

  it("with no parents of ours left, keeps only the others' entries", () => {
    const server = { parents: [parent("gw", ME, [cond("Accepted", "True", "t0")]), parent("theirs", "x/y", [])] };
    expect(mergeStatus(server, { parents: [] }, ctx).parents).toEqual([parent("theirs", "x/y", [])]);
  });

  it("merges policy ancestors the same way, by ancestorRef", () => {
    const anc = (name: string, controllerName: string, conditions: unknown[]) => ({ ancestorRef: { name }, controllerName, conditions });
    const server = { ancestors: [anc("theirs", "x/y", []), anc("gw", ME, [cond("Accepted", "True", "t0")])] };
    const merged = mergeStatus(server, { ancestors: [anc("gw", ME, [cond("Accepted", "False")])] }, ctx);
    expect(merged.ancestors).toEqual([anc("theirs", "x/y", []), anc("gw", ME, [cond("Accepted", "False", ctx.now)])]);
  });
});

describe("mergeStatus: statuses we own", () => {
  it("replaces a Gateway's status, timing conditions (top level and per listener, by name) from the server's", () => {
    const server = {
      addresses: [{ value: "10.0.0.1" }],
      conditions: [cond("Accepted", "True", "t0"), cond("ThirdParty", "True", "t9")],
      listeners: [{ name: "http", attachedRoutes: 1, conditions: [cond("Programmed", "True", "t1")] }],
    };
    const desired = {
      conditions: [cond("Accepted", "True"), cond("Programmed", "False")],
      listeners: [
        { name: "https", attachedRoutes: 0, conditions: [cond("Programmed", "True")] },
        { name: "http", attachedRoutes: 2, conditions: [cond("Programmed", "True")] },
      ],
    };
    expect(mergeStatus(server, desired, ctx)).toEqual({
      conditions: [cond("Accepted", "True", "t0"), cond("ThirdParty", "True", "t9"), cond("Programmed", "False", ctx.now)],
      listeners: [
        { name: "https", attachedRoutes: 0, conditions: [cond("Programmed", "True", ctx.now)] },
        { name: "http", attachedRoutes: 2, conditions: [cond("Programmed", "True", "t1")] },
      ],
    });
  });

  it("treats parents without controllerName (InferencePool) as ours: the desired list replaces the server's", () => {
    const server = { parents: [{ parentRef: { name: "gw" }, conditions: [cond("Accepted", "True", "t0")] }, { parentRef: { name: "gone" }, conditions: [] }] };
    const desired = { parents: [{ parentRef: { name: "gw" }, conditions: [cond("Accepted", "True")] }] };
    expect(mergeStatus(server, desired, ctx)).toEqual({ parents: [{ parentRef: { name: "gw" }, conditions: [cond("Accepted", "True", "t0")] }] });
  });
});

describe("mergeStatus: properties", () => {
  const controllers = fc.constantFrom(ME, "example.com/other", "acme.io/gw");
  const conditionArb = fc.record({ type: fc.constantFrom("Accepted", "ResolvedRefs"), status: fc.constantFrom("True", "False"), reason: fc.constant("r"), message: fc.string({ maxLength: 3 }), lastTransitionTime: fc.constantFrom("t0", "t1") });
  const entry = fc.record({ parentRef: fc.record({ name: fc.constantFrom("a", "b", "c", "d") }), controllerName: controllers, conditions: fc.uniqueArray(conditionArb, { selector: (c) => c.type, maxLength: 2 }) });
  const parentsArb = fc.uniqueArray(entry, { selector: (e) => `${e.parentRef.name}/${e.controllerName}`, maxLength: 6 });

  it("never touches another controller's entry, and merging twice changes nothing more", () => {
    fc.assert(
      fc.property(parentsArb, parentsArb, (serverParents, desiredParents) => {
        const server = { parents: serverParents };
        const once = mergeStatus(server, { parents: desiredParents }, ctx);
        const theirs = (list: unknown) => (list as typeof serverParents).filter((p) => p.controllerName !== ME);
        expect(theirs(once.parents)).toEqual(theirs(serverParents));
        const ours = (list: unknown) => (list as typeof serverParents).filter((p) => p.controllerName === ME).map((p) => p.parentRef.name);
        expect(new Set(ours(once.parents))).toEqual(new Set(ours(desiredParents)));
        expect(mergeStatus(once, { parents: desiredParents }, { ...ctx, now: "later" })).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});
