import { afterEach, describe, expect, it } from "vitest";
import { FakeApiServer, type StoredObject } from "@weft/kube/testing";
import { startController, type Controller } from "./controller.js";

const GW = "gateway.networking.k8s.io/v1";
const CLUSTER: StoredObject[] = [
  { apiVersion: GW, kind: "Gateway", metadata: { name: "gw", namespace: "apps" }, spec: { gatewayClassName: "istio", listeners: [{ name: "http", port: 80, protocol: "HTTP" }] } },
  { apiVersion: "v1", kind: "Service", metadata: { name: "gw-istio", namespace: "apps" }, spec: { ports: [{ port: 80 }] } },
  { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "apps" }, spec: { ports: [{ port: 80 }] } },
  { apiVersion: GW, kind: "HTTPRoute", metadata: { name: "web", namespace: "apps" }, spec: { parentRefs: [{ name: "gw" }], hostnames: ["web.example.com"], rules: [{ backendRefs: [{ name: "web", port: 80 }] }] } },
];

let server: FakeApiServer | undefined;
let controller: Controller | undefined;
afterEach(async () => {
  await controller?.stop();
  await server?.close();
});

const waitFor = async (check: () => boolean) => {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe("the example controller", () => {
  it("syncs from the cluster, translates, takes the Lease, writes statuses, and follows changes", async () => {
    server = await FakeApiServer.start();
    for (const o of CLUSTER) server.apply(o);
    controller = await startController(server.kubeConfig(), { identity: "example", lease: { leaseDurationMs: 2000, renewDeadlineMs: 1500, retryPeriodMs: 100 } });
    expect(controller.outputs.virtualServices.list().map((vs) => vs.spec.hosts)).toEqual([["web.example.com"]]);
    await waitFor(() => controller!.elector.isLeader());
    const routeStatus = () => JSON.stringify(server!.read(CLUSTER[3]!)?.status ?? {});
    await waitFor(() => routeStatus().includes('"Accepted","status":"True"'));
    expect(JSON.stringify(server.read(CLUSTER[0]!)?.status)).toContain('"Programmed","status":"True"');

    server.apply({ ...CLUSTER[3]!, spec: { ...(CLUSTER[3]!.spec as object), hostnames: ["shop.example.com"] } });
    await waitFor(() => controller!.outputs.virtualServices.list().some((vs) => vs.spec.hosts?.includes("shop.example.com")));
  });
});
