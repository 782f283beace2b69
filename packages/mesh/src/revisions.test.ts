import { singleton, staticCollection, type HandlerContext } from "@weft/krt";
import { describe, expect, it, vi } from "vitest";
import { defaultRevisionOf, inRevision, isMine, revisionGuardedWriter, type RevisionState } from "./revisions.js";

interface Policy {
  kind: "AuthorizationPolicy" | "PeerAuthentication" | "ServiceEntry" | "WorkloadEntry";
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
}

const canary: RevisionState = { revision: "1-28", tags: { prod: "1-27", canary: "1-28" }, defaultRevision: "1-27" };
const meta = (labels?: Record<string, string>, namespace = "apps") => ({ namespace, labels });

describe("revisions", () => {
  it("an object belongs to a revision by its istio.io/rev label", () => {
    expect(isMine(meta({ "istio.io/rev": "1-28" }), canary)).toBe(true);
    expect(isMine(meta({ "istio.io/rev": "1-27" }), canary)).toBe(false);
  });

  it("tags map to revisions: a label naming a tag of this revision is ours", () => {
    expect(isMine(meta({ "istio.io/rev": "canary" }), canary)).toBe(true);
    expect(isMine(meta({ "istio.io/rev": "prod" }), canary)).toBe(false);
  });

  it("objects without a label belong to the default revision", () => {
    const prod: RevisionState = { ...canary, revision: "1-27" };
    expect(isMine(meta(), canary)).toBe(false);
    expect(isMine(meta(), prod)).toBe(true);
  });

  it("the default tag decides the default revision over the revision marked default", () => {
    const state: RevisionState = { revision: "1-28", tags: { default: "1-28" }, defaultRevision: "1-27" };
    expect(defaultRevisionOf(state)).toBe("1-28");
    expect(isMine(meta(), state)).toBe(true);
    expect(defaultRevisionOf({ revision: "x", tags: {} })).toBe("default");
  });

  it("an object without a label inherits its namespace's revision", () => {
    const state: RevisionState = { ...canary, namespaceRevisions: { apps: "canary" } };
    expect(isMine(meta(undefined, "apps"), state)).toBe(true);
    expect(isMine(meta(undefined, "other"), state)).toBe(false);
    // The object's own label wins over its namespace's.
    expect(isMine(meta({ "istio.io/rev": "prod" }, "apps"), state)).toBe(false);
  });

  it("a label naming an unknown revision belongs to no one here; hostile keys are plain labels", () => {
    expect(isMine(meta({ "istio.io/rev": "nope" }), canary)).toBe(false);
    const hostile: RevisionState = { revision: "1-28", tags: JSON.parse('{"__proto__":"1-28"}') as Record<string, string> };
    expect(isMine(meta({ "istio.io/rev": "__proto__" }), hostile)).toBe(true);
    expect(isMine(meta({ "istio.io/rev": "constructor" }), hostile)).toBe(false);
  });

  it("inRevision filters AuthorizationPolicy, PeerAuthentication, ServiceEntry and WorkloadEntry collections, and re-filters when a tag moves", () => {
    const kinds = ["AuthorizationPolicy", "PeerAuthentication", "ServiceEntry", "WorkloadEntry"] as const;
    const objects = staticCollection<Policy>(
      kinds.flatMap((kind) => [
        { kind, metadata: { name: `${kind}-canary`, namespace: "a", labels: { "istio.io/rev": "canary" } } },
        { kind, metadata: { name: `${kind}-prod`, namespace: "a", labels: { "istio.io/rev": "prod" } } },
        { kind, metadata: { name: `${kind}-unlabelled`, namespace: "a" } },
      ]),
      { key: (p) => `${p.kind}/${p.metadata.namespace}/${p.metadata.name}` },
    );
    const states = staticCollection<RevisionState & { metadata: { name: string } }>([{ metadata: { name: "state" }, ...canary }]);
    const state = singleton((ctx: HandlerContext) => {
      const s = ctx.fetchOne(states);
      return s === undefined ? undefined : { revision: s.revision, tags: s.tags, defaultRevision: s.defaultRevision };
    });
    const mine = inRevision(objects, state);
    const names = () => mine.list().map((p) => p.metadata.name).sort();
    expect(names()).toEqual(kinds.map((k) => `${k}-canary`).sort());

    // Point the prod tag at this revision too: prod objects become ours.
    states.set({ metadata: { name: "state" }, ...canary, tags: { prod: "1-28", canary: "1-28" } });
    expect(names()).toEqual(kinds.flatMap((k) => [`${k}-canary`, `${k}-prod`]).sort());
  });

  it("a status writer built on isMine never writes for another revision", async () => {
    const write = vi.fn(async (_: Policy) => {});
    const guarded = revisionGuardedWriter(write, () => canary);
    const ours: Policy = { kind: "ServiceEntry", metadata: { name: "a", namespace: "n", labels: { "istio.io/rev": "canary" } } };
    const theirs: Policy = { kind: "ServiceEntry", metadata: { name: "b", namespace: "n", labels: { "istio.io/rev": "prod" } } };
    const unlabelled: Policy = { kind: "ServiceEntry", metadata: { name: "c", namespace: "n" } };
    expect(await guarded(ours)).toBe("written");
    expect(await guarded(theirs)).toBe("skipped");
    expect(await guarded(unlabelled)).toBe("skipped");
    expect(write.mock.calls.map(([p]) => p.metadata.name)).toEqual(["a"]);
  });
});
