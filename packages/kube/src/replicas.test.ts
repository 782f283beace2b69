/**
 * Several replicas of a controller built from this package: each serves from its own
 * informers, only the Lease holder writes statuses, and a new holder does not rewrite
 * statuses that are already right.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gatewayCollections, type GatewayOutputs, type StatusDocument } from "@weft/gateway";
import { clientNodeApi } from "./client-node-api.js";
import { gatewayInformers, type GatewayInformers } from "./gateway-informers.js";
import { LeaderElector } from "./leader-election.js";
import { StatusWriter } from "./status-writer.js";
import { FakeApiServer, type StoredObject } from "./testing/fake-api-server.js";
import { eventually, FAST, pause } from "./test-support.js";

const GW = "gateway.networking.k8s.io/v1";
const httpRoute = (name: string, host: string): StoredObject => ({
  apiVersion: GW,
  kind: "HTTPRoute",
  metadata: { name, namespace: "apps" },
  spec: { parentRefs: [{ name: "gw" }], hostnames: [host], rules: [{ backendRefs: [{ name: "web", port: 80 }] }] },
});
const CLUSTER: StoredObject[] = [
  { apiVersion: "v1", kind: "Namespace", metadata: { name: "apps" } },
  { apiVersion: GW, kind: "GatewayClass", metadata: { name: "istio" }, spec: { controllerName: "istio.io/gateway-controller" } },
  { apiVersion: GW, kind: "Gateway", metadata: { name: "gw", namespace: "apps" }, spec: { gatewayClassName: "istio", listeners: [{ name: "http", port: 80, protocol: "HTTP" }] } },
  { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "apps" }, spec: { ports: [{ port: 80 }] } },
  httpRoute("shop", "shop.example.com"),
];

interface Replica {
  name: string;
  informers: GatewayInformers;
  outputs: GatewayOutputs;
  elector: LeaderElector;
  writer: StatusWriter<StatusDocument>;
}

let server: FakeApiServer;
const replicas: Replica[] = [];

beforeEach(async () => {
  server = await FakeApiServer.start();
  for (const o of CLUSTER) server.apply(o);
});
afterEach(async () => {
  for (const r of replicas.splice(0)) {
    await r.writer.stop();
    await r.elector.stop();
    await r.informers.stop();
  }
  await server.close();
});

async function replica(name: string): Promise<Replica> {
  const api = clientNodeApi(server.kubeConfig(name));
  const informers = gatewayInformers(api, { informer: FAST }).start();
  const outputs = gatewayCollections(informers.inputs);
  await informers.waitUntilSynced();
  const elector = new LeaderElector(api, { namespace: "weft-system", name: "weft-gateway", identity: name, leaseDurationMs: 2000, renewDeadlineMs: 1500, retryPeriodMs: 100 });
  const writer = new StatusWriter<StatusDocument>({ api, statuses: outputs.statuses, controllerName: "istio.io/gateway-controller", current: (d) => informers.current(d), leadership: elector }).start();
  elector.start();
  const r = { name, informers, outputs, elector, writer };
  replicas.push(r);
  return r;
}

const statusPuts = (user?: string) => server.requests.filter((r) => r.method === "PUT" && r.path.endsWith("/status") && (user === undefined || r.user === user));
const routeParents = (name: string) => (server.read(httpRoute(name, ""))?.status as { parents?: { controllerName: string; conditions: { type: string; status: string }[] }[] } | undefined)?.parents ?? [];

describe("replicas of a controller", () => {
  it("all serve from their own informers; only the Lease holder writes; a new holder rewrites nothing unchanged", async () => {
    const a = await replica("replica-a");
    await eventually(() => expect(a.elector.isLeader()).toBe(true));
    const b = await replica("replica-b");
    for (const r of [a, b]) expect(r.outputs.virtualServices.list().map((vs) => vs.spec.hosts)).toEqual([["shop.example.com"]]);

    // The leader writes the statuses: the class, the Gateway and the route.
    await eventually(() => expect(routeParents("shop").map((p) => p.conditions.find((c) => c.type === "Accepted")?.status)).toEqual(["True"]));
    await eventually(() => expect(new Set(statusPuts().map((r) => r.path.split("/").at(-3)))).toEqual(new Set(["gatewayclasses", "gateways", "httproutes"])));
    await a.writer.idle();
    expect(statusPuts("replica-b")).toHaveLength(0);

    // b's informers see what a wrote, so b's translator agrees with the cluster.
    await eventually(() => expect(b.informers.current({ apiVersion: GW, kind: "HTTPRoute", metadata: { name: "shop", namespace: "apps" } })?.status).toEqual(server.read(httpRoute("shop", ""))?.status));
    await pause(200);
    const writesByA = statusPuts("replica-a").length;

    // a leaves; b takes the Lease, checks every status and finds nothing to write.
    await a.writer.stop();
    await a.elector.stop();
    await eventually(() => expect(b.elector.isLeader()).toBe(true));
    await pause(100);
    await b.writer.idle();
    expect(statusPuts("replica-b")).toHaveLength(0);
    expect(b.writer.stats.puts).toBe(0);

    // A change is written by the new leader, and only by it: the new route's status and
    // the Gateway's (its listener now has two routes attached).
    server.apply(httpRoute("cart", "cart.example.com"));
    const written = () => new Set(statusPuts("replica-b").map((r) => r.path.split("/").slice(-3, -1).join("/")));
    await eventually(() => expect(written()).toEqual(new Set(["httproutes/cart", "gateways/gw"])));
    expect(routeParents("cart")).toHaveLength(1);
    expect(statusPuts("replica-a")).toHaveLength(writesByA);
  });
});
