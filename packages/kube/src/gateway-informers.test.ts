import { afterEach, describe, expect, it } from "vitest";
import { staticInputs } from "@weft/gateway";
import { clientNodeApi } from "./client-node-api.js";
import { gatewayInformers, gatewayInputKinds, type GatewayInformers } from "./gateway-informers.js";
import { KNOWN_RESOURCES } from "./resources.js";
import { FakeApiServer } from "./testing/fake-api-server.js";
import { FAST } from "./test-support.js";

let server: FakeApiServer | undefined;
let informers: GatewayInformers | undefined;
afterEach(async () => {
  await informers?.stop();
  await server?.close();
});

describe("gateway informers", () => {
  it("cover every input of the translator, each with the kinds the translator sorts into it", () => {
    const kinds = gatewayInputKinds();
    expect([...kinds.keys()].sort()).toEqual(Object.keys(staticInputs([])).sort());
    expect(kinds.get("httpRoutes")).toEqual(["HTTPRoute.gateway.networking.k8s.io"]);
    expect(kinds.get("services")).toEqual(["Service"]);
    for (const list of kinds.values()) expect(list.length).toBeGreaterThan(0);
  });

  it("sync in a cluster without the optional CRDs, and find the object behind a status document", async () => {
    const required = ["", "gateway.networking.k8s.io"];
    server = await FakeApiServer.start({ resources: KNOWN_RESOURCES.filter((r) => required.includes(r.group) && !["TCPRoute", "TLSRoute"].includes(r.kind)) });
    server.apply({ apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name: "gw", namespace: "apps" }, spec: { gatewayClassName: "istio", listeners: [] } });
    informers = gatewayInformers(clientNodeApi(server.kubeConfig()), { informer: FAST }).start();
    await informers.waitUntilSynced();
    expect(informers.inputs.tcpRoutes.list()).toEqual([]);
    expect(informers.inputs.inferencePools.hasSynced()).toBe(true);
    expect(informers.current({ apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name: "gw", namespace: "apps" } })?.metadata.name).toBe("gw");
    expect(informers.current({ apiVersion: "networking.istio.io/v1", kind: "Gateway", metadata: { name: "gw", namespace: "apps" } })).toBeUndefined();
  });
});
