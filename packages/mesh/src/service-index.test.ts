import type { Service, ServiceEntry } from "@weft/api";
import { staticCollection } from "@weft/krt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { olderFirst, serviceIndex, serviceInfoKey, serviceInfoOfService, serviceInfosOfServiceEntry, type ServiceInfo } from "./service-index.js";

const service = (name: string, namespace: string, created = "2025-01-01T00:00:00Z"): Service => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace, creationTimestamp: created },
  spec: { ports: [{ name: "http", port: 80 }] },
});

const entry = (name: string, namespace: string, hosts: string[], created?: string): ServiceEntry => ({
  apiVersion: "networking.istio.io/v1",
  kind: "ServiceEntry",
  metadata: { name, namespace, ...(created === undefined ? {} : { creationTimestamp: created }) },
  spec: { hosts, ports: [{ number: 443, name: "https", protocol: "TLS" }] },
});

function setup(services: Service[] = [], entries: ServiceEntry[] = []) {
  const svc = staticCollection(services);
  const se = staticCollection(entries);
  const idx = serviceIndex(svc, se);
  const owner = (host: string) => idx.byHostname.lookup(host).map((i) => `${i.source}:${i.namespace}/${i.name}`);
  return { svc, se, idx, owner };
}

describe("service index with ServiceEntry de-duplication", () => {
  it("indexes Kubernetes Services by their cluster hostname and ServiceEntries by each host", () => {
    const { owner } = setup([service("reviews", "bookinfo")], [entry("ext", "default", ["api.example.com", "www.example.com"])]);
    expect(owner("reviews.bookinfo.svc.cluster.local")).toEqual(["Service:bookinfo/reviews"]);
    expect(owner("api.example.com")).toEqual(["ServiceEntry:default/ext"]);
    expect(owner("www.example.com")).toEqual(["ServiceEntry:default/ext"]);
  });

  it("a Kubernetes Service with a hostname removes every ServiceEntry service info with that hostname", () => {
    const host = "reviews.bookinfo.svc.cluster.local";
    const { svc, owner, idx } = setup([], [entry("old", "a", [host, "other.com"], "2020-01-01T00:00:00Z"), entry("new", "b", [host], "2024-01-01T00:00:00Z")]);
    expect(owner(host)).toEqual(["ServiceEntry:a/old"]);
    svc.set(service("reviews", "bookinfo"));
    expect(owner(host)).toEqual(["Service:bookinfo/reviews"]);
    // Only the overlapping host goes: the entry's other host stays.
    expect(owner("other.com")).toEqual(["ServiceEntry:a/old"]);
    expect(idx.services.list().filter((i) => i.hostname === host)).toHaveLength(1);
    svc.delete("bookinfo/reviews");
    expect(owner(host)).toEqual(["ServiceEntry:a/old"]);
  });

  it("among ServiceEntries sharing a hostname the oldest wins, then namespace/name", () => {
    const { owner } = setup(
      [],
      [
        entry("young", "a", ["h.com"], "2024-06-01T00:00:00Z"),
        entry("old", "z", ["h.com"], "2021-06-01T00:00:00Z"),
        entry("tie-b", "b", ["t.com"], "2022-01-01T00:00:00Z"),
        entry("tie-a", "b", ["t.com"], "2022-01-01T00:00:00Z"),
      ],
    );
    expect(owner("h.com")).toEqual(["ServiceEntry:z/old"]);
    expect(owner("t.com")).toEqual(["ServiceEntry:b/tie-a"]);
  });

  it("deleting the winner promotes the next one, incrementally", () => {
    const { se, owner } = setup(
      [],
      [entry("first", "n", ["h.com"], "2020-01-01T00:00:00Z"), entry("second", "n", ["h.com"], "2021-01-01T00:00:00Z"), entry("third", "n", ["h.com"], "2022-01-01T00:00:00Z")],
    );
    expect(owner("h.com")).toEqual(["ServiceEntry:n/first"]);
    se.delete("n/first");
    expect(owner("h.com")).toEqual(["ServiceEntry:n/second"]);
    se.set(entry("second", "n", ["other.com"], "2021-01-01T00:00:00Z"));
    expect(owner("h.com")).toEqual(["ServiceEntry:n/third"]);
    expect(owner("other.com")).toEqual(["ServiceEntry:n/second"]);
  });

  it("an entry without a creation time sorts first, as Kubernetes' zero time does; duplicate hosts in one entry count once", () => {
    const infos = serviceInfosOfServiceEntry(entry("e", "n", ["a.com", "a.com"]));
    expect(infos).toHaveLength(1);
    const { owner } = setup([], [entry("dated", "a", ["h.com"], "2020-01-01T00:00:00Z"), entry("undated", "z", ["h.com"]), entry("garbage", "y", ["g.com"], "not a time"), entry("b", "b", ["g.com"])]);
    expect(owner("h.com")).toEqual(["ServiceEntry:z/undated"]);
    expect(owner("g.com")).toEqual(["ServiceEntry:b/b"]);
  });

  it("property: the incremental index equals a from-scratch de-duplication after random Service and ServiceEntry changes", () => {
    const namespaces = ["a", "b"];
    const names = ["s1", "s2", "s3"];
    const hosts = ["s1.a.svc.cluster.local", "s2.b.svc.cluster.local", "x.com", "y.com"];
    const times = ["2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z", undefined];
    const change = fc.oneof(
      fc.record({ op: fc.constant("setService" as const), name: fc.constantFrom(...names), ns: fc.constantFrom(...namespaces), time: fc.constantFrom(...times) }),
      fc.record({ op: fc.constant("deleteService" as const), name: fc.constantFrom(...names), ns: fc.constantFrom(...namespaces) }),
      fc.record({
        op: fc.constant("setEntry" as const),
        name: fc.constantFrom(...names),
        ns: fc.constantFrom(...namespaces),
        time: fc.constantFrom(...times),
        hosts: fc.subarray(hosts),
      }),
      fc.record({ op: fc.constant("deleteEntry" as const), name: fc.constantFrom(...names), ns: fc.constantFrom(...namespaces) }),
    );
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
        const { svc, se, idx } = setup();
        for (const c of changes) {
          if (c.op === "setService") svc.set(service(c.name, c.ns, c.time));
          else if (c.op === "deleteService") svc.delete(`${c.ns}/${c.name}`);
          else if (c.op === "setEntry") se.set(entry(c.name, c.ns, c.hosts, c.time));
          else se.delete(`${c.ns}/${c.name}`);
        }
        const keys = (infos: ServiceInfo[]) => infos.map(serviceInfoKey).sort();
        expect(keys(idx.services.list())).toEqual(keys(fromScratch(svc.list(), se.list())));
      }),
      { numRuns: 300 },
    );
  });
});

/** The de-duplication computed directly, with no engine, as the property's oracle. */
function fromScratch(services: Service[], entries: ServiceEntry[]): ServiceInfo[] {
  const kube = services.map((s) => serviceInfoOfService(s, "cluster.local"));
  const kubeHosts = new Set(kube.map((i) => i.hostname));
  const best = new Map<string, ServiceInfo>();
  for (const info of entries.flatMap(serviceInfosOfServiceEntry)) {
    if (kubeHosts.has(info.hostname)) continue;
    const current = best.get(info.hostname);
    if (current === undefined || olderFirst(info, current) < 0) best.set(info.hostname, info);
  }
  return [...kube, ...best.values()];
}
