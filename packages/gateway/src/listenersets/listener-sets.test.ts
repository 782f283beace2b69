import type { StatusCondition } from "@weft/api";
import { describe, expect, it } from "vitest";
import { gatewayCollections } from "../collections.js";
import { staticInputs } from "../inputs.js";
import type { InputObject, ListenerSet } from "../model/resources.js";
import { translate } from "../translate.js";

import { VALID_CERT as PEM, VALID_KEY as KEY } from "../gateways/test-certificates.js";
const OPTIONS = { domainSuffix: "cluster.local", features: { ambientWaypoints: true } };
const INGRESS = "ingress.infra.svc.cluster.local";

/** A listener as a ListenerSet declares it (the Gateway fixtures take the same shape). */
type ListenerLike = ListenerSet["spec"]["listeners"][number];

const gateway = (listeners: ListenerLike[], allowedListeners: unknown = { namespaces: { from: "All" } }, extra: { name?: string; className?: string } = {}) => ({
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "Gateway",
  metadata: { name: extra.name ?? "gw", namespace: "infra" },
  spec: { gatewayClassName: extra.className ?? "istio", addresses: [{ type: "Hostname", value: "ingress" }], listeners, ...(allowedListeners === undefined ? {} : { allowedListeners }) },
});
const listenerSet = (name: string, namespace: string, listeners: ListenerLike[], parent = "gw", creationTimestamp?: string): ListenerSet => ({
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "ListenerSet",
  metadata: { name, namespace, ...(creationTimestamp === undefined ? {} : { creationTimestamp }) },
  spec: { parentRef: { name: parent, namespace: "infra" }, listeners },
});
const route = (name: string, namespace: string, parentRef: Record<string, unknown>, path = "/") => ({
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "HTTPRoute",
  metadata: { name, namespace },
  spec: { parentRefs: [parentRef], rules: [{ matches: [{ path: { value: path } }], backendRefs: [{ name: "backend", port: 80 }] }] },
});
const setRef = (name: string, namespace: string, sectionName?: string) => ({ group: "gateway.networking.k8s.io", kind: "ListenerSet", name, namespace, ...(sectionName === undefined ? {} : { sectionName }) });
const service = (name: string, namespace: string, ports: number[]) => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { ports: ports.map((port) => ({ port })) } });
const secret = (name: string, namespace: string) => ({ apiVersion: "v1", kind: "Secret", metadata: { name, namespace }, stringData: { "tls.crt": PEM, "tls.key": KEY } });
const namespace = (name: string) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
const http = (name: string, hostname?: string, port = 80): ListenerLike => ({ name, port, protocol: "HTTP", ...(hostname === undefined ? {} : { hostname }) });
const https = (name: string, hostname: string, certificate: { name: string; namespace?: string }, port = 443): ListenerLike => ({
  name,
  port,
  protocol: "HTTPS",
  hostname,
  tls: { mode: "Terminate", certificateRefs: [{ kind: "Secret", group: "", ...certificate }] },
});

const world = [service("ingress", "infra", [80, 443, 8443]), service("backend", "apps", [80]), service("backend", "team", [80]), namespace("infra"), namespace("apps"), namespace("team")];

interface ListenerStatus {
  name: string;
  attachedRoutes: number;
  conditions: StatusCondition[];
  supportedKinds?: unknown[];
}
interface Status {
  conditions: StatusCondition[];
  listeners?: ListenerStatus[];
  attachedListenerSets?: number;
}

function run(objects: unknown[]) {
  const result = translate([...world, ...objects] as InputObject[], OPTIONS);
  const status = (kind: string, ns: string, name: string) => result.statuses.find((s) => s.kind === kind && s.metadata.namespace === ns && s.metadata.name === name)?.status as Status | undefined;
  return {
    result,
    set: (ns: string, name: string) => status("ListenerSet", ns, name),
    gateway: () => status("Gateway", "infra", "gw")!,
    istioGateways: () => result.gateways.map((g) => `${g.metadata.namespace}/${g.metadata.name}`).sort(),
  };
}
const condition = (s: { conditions: StatusCondition[] } | undefined, type: string) => s?.conditions.find((c) => c.type === type);
const short = (c: StatusCondition | undefined) => (c === undefined ? undefined : `${c.status} ${c.reason}: ${c.message}`);

