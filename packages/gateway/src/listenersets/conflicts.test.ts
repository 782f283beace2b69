import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conflictOf, conflictReason, findConflicts, listenersDistinct, precedenceOrder, type AttachedGroup, type ListenerShape } from "./conflicts.js";

const l = (name: string, port: number, protocol: string, hostname?: string): ListenerShape => ({ name, port, protocol, ...(hostname === undefined ? {} : { hostname }) });
const set = (name: string, listeners: ListenerShape[], creationTimestamp?: string, namespace = "apps"): AttachedGroup => ({
  owner: `ListenerSet/${namespace}/${name}`,
  namespace,
  name,
  ...(creationTimestamp === undefined ? {} : { creationTimestamp }),
  listeners,
});
const GW = "Gateway/infra/gw";

describe("listenersDistinct", () => {
  it("lets listeners on different ports coexist whatever else they share", () => {
    expect(listenersDistinct(l("a", 80, "TCP"), l("b", 81, "TCP"))).toBe(true);
  });

  it("lets hostname-routed listeners share a port when their hostnames differ as written", () => {
    expect(listenersDistinct(l("a", 443, "HTTPS", "a.example.com"), l("b", 443, "TLS", "b.example.com"))).toBe(true);
    // Overlapping is not equal: the more specific hostname wins at runtime.
    expect(listenersDistinct(l("a", 80, "HTTP", "*.example.com"), l("b", 80, "HTTP", "a.example.com"))).toBe(true);
  });

  it("treats an unset and an empty hostname as the same wildcard", () => {
    expect(listenersDistinct(l("a", 80, "HTTP"), l("b", 80, "HTTP", ""))).toBe(false);
    expect(listenersDistinct(l("a", 80, "HTTP"), l("b", 80, "HTTP", "*"))).toBe(false);
  });

  it("never lets a layer-4 listener share its port with a layer-4 or hostname-routed one", () => {
    expect(listenersDistinct(l("a", 80, "TCP"), l("b", 80, "HTTP", "a.example.com"))).toBe(false);
    expect(listenersDistinct(l("a", 80, "TCP"), l("b", 80, "UDP"))).toBe(false);
    expect(listenersDistinct(l("a", 80, "TCP"), l("b", 80, "TCP"))).toBe(false);
  });

  it("lets a protocol the Gateway API does not define coexist with other protocols only", () => {
    expect(listenersDistinct(l("a", 15008, "HBONE"), l("b", 15008, "TCP"))).toBe(true);
    expect(listenersDistinct(l("a", 15008, "HBONE"), l("b", 15008, "HBONE"))).toBe(false);
  });
});

describe("conflictReason", () => {
  it("is a protocol conflict between layer-4 listeners or across protocols, a hostname conflict otherwise", () => {
    expect(conflictReason(l("a", 80, "TCP"), l("b", 80, "UDP"))).toBe("ProtocolConflict");
    expect(conflictReason(l("a", 80, "TCP"), l("b", 80, "TCP"))).toBe("ProtocolConflict");
    expect(conflictReason(l("a", 80, "TCP"), l("b", 80, "HTTP"))).toBe("ProtocolConflict");
    expect(conflictReason(l("a", 80, "HTTP", "x"), l("b", 80, "HTTP", "x"))).toBe("HostnameConflict");
  });
});

describe("precedenceOrder", () => {
  it("orders sets by creation time, then namespace/name; an unset time comes first", () => {
    const sets = [set("b", [], "2024-01-01T00:00:02Z"), set("z", [], "2024-01-01T00:00:01Z"), set("a", [], "2024-01-01T00:00:02Z"), set("y", [], undefined, "other"), set("x", [], undefined, "other")];
    expect(precedenceOrder(sets).map((s) => s.name)).toEqual(["x", "y", "z", "a", "b"]);
  });
});

