import { create } from "@bufbuild/protobuf";
import { credentials, type ClientDuplexStream } from "@grpc/grpc-js";
import { afterEach, describe, expect, it } from "vitest";
import { FakeApiServer, type StoredObject } from "@weft/kube/testing";
import { AdsClient, CLUSTER_TYPE, DiscoveryRequestSchema, type DiscoveryRequest, type DiscoveryResponse } from "@weft/xds";
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

  it("serves xDS from its own informers: the gateway's listener, and endpoints from EndpointSlices", async () => {
    server = await FakeApiServer.start();
    for (const o of CLUSTER) server.apply(o);
    controller = await startController(server.kubeConfig(), { identity: "example", xdsAddress: "127.0.0.1:0", lease: { leaseDurationMs: 2000, renewDeadlineMs: 1500, retryPeriodMs: 100 } });
    const xds = controller.xds!;
    expect(xds.port).toBeGreaterThan(0);
    const listener = xds.outputs.listeners.list().find((r) => r.scope === "gateway:gw-istio.apps.svc.cluster.local");
    expect(listener?.name).toBe("0.0.0.0_80");

    server.apply({ apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", metadata: { name: "web-1", namespace: "apps", labels: { "kubernetes.io/service-name": "web" } }, addressType: "IPv4", ports: [{ port: 8080 }], endpoints: [{ addresses: ["10.1.2.3"] }] });
    const assignment = () => xds.outputs.endpoints.list().find((r) => r.name === "outbound|80||web.apps.svc.cluster.local");
    await waitFor(() => JSON.stringify(assignment()?.message ?? {}).includes("10.1.2.3"));

    // A real ADS stream gets every cluster the controller built.
    const client = new AdsClient(`127.0.0.1:${xds.port}`, credentials.createInsecure()) as unknown as { streamAggregatedResources(): ClientDuplexStream<DiscoveryRequest, DiscoveryResponse>; close(): void };
    const stream = client.streamAggregatedResources();
    try {
      const response = new Promise<DiscoveryResponse>((resolve, reject) => {
        stream.once("data", resolve);
        stream.once("error", reject);
      });
      stream.write(create(DiscoveryRequestSchema, { typeUrl: CLUSTER_TYPE, node: { id: "test-client" } }));
      const clusters = await response;
      expect(clusters.resources).toHaveLength(xds.outputs.clusters.list().length);
      expect(clusters.resources.length).toBeGreaterThan(0);
    } finally {
      stream.cancel();
      client.close();
    }
  });
});