describe("attaching a ListenerSet to its parent", () => {
  it("a set in a namespace the parent does not allow is NotAllowed and adds nothing to the parent", () => {
    const out = run([gateway([http("web", "a.example.com")], { namespaces: { from: "Same" } }), listenerSet("extra", "apps", [http("more", "b.example.com")])]);
    const set = out.set("apps", "extra")!;
    expect(short(condition(set, "Accepted"))).toBe("False NotAllowed: The parent Gateway does not allow this reference; check the 'spec.allowedRoutes'");
    expect(short(condition(set, "Programmed"))).toBe("False NotAllowed: The parent Gateway does not allow this reference; check the 'spec.allowedRoutes'");
    expect(set.listeners).toBeUndefined();
    expect(out.istioGateways()).toEqual(["infra/gw~istio-autogenerated-k8s-gateway~web"]);
    expect(out.gateway().attachedListenerSets).toBeUndefined();
  });

  it("a disallowed set cannot push an allowed listener aside, even when it is older", () => {
    const out = run([
      gateway([], { namespaces: { from: "Same" } }),
      listenerSet("outsider", "apps", [http("x", "x.example.com")], "gw", "2020-01-01T00:00:00Z"),
      listenerSet("insider", "infra", [http("x", "x.example.com")], "gw", "2024-01-01T00:00:00Z"),
    ]);
    expect(short(condition(out.set("infra", "insider"), "Accepted"))).toBe("True Accepted: Resource accepted");
    expect(out.istioGateways()).toEqual(["infra/insider~istio-autogenerated-k8s-gateway~x"]);
  });

  it("two sets with the same name in different namespaces stay apart: own Istio Gateways, own routes, own counts", () => {
    const out = run([
      gateway([http("web", "*.example.com")]),
      listenerSet("shared", "apps", [http("http", "apps.example.com")]),
      listenerSet("shared", "team", [http("http", "team.example.com")]),
      route("r", "apps", setRef("shared", "apps")),
      route("r", "team", setRef("shared", "team")),
      route("r2", "team", setRef("shared", "team")),
    ]);
    expect(out.istioGateways()).toEqual(["apps/shared~istio-autogenerated-k8s-gateway~http", "infra/gw~istio-autogenerated-k8s-gateway~web", "team/shared~istio-autogenerated-k8s-gateway~http"]);
    expect(out.set("apps", "shared")!.listeners!.map((l) => l.attachedRoutes)).toEqual([1]);
    expect(out.set("team", "shared")!.listeners!.map((l) => l.attachedRoutes)).toEqual([2]);
    expect(out.gateway().attachedListenerSets).toBe(2);
    expect(out.gateway().listeners!.map((l) => l.attachedRoutes)).toEqual([0]);
    const vs = out.result.virtualServices.map((v) => [v.metadata.namespace, v.spec.gateways]);
    expect(vs).toContainEqual(["apps", ["apps/shared~istio-autogenerated-k8s-gateway~http"]]);
    expect(vs).toContainEqual(["team", ["team/shared~istio-autogenerated-k8s-gateway~http"]]);
  });

  it("a set's Istio Gateway runs on the parent's Service and names the parent's namespace", () => {
    const out = run([gateway([]), listenerSet("extra", "apps", [http("more", "b.example.com")])]);
    const [istio] = out.result.gateways;
    expect(istio!.metadata.annotations).toEqual({
      "internal.istio.io/gateway-semantics": "gateway",
      "internal.istio.io/gateway-service": INGRESS,
      "internal.istio.io/parent-namespace": "infra",
      "internal.istio.io/parents": "ListenerSet/extra/more.apps",
      "internal.istio.io/service-account-name": "",
    });
    // allowedRoutes default to the set's own namespace, not the parent's.
    expect(istio!.spec.servers[0]!.hosts).toEqual(["apps/b.example.com"]);
  });

  it("a set of an Istio class that takes no ListenerSets is told so; another controller's is left alone", () => {
    const out = run([
      gateway([{ name: "mesh", port: 15008, protocol: "HBONE" }], undefined, { name: "waypoint", className: "istio-waypoint" }),
      gateway([], undefined, { name: "foreign", className: "example-class" }),
      listenerSet("on-waypoint", "infra", [http("x")], "waypoint"),
      listenerSet("on-foreign", "infra", [http("x")], "foreign"),
      listenerSet("on-missing", "infra", [http("x")], "missing"),
    ]);
    expect(short(condition(out.set("infra", "on-waypoint"), "Accepted"))).toBe('False NotAllowed: The "istio-waypoint" GatewayClass does not support ListenerSet');
    expect(out.set("infra", "on-foreign")).toBeUndefined();
    expect(out.set("infra", "on-missing")).toBeUndefined();
  });
});