describe("findConflicts", () => {
  it("a set listener on the parent's port with a layer-4 protocol loses with ProtocolConflict", () => {
    const out = findConflicts({ owner: GW, listeners: [l("web", 80, "HTTP", "a.example.com")] }, [set("s", [l("raw", 80, "TCP"), l("other", 80, "HTTP", "b.example.com")])]);
    expect(out).toEqual({ "ListenerSet/apps/s": { raw: "ProtocolConflict" } });
  });

  it("a set listener repeating the parent's hostname on its port loses with HostnameConflict", () => {
    const out = findConflicts({ owner: GW, listeners: [l("web", 80, "HTTP", "a.example.com")] }, [set("s", [l("same", 80, "HTTP", "a.example.com")])]);
    expect(out).toEqual({ "ListenerSet/apps/s": { same: "HostnameConflict" } });
  });

  it("the older of two sets keeps a contested listener", () => {
    const older = set("newer-name-older-set", [l("x", 80, "HTTP", "x.example.com")], "2024-01-01T00:00:01Z");
    const newer = set("a-newer-set", [l("x", 80, "HTTP", "x.example.com")], "2024-01-01T00:00:02Z");
    expect(findConflicts({ owner: GW, listeners: [] }, [newer, older])).toEqual({ "ListenerSet/apps/a-newer-set": { x: "HostnameConflict" } });
  });

  it("a loser frees its place: it never makes a later listener lose", () => {
    // The TCP listener loses to the HTTP one; the later TCP-vs-TCP pair must not see it.
    const out = findConflicts({ owner: GW, listeners: [l("web", 80, "HTTP"), l("raw", 80, "TCP")] }, [set("s", [l("web2", 80, "HTTP", "b.example.com")])]);
    expect(out).toEqual({ [GW]: { raw: "ProtocolConflict" } });
  });

  it("keeps listener names that look like object internals as plain data", () => {
    const out = findConflicts({ owner: GW, listeners: [l("__proto__", 80, "HTTP"), l("constructor", 80, "HTTP")] }, []);
    expect(conflictOf(out[GW]!, "constructor")).toBe("HostnameConflict");
    expect(conflictOf(out[GW]!, "__proto__")).toBeUndefined();
    expect(conflictOf(out[GW]!, "toString")).toBeUndefined();
  });

  it("also reports conflicts among a Gateway's own listeners, in spec order", () => {
    expect(findConflicts({ owner: GW, listeners: [l("a", 80, "HTTP"), l("b", 80, "HTTP")] }, [])).toEqual({ [GW]: { b: "HostnameConflict" } });
  });
});

const protocols = fc.constantFrom("HTTP", "HTTPS", "TLS", "TCP", "UDP", "HBONE");
const hostnames = fc.option(fc.constantFrom("a.example.com", "b.example.com", "*.example.com", "*", ""), { nil: undefined });
const listenerArb = (prefix: string) =>
  fc.array(fc.record({ port: fc.constantFrom(80, 443), protocol: protocols, hostname: hostnames }), { maxLength: 4 }).map((ls) => ls.map((x, i) => l(`${prefix}${i}`, x.port, x.protocol, x.hostname)));
const setsArb = fc.uniqueArray(
  fc.record({ name: fc.constantFrom("a", "b", "c", "d"), namespace: fc.constantFrom("n1", "n2"), time: fc.option(fc.constantFrom("2024-01-01T00:00:01Z", "2024-01-01T00:00:02Z"), { nil: undefined }) }),
  { selector: (s) => `${s.namespace}/${s.name}`, maxLength: 4 },
).chain((specs) => fc.tuple(...specs.map((s) => listenerArb(s.name).map((ls) => set(s.name, ls, s.time, s.namespace)))));

/** Every listener of the merged list with whether it survived, in precedence order. */
function merged(gateway: ListenerShape[], sets: AttachedGroup[]) {
  const conflicts = findConflicts({ owner: GW, listeners: gateway }, sets);
  return [{ owner: GW, listeners: gateway }, ...precedenceOrder(sets)].flatMap((g) => g.listeners.map((x) => ({ listener: x, lost: conflicts[g.owner]?.[x.name] !== undefined })));
}

describe("findConflicts properties", () => {
  it("leaves no two surviving listeners in conflict", () => {
    fc.assert(
      fc.property(listenerArb("g"), setsArb, (gateway, sets) => {
        const survivors = merged(gateway, sets).filter((m) => !m.lost).map((m) => m.listener);
        for (const [i, a] of survivors.entries()) for (const b of survivors.slice(i + 1)) expect(listenersDistinct(a, b)).toBe(true);
      }),
    );
  });

  it("makes every loser lose to a survivor that comes before it", () => {
    fc.assert(
      fc.property(listenerArb("g"), setsArb, (gateway, sets) => {
        const all = merged(gateway, sets);
        for (const [i, m] of all.entries()) {
          if (!m.lost) continue;
          expect(all.slice(0, i).some((p) => !p.lost && !listenersDistinct(m.listener, p.listener))).toBe(true);
        }
      }),
    );
  });

  it("never lets a ListenerSet take a place from its parent Gateway", () => {
    fc.assert(
      fc.property(listenerArb("g"), setsArb, (gateway, sets) => {
        expect(findConflicts({ owner: GW, listeners: gateway }, sets)[GW]).toEqual(findConflicts({ owner: GW, listeners: gateway }, [])[GW]);
      }),
    );
  });

  it("does not depend on the order the sets are listed in", () => {
    fc.assert(
      fc.property(listenerArb("g"), setsArb, (gateway, sets) => {
        expect(findConflicts({ owner: GW, listeners: gateway }, [...sets].reverse())).toEqual(findConflicts({ owner: GW, listeners: gateway }, sets));
      }),
    );
  });
});
