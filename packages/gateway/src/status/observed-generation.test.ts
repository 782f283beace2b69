/**
 * Every condition Weft writes carries its object's metadata.generation as
 * observedGeneration (what the conformance suite and `kubectl wait` check), and a
 * condition whose status did not change keeps its lastTransitionTime.
 */
import { mergeConditions, type StatusCondition } from "@weft/api";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { InputObject } from "../model/resources.js";
import { translate } from "../translate.js";

const meta = (name: string, generation: number, namespace: string | undefined = "ns") => ({ name, ...(namespace === undefined ? {} : { namespace }), generation });

const world = (generation: number, previous: { gateway?: object; route?: object } = {}) => [
  { apiVersion: "gateway.networking.k8s.io/v1", kind: "GatewayClass", metadata: meta("istio", generation, undefined), spec: { controllerName: "istio.io/gateway-controller" } },
  {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: meta("gw", generation),
    spec: { gatewayClassName: "istio", listeners: [{ name: "http", port: 80, protocol: "HTTP" }] },
    ...(previous.gateway === undefined ? {} : { status: previous.gateway }),
  },
  { apiVersion: "v1", kind: "Service", metadata: { name: "gw-istio", namespace: "ns" }, spec: { ports: [{ port: 80 }] } },
  { apiVersion: "v1", kind: "Service", metadata: { name: "backend", namespace: "ns" }, spec: { ports: [{ port: 8080 }] } },
  {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: meta("route", generation),
    spec: { parentRefs: [{ name: "gw" }], rules: [{ backendRefs: [{ name: "backend", port: 8080 }] }] },
    ...(previous.route === undefined ? {} : { status: previous.route }),
  },
  {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "BackendTLSPolicy",
    metadata: meta("policy", generation),
    spec: { targetRefs: [{ group: "", kind: "Service", name: "backend" }], validation: { hostname: "backend.example.com", wellKnownCACertificates: "System" } },
  },
];

type Status = { conditions?: StatusCondition[]; listeners?: { conditions: StatusCondition[] }[]; parents?: { conditions: StatusCondition[] }[]; ancestors?: { conditions: StatusCondition[] }[] };

/** Every condition of every status document, with where it is. */
function allConditions(objects: object[], now = "2026-01-01T00:00:00Z"): { where: string; condition: StatusCondition }[] {
  const out = translate(objects as InputObject[], { domainSuffix: "cluster.local", now });
  return out.statuses.flatMap((doc) => {
    const s = doc.status as Status;
    const where = `${doc.kind}/${doc.metadata.name}`;
    return [
      ...(s.conditions ?? []).map((condition) => ({ where, condition })),
      ...(s.listeners ?? []).flatMap((l) => l.conditions.map((condition) => ({ where: `${where} listener`, condition }))),
      ...(s.parents ?? []).flatMap((p) => p.conditions.map((condition) => ({ where: `${where} parent`, condition }))),
      ...(s.ancestors ?? []).flatMap((a) => a.conditions.map((condition) => ({ where: `${where} ancestor`, condition }))),
    ];
  });
}

describe("observedGeneration", () => {
  it("every condition written carries the generation of the object it describes", () => {
    const conditions = allConditions(world(3));
    const kinds = new Set(conditions.map((c) => c.where));
    expect(kinds).toEqual(new Set(["GatewayClass/istio", "Gateway/gw", "Gateway/gw listener", "HTTPRoute/route parent", "BackendTLSPolicy/policy ancestor"]));
    for (const { where, condition } of conditions) expect({ where, observedGeneration: condition.observedGeneration }).toEqual({ where, observedGeneration: 3 });
  });

  it("an object that never went through an API server (no generation) gets no observedGeneration", () => {
    const objects = world(1).map((o) => ({ ...o, metadata: { ...o.metadata, generation: undefined } }));
    for (const { condition } of allConditions(JSON.parse(JSON.stringify(objects)) as object[])) expect(condition.observedGeneration).toBeUndefined();
  });

  it("a condition whose status did not change keeps its lastTransitionTime across writes", () => {
    const first = translate(world(1) as InputObject[], { domainSuffix: "cluster.local", now: "2026-01-01T00:00:00Z" });
    const statusOf = (kind: string) => first.statuses.find((s) => s.kind === kind)!.status as object;
    const second = allConditions(world(2, { gateway: statusOf("Gateway"), route: statusOf("HTTPRoute") }), "2026-02-02T00:00:00Z");
    const rewritten = second.filter((c) => c.where.startsWith("Gateway/") || c.where.startsWith("HTTPRoute/"));
    expect(rewritten.length).toBeGreaterThan(0);
    for (const { where, condition } of rewritten) {
      expect({ where, t: condition.lastTransitionTime, g: condition.observedGeneration }).toEqual({ where, t: "2026-01-01T00:00:00Z", g: 2 });
    }
  });

  it("merging stamps the generation on every desired condition and keeps transition times of unchanged statuses", () => {
    const condition = fc.record({ type: fc.constantFrom("Accepted", "Programmed", "ResolvedRefs"), status: fc.constantFrom("True", "False"), reason: fc.string(), message: fc.string() });
    fc.assert(
      fc.property(fc.array(condition), fc.uniqueArray(condition, { selector: (c) => c.type }), fc.integer({ min: 1, max: 1000 }), (existing, desired, generation) => {
        const old = existing.map((c) => ({ ...c, lastTransitionTime: "old" }));
        const merged = mergeConditions(old, desired, "now", generation);
        for (const d of desired) {
          const m = merged.find((c) => c.type === d.type)!;
          expect(m.observedGeneration).toBe(generation);
          const before = old.find((c) => c.type === d.type);
          expect(m.lastTransitionTime).toBe(before !== undefined && before.status === d.status ? "old" : "now");
        }
      }),
    );
  });
});