describe("listener conflicts across a Gateway and its ListenerSets", () => {
  it("a set listener on the parent's port with a layer-4 protocol loses with ProtocolConflict, and serves nothing", () => {
    const out = run([gateway([http("web", "a.example.com")]), listenerSet("extra", "apps", [{ name: "raw", port: 80, protocol: "TCP" }, http("fine", "b.example.com")])]);
    const [raw, fine] = out.set("apps", "extra")!.listeners!;
    const message = "Listener has a conflict with another listener attached to the same Gateway";
    expect(raw!.conditions.map(short)).toEqual([`False ProtocolConflict: ${message}`, `True ProtocolConflict: ${message}`, `False ProtocolConflict: ${message}`]);
    expect(raw!.supportedKinds).toEqual([{ group: "gateway.networking.k8s.io", kind: "TCPRoute" }]);
    expect(short(condition(fine, "Conflicted"))).toBe("False NoConflicts: No errors found");
    expect(out.istioGateways()).toEqual(["apps/extra~istio-autogenerated-k8s-gateway~fine", "infra/gw~istio-autogenerated-k8s-gateway~web"]);
    // The parent's own listener keeps its place.
    expect(short(condition(out.gateway().listeners![0], "Conflicted"))).toBe("False NoConflicts: No errors found");
  });

  it("a set whose every listener lost is not Accepted and not counted by the parent", () => {
    const out = run([gateway([http("web", "a.example.com")]), listenerSet("copy", "apps", [http("same", "a.example.com")])]);
    expect(short(condition(out.set("apps", "copy"), "Accepted"))).toBe("False ListenersNotValid: None of the ListenerSet's listeners are valid");
    expect(short(condition(out.set("apps", "copy")!.listeners![0], "Accepted"))).toMatch(/^False HostnameConflict/);
    expect(out.gateway().attachedListenerSets).toBeUndefined();
  });
});

describe("listener lists", () => {
  it("a set with an empty listener list is not Accepted", () => {
    const out = run([gateway([http("web")]), listenerSet("empty", "apps", [])]);
    const set = out.set("apps", "empty")!;
    expect(short(condition(set, "Accepted"))).toBe("False ListenersNotValid: None of the ListenerSet's listeners are valid");
    expect(short(condition(set, "Programmed"))).toBe("False ListenersNotValid: None of the ListenerSet's listeners are valid");
    expect(set.listeners).toBeUndefined();
  });

  it("a Gateway with no listeners of its own is programmed on its sets' ports and lists none", () => {
    const out = run([gateway([]), listenerSet("extra", "apps", [http("more", "b.example.com", 8443)])]);
    const gw = out.gateway();
    expect(gw.listeners).toBeUndefined();
    expect(gw.attachedListenerSets).toBe(1);
    expect(short(condition(gw, "Accepted"))).toBe("True Accepted: Resource accepted");
    expect(short(condition(gw, "Programmed"))).toBe(`True Programmed: Resource programmed, assigned to service(s) ${INGRESS}:8443`);
  });

  it("a set listener without a port takes its protocol's default, or is rejected", () => {
    const out = run([gateway([]), listenerSet("portless", "apps", [{ name: "web", protocol: "HTTP", hostname: "b.example.com" }, { name: "raw", protocol: "TCP" }])]);
    const [web, raw] = out.set("apps", "portless")!.listeners!;
    expect(short(condition(web, "Accepted"))).toBe("True Accepted: No errors found");
    expect(short(condition(raw, "Accepted"))).toBe("False UnsupportedProtocol: protocol TCP requires a port to be set");
    expect(out.result.gateways.map((g) => g.spec.servers[0]!.port.number)).toEqual([80]);
  });
});

