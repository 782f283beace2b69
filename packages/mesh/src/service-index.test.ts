import type { Service, ServiceEntry } from "@weft/api";
import { staticCollection } from "@weft/krt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { olderFirst, serviceIndex, serviceInfoKey, serviceInfoOfService, serviceInfosOfServiceEntry, type IndexedServiceInfo, type ServiceInfo } from "./service-index.js";

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
  const name = (i: ServiceInfo) => `${i.source}:${i.namespace}/${i.name}`;
  // Every namespace's winner, sorted; and the canonical one.
  const owner = (host: string) => idx.byHostname.lookup(host).map(name).sort();
  const canonical = (host: string) => idx.canonical.list().filter((i) => i.hostname === host).map(name);
  return { svc, se, idx, owner, canonical };
}

describe("service index with ServiceEntry de-duplication", () => {
  it("indexes Kubernetes Services by their cluster hostname and ServiceEntries by each host", () => {
    const { owner } = setup([service("reviews", "bookinfo")], [entry("ext", "default", ["api.example.com", "www.example.com"])]);
    expect(owner("reviews.bookinfo.svc.cluster.local")).toEqual(["Service:bookinfo/reviews"]);
    expect(owner("api.example.com")).toEqual(["ServiceEntry:default/ext"]);
    expect(owner("www.example.com")).toEqual(["ServiceEntry:default/ext"]);
  });

  it("within one namespace a Kubernetes Service wins over every ServiceEntry with its hostname, however old", () => {
    const host = "reviews.bookinfo.svc.cluster.local";
    const { svc, owner, idx, canonical } = setup([], [entry("old", "bookinfo", [host, "other.com"], "2020-01-01T00:00:00Z"), entry("new", "bookinfo", [host], "2024-01-01T00:00:00Z")]);
    expect(owner(host)).toEqual(["ServiceEntry:bookinfo/old"]);
    svc.set(service("reviews", "bookinfo", "2025-06-01T00:00:00Z"));
    expect(owner(host)).toEqual(["Service:bookinfo/reviews"]);
    expect(canonical(host)).toEqual(["Service:bookinfo/reviews"]);
    // Only the overlapping host goes: the entry's other host stays.
    expect(owner("other.com")).toEqual(["ServiceEntry:bookinfo/old"]);
    expect(idx.services.list().filter((i) => i.hostname === host)).toHaveLength(1);
    svc.delete("bookinfo/reviews");
    expect(owner(host)).toEqual(["ServiceEntry:bookinfo/old"]);
  });

  it("the same hostname in two namespaces keeps a winner in each", () => {
    const host = "reviews.bookinfo.svc.cluster.local";
    const { svc, se, owner } = setup(
      [],
      [entry("old", "a", [host], "2020-01-01T00:00:00Z"), entry("new", "b", [host], "2024-01-01T00:00:00Z"), entry("newer", "b", [host], "2025-01-01T00:00:00Z")],
    );
    expect(owner(host)).toEqual(["ServiceEntry:a/old", "ServiceEntry:b/new"]);
    // A Kubernetes Service decides only its own namespace's contest.
    svc.set(service("reviews", "bookinfo"));
    expect(owner(host)).toEqual(["Service:bookinfo/reviews", "ServiceEntry:a/old", "ServiceEntry:b/new"]);
    se.delete("a/old");
    expect(owner(host)).toEqual(["Service:bookinfo/reviews", "ServiceEntry:b/new"]);
  });

  it("exactly one winner of a hostname is canonical: the Kubernetes Service if there is one, else the oldest", () => {
    const host = "reviews.bookinfo.svc.cluster.local";
    const { svc, se, canonical } = setup([], [entry("camp", "b", [host], "2020-01-01T00:00:00Z"), entry("late", "c", [host], "2024-01-01T00:00:00Z")]);
    expect(canonical(host)).toEqual(["ServiceEntry:b/camp"]);
    // An older ServiceEntry in another namespace never captures a Kubernetes Service's name.
    svc.set(service("reviews", "bookinfo", "2025-01-01T00:00:00Z"));
    expect(canonical(host)).toEqual(["Service:bookinfo/reviews"]);
    svc.delete("bookinfo/reviews");
    se.delete("b/camp");
    expect(canonical(host)).toEqual(["ServiceEntry:c/late"]);
  });

  it("a change to one hostname re-runs nothing of another", () => {
    const { se, idx } = setup([], [entry("x", "a", ["x.com"], "2020-01-01T00:00:00Z"), entry("y", "a", ["y.com"], "2020-01-01T00:00:00Z")]);
    const events: string[] = [];
    idx.services.register((e) => events.push(`${e.type} ${(e.type === "delete" ? e.old : e.new).hostname}`));
    events.length = 0;
    se.set(entry("y2", "b", ["y.com"], "2019-01-01T00:00:00Z"));
    // y.com's canonical mark moves to the older entry; x.com sees nothing.
    expect(events.sort()).toEqual(["add y.com", "update y.com"]);
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
    const { owner } = setup([], [entry("dated", "n", ["h.com"], "2020-01-01T00:00:00Z"), entry("undated", "n", ["h.com"]), entry("garbage", "n", ["g.com"], "not a time"), entry("b", "n", ["g.com"])]);
    expect(owner("h.com")).toEqual(["ServiceEntry:n/undated"]);
    expect(owner("g.com")).toEqual(["ServiceEntry:n/b"]);
  });

  it("a given service wins its hostname, in its namespace and as the canonical answer; a later given entry for a hostname replaces an earlier one", () => {
    const host = "reviews.bookinfo.svc.cluster.local";
    const svc = staticCollection([service("reviews", "bookinfo", "2019-01-01T00:00:00Z")]);
    const se = staticCollection([entry("old", "other", [host], "2010-01-01T00:00:00Z")]);
    const given = [
      { hostname: host, namespace: "bookinfo", externalAddresses: ["203.0.113.1"], ports: [{ port: 80 }] },
      { hostname: host, namespace: "bookinfo", externalAddresses: ["203.0.113.2"], ports: [{ port: 80 }] },
    ];
    const idx = serviceIndex(svc, se, { given });
    expect(idx.byHostname.lookup(host).map((i) => `${i.source}:${i.namespace}`).sort()).toEqual(["Given:bookinfo", "ServiceEntry:other"]);
    expect(idx.canonicalByHost.get(host)).toMatchObject({ source: "Given", name: "", externalAddresses: ["203.0.113.2"], canonical: true });
  });

  it("a Service's info carries what a Gateway's status reports: type, external addresses, cluster IPs and numeric target ports", () => {
    const info = serviceInfoOfService(
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "ingress", namespace: "infra" },
        spec: { type: "LoadBalancer", externalIPs: ["192.0.2.9"], clusterIPs: ["10.0.0.1", "fd00::1"], ports: [{ name: "http", port: 80, targetPort: 8080 }, { port: 443, targetPort: "https" }] },
        status: { loadBalancer: { ingress: [{ ip: "203.0.113.5" }, { hostname: "lb.example.com" }, { ip: "192.0.2.9" }] } },
      },
      "cluster.local",
    );
    expect(info).toMatchObject({ type: "LoadBalancer", externalAddresses: ["192.0.2.9", "203.0.113.5", "lb.example.com"], clusterIPs: ["10.0.0.1", "fd00::1"], ports: [{ name: "http", port: 80, targetPort: 8080 }, { port: 443 }] });
    expect(info.ports[1]).not.toHaveProperty("targetPort");
    // A headless Service has no cluster IP.
    expect(serviceInfoOfService({ apiVersion: "v1", kind: "Service", metadata: { name: "h", namespace: "n" }, spec: { clusterIP: "None" } }, "cluster.local")).not.toHaveProperty("clusterIPs");
  });

  it("lists that are not lists (objects that skipped the loader) read as empty, never as a crash", () => {
    const bad = { apiVersion: "v1", kind: "Service", metadata: { name: "b", namespace: "n" }, spec: { ports: "80", externalIPs: "1.2.3.4", clusterIPs: 7 } } as unknown as Service;
    expect(serviceInfoOfService(bad, "cluster.local")).toMatchObject({ ports: [] });
    expect(serviceInfoOfService(bad, "cluster.local")).not.toHaveProperty("externalAddresses");
    const badEntry = { ...entry("e", "n", []), spec: { hosts: "a.com", ports: ["x", { number: "443" }, { number: 443 }] } } as unknown as ServiceEntry;
    expect(serviceInfosOfServiceEntry(badEntry)).toEqual([]);
    expect(serviceInfosOfServiceEntry({ ...badEntry, spec: { hosts: ["a.com", 5], ports: ["x", { number: "443" }, { number: 443 }] } } as unknown as ServiceEntry)).toMatchObject([{ hostname: "a.com", ports: [{ port: 443 }] }]);
  });

  it("dispose stops the index and leaves its inputs alone", () => {
    const { svc, idx } = setup([service("reviews", "bookinfo")]);
    expect(idx.canonicalByHost.list()).toHaveLength(1);
    idx.dispose();
    svc.set(service("ratings", "bookinfo"));
    // Nothing of the index follows the inputs any more; the inputs still work.
    expect([idx.services.list(), idx.canonical.list(), idx.canonicalByHost.list()]).toEqual([[], [], []]);
    expect(svc.list()).toHaveLength(2);
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
        const keys = (infos: IndexedServiceInfo[]) => infos.map((i) => `${serviceInfoKey(i)}${i.canonical ? " canonical" : ""}`).sort();
        expect(keys(idx.services.list())).toEqual(keys(fromScratch(svc.list(), se.list())));
        expect(keys(idx.canonical.list())).toEqual(keys(fromScratch(svc.list(), se.list()).filter((i) => i.canonical)));
        // The same canonical infos, each under its hostname.
        expect(idx.canonicalByHost.list().map((i) => [i.hostname, serviceInfoKey(i)])).toEqual(
          idx.canonical
            .list()
            .map((i) => [i.hostname, serviceInfoKey(i)])
            .sort(([a], [b]) => (a! < b! ? -1 : 1)),
        );
        for (const info of idx.canonical.list()) expect(idx.canonicalByHost.get(info.hostname)).toEqual(info);
      }),
      { numRuns: 300 },
    );
  });
});

/** The de-duplication computed directly, with no engine, as the property's oracle. */
function fromScratch(services: Service[], entries: ServiceEntry[]): IndexedServiceInfo[] {
  const all = [...services.map((s) => serviceInfoOfService(s, "cluster.local")), ...entries.flatMap(serviceInfosOfServiceEntry)];
  const out: IndexedServiceInfo[] = [];
  for (const hostname of new Set(all.map((i) => i.hostname))) {
    const ofHost = all.filter((i) => i.hostname === hostname);
    const winners: ServiceInfo[] = [];
    for (const namespace of new Set(ofHost.map((i) => i.namespace))) {
      const here = ofHost.filter((i) => i.namespace === namespace);
      const kube = here.find((i) => i.source === "Service");
      winners.push(kube ?? [...here].sort(olderFirst)[0]!);
    }
    const kubeWinner = winners.find((w) => w.source === "Service");
    const canonical = kubeWinner ?? [...winners].sort(olderFirst)[0]!;
    out.push(...winners.map((w) => ({ ...w, canonical: w === canonical })));
  }
  return out;
}
