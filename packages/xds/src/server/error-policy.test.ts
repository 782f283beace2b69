/**
 * The error policy every Weft package shares, as the ADS server applies it: a user
 * callback that throws (an event listener, `scopeOf`) is reported to `onError` (or,
 * without one, to the shared error sink of @weft/krt), never rethrown where it would
 * crash the process, and the server keeps serving.
 */
import { setErrorSink, staticCollection, type ErrorContext } from "@weft/krt";
import { afterEach, describe, expect, test } from "vitest";
import type { DiscoveryResponse } from "../gen/envoy/service/discovery/v3/discovery_pb.js";
import type { XdsResource } from "../resource.js";
import { CLUSTER_TYPE } from "../resource-types.js";
import { AdsServer, type AdsErrorContext, type AdsServerOptions } from "./ads-server.js";
import { defaultScopeOf } from "./client-scope.js";
import { adsClient, cluster, clusterNames, sotwRequest, TestStream } from "./test-streams.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

async function serve(options: AdsServerOptions) {
  const resources = staticCollection<XdsResource>([cluster("a")], { key: (r) => r.key });
  const server = new AdsServer(resources, options);
  const port = await server.listen();
  const client = adsClient(port);
  cleanups.push(() => server.close(200), () => client.close());
  const open = () => new TestStream<ReturnType<typeof sotwRequest>, DiscoveryResponse>(client.streamAggregatedResources());
  return { server, resources, open };
}

function captureSink() {
  const sunk: { error: unknown; context: ErrorContext }[] = [];
  const previous = setErrorSink((error, context) => sunk.push({ error, context }));
  cleanups.push(() => void setErrorSink(previous));
  return sunk;
}

describe("ADS server error policy", () => {
  test("a listener that throws is reported to onError with its event and stream, and the stream keeps being served", async () => {
    const told: [unknown, AdsErrorContext][] = [];
    const { server, resources, open } = await serve({ onError: (error, context) => told.push([error, context]) });
    server.on("open", () => {
      throw new Error("listener broke");
    });
    const s = open();
    s.send(sotwRequest({ node: { id: "n" }, typeUrl: CLUSTER_TYPE }));
    expect(clusterNames(await s.next())).toEqual(["a"]);
    expect(told.map(([e, c]) => [String(e), c])).toEqual([["Error: listener broke", { streamId: 1, during: "open" }]]);
    resources.set(cluster("b"));
    expect(clusterNames(await s.next())).toEqual(["a", "b"]);
  });

  test("without onError, a throwing listener goes to the shared error sink", async () => {
    const sunk = captureSink();
    const { server, open } = await serve({});
    server.on("open", () => {
      throw new Error("listener broke");
    });
    const s = open();
    s.send(sotwRequest({ node: { id: "n" }, typeUrl: CLUSTER_TYPE }));
    await s.next();
    expect(sunk.map((x) => [String(x.error), x.context])).toEqual([["Error: listener broke", { source: "ads-server", key: "stream 1", phase: "handler" }]]);
  });

  test("a scopeOf that throws is reported and closes that client's stream alone; the server serves the next client", async () => {
    const told: [unknown, AdsErrorContext][] = [];
    const { open } = await serve({
      scopeOf: (node) => {
        if (node?.id === "bad") throw new Error("scope broke");
        return defaultScopeOf(node);
      },
      onError: (error, context) => told.push([error, context]),
    });
    const bad = open();
    bad.send(sotwRequest({ node: { id: "bad" }, typeUrl: CLUSTER_TYPE }));
    await expect.poll(() => bad.ended).toBe(true);
    expect(told.map(([e, c]) => [String(e), c])).toEqual([["Error: scope broke", { streamId: 1, during: "request" }]]);
    const good = open();
    good.send(sotwRequest({ node: { id: "good" }, typeUrl: CLUSTER_TYPE }));
    expect(clusterNames(await good.next())).toEqual(["a"]);
  });
});