describe("HTTPS without a tls section", () => {
  it("is invalid in a ListenerSet, which has nothing to serve then", () => {
    const out = run([gateway([http("web")]), listenerSet("bare", "apps", [{ name: "secure", port: 443, protocol: "HTTPS", hostname: "b.example.com" }])]);
    const set = out.set("apps", "bare")!;
    expect(set.listeners![0]!.conditions.map(short)).toEqual([
      "False UnsupportedProtocol: protocol is HTTPS but no TLS section is defined",
      "False NoConflicts: No errors found",
      "False Invalid: Bad TLS configuration",
      "True ResolvedRefs: No errors found",
    ]);
    expect(short(condition(set, "Accepted"))).toBe("False ListenersNotValid: None of the ListenerSet's listeners are valid");
    expect(out.gateway().attachedListenerSets).toBeUndefined();
    expect(out.istioGateways()).toEqual(["infra/gw~istio-autogenerated-k8s-gateway~web"]);
  });

  it("is a valid placeholder on a Gateway: accepted, but no server and no port of its own", () => {
    const out = run([gateway([{ name: "secure", port: 8443, protocol: "HTTPS" }]), listenerSet("filler", "apps", [https("secure", "b.example.com", { name: "cert" })]), secret("cert", "apps")]);
    const gw = out.gateway();
    expect(short(condition(gw.listeners![0], "Accepted"))).toBe("True Accepted: No errors found");
    expect(short(condition(gw, "Accepted"))).toBe("True Accepted: Resource accepted");
    expect(short(condition(gw, "Programmed"))).toBe(`True Programmed: Resource programmed, assigned to service(s) ${INGRESS}:443`);
    expect(out.istioGateways()).toEqual(["apps/filler~istio-autogenerated-k8s-gateway~secure"]);
  });
});

describe("a ListenerSet's certificates", () => {
  it("are the set's to reference: a cross-namespace Secret needs a ReferenceGrant from ListenerSets", () => {
    const grant = (kind: string) => ({
      apiVersion: "gateway.networking.k8s.io/v1beta1",
      kind: "ReferenceGrant",
      metadata: { name: `from-${kind}`, namespace: "team" },
      spec: { from: [{ group: "gateway.networking.k8s.io", kind, namespace: kind === "Gateway" ? "infra" : "apps" }], to: [{ group: "", kind: "Secret" }] },
    });
    const objects = [gateway([]), listenerSet("tls", "apps", [https("secure", "b.example.com", { name: "cert", namespace: "team" })]), secret("cert", "team")];
    const denied = run([...objects, grant("Gateway")]);
    expect(short(condition(denied.set("apps", "tls")!.listeners![0], "ResolvedRefs"))).toBe(
      'False RefNotPermitted: certificateRef cert/team not accessible to a Gateway in namespace "apps" (missing a ReferenceGrant?)',
    );
    const allowed = run([...objects, grant("ListenerSet")]);
    expect(short(condition(allowed.set("apps", "tls")!.listeners![0], "ResolvedRefs"))).toBe("True ResolvedRefs: No errors found");
    expect(allowed.result.gateways[0]!.spec.servers[0]!.tls).toEqual({ mode: "SIMPLE", credentialName: "kubernetes-gateway://team/cert" });
  });
});

describe("routes on ListenerSets", () => {
  it("attach to a set's listener by sectionName and count there, not on the parent", () => {
    const out = run([
      gateway([http("web", "a.example.com")]),
      listenerSet("extra", "infra", [http("one", "b.example.com"), http("two", "c.example.com")]),
      route("r", "infra", setRef("extra", "infra", "two")),
    ]);
    expect(out.set("infra", "extra")!.listeners!.map((l) => [l.name, l.attachedRoutes])).toEqual([
      ["one", 0],
      ["two", 1],
    ]);
    expect(out.gateway().listeners!.map((l) => l.attachedRoutes)).toEqual([0]);
    expect(out.result.virtualServices.map((v) => v.spec.gateways)).toEqual([["infra/extra~istio-autogenerated-k8s-gateway~two"]]);
  });

  it("a Gateway and a ListenerSet sharing namespace and name keep their routes apart", () => {
    const out = run([
      gateway([http("web", "a.example.com")]),
      listenerSet("gw", "infra", [http("web", "b.example.com")]),
      route("to-set", "infra", setRef("gw", "infra")),
      route("to-gateway", "infra", { name: "gw" }),
      route("to-gateway-too", "infra", { name: "gw" }),
    ]);
    expect(out.set("infra", "gw")!.listeners!.map((l) => l.attachedRoutes)).toEqual([1]);
    expect(out.gateway().listeners!.map((l) => l.attachedRoutes)).toEqual([2]);
  });

  it("find nothing on a set that is not attached (no status entry for that parentRef)", () => {
    const out = run([gateway([http("web")], { namespaces: { from: "Same" } }), listenerSet("outsider", "apps", [http("x")]), route("r", "apps", setRef("outsider", "apps"))]);
    const routeStatus = out.result.statuses.find((s) => s.kind === "HTTPRoute")!.status as { parents: unknown[] };
    expect(routeStatus.parents).toEqual([]);
  });
});

describe("incremental updates", () => {
  it("a ListenerSet change recomputes only that set, its parent's status and the routes bound to it", () => {
    const objects = [
      ...world,
      gateway([http("web", "a.example.com")]),
      listenerSet("first", "apps", [http("one", "one.example.com")]),
      listenerSet("second", "apps", [http("two", "two.example.com")]),
      route("on-first", "apps", setRef("first", "apps")),
      route("on-second", "apps", setRef("second", "apps")),
      route("on-gateway", "infra", { name: "gw" }),
    ] as InputObject[];
    const inputs = staticInputs(objects);
    const out = gatewayCollections(inputs, OPTIONS);
    const changed: string[] = [];
    const record = (what: string) => (events: { type: string; new?: unknown; old?: unknown }[]) =>
      events.forEach((e) => {
        const item = (e.type === "delete" ? e.old : e.new) as { kind: string; metadata: { namespace?: string; name: string } };
        changed.push(`${what}:${item.kind}/${item.metadata.namespace}/${item.metadata.name}`);
      });
    out.statuses.registerBatch(record("status"), { replay: false });
    out.gateways.registerBatch(record("config"), { replay: false });
    out.virtualServices.registerBatch(record("config"), { replay: false });

    // A second listener on the first set: its Istio Gateway, its status, the parent's
    // Programmed (port 443 joins), the route bound to the set (now on two listeners,
    // with a VirtualService on the new one); nothing of the second set or other routes.
    inputs.listenerSets.set(listenerSet("first", "apps", [http("one", "one.example.com"), http("three", "three.example.com", 443)]));
    expect(changed.sort()).toEqual([
      "config:Gateway/apps/first~istio-autogenerated-k8s-gateway~three",
      "config:VirtualService/apps/apps~first~istio-autogenerated-k8s-gateway~three~*",
      "status:Gateway/infra/gw",
      "status:HTTPRoute/apps/on-first",
      "status:ListenerSet/apps/first",
    ]);
    const gw = out.statuses.get("Gateway/infra/gw")!.status as Status;
    expect(short(condition(gw, "Programmed"))).toBe(`True Programmed: Resource programmed, assigned to service(s) ${INGRESS}:443 and ${INGRESS}:80`);
  });
});
