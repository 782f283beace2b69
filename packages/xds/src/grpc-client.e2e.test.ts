/**
 * End to end: our ADS server on loopback, real gRPC backends, and @grpc/grpc-js-xds as
 * the client (bootstrapped through GRPC_XDS_BOOTSTRAP_CONFIG, dialling xds:///...).
 * Routing changes go in as Gateway API HTTPRoutes through the krt inputs, and come out
 * of the same running server to the same client channel.
 */
import type { Client } from "@grpc/grpc-js";
import * as grpcXds from "@grpc/grpc-js-xds";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually, newClient, startBackend, tally, who, type Backend } from "./e2e-support.js";
import { AdsServer } from "./server/ads-server.js";
import type { NackEvent } from "./server/events.js";
import type { RouteConfiguration } from "./gen/envoy/config/route/v3/route_pb.js";
import { CLUSTER_TYPE, ROUTE_TYPE } from "./resource-types.js";
import { world, type World } from "./test-support.js";

const HOST = "echo.default.svc.cluster.local";
const TARGET = `xds:///${HOST}:8080`;
const TEST_TIMEOUT = 90_000;

const service = (name: string) => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default" }, spec: { ports: [{ name: "grpc", port: 8080 }] } });

/** A mesh (GAMMA) HTTPRoute on the echo Service: the routes proxyless clients of echo get. */
function echoRoute(rules: object[]) {
  return { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "echo", namespace: "default" }, spec: { parentRefs: [{ group: "", kind: "Service", name: "echo", port: 8080 }], rules } };
}
const to = (name: string, weight?: number) => ({ name, port: 8080, ...(weight === undefined ? {} : { weight }) });

let backends: Backend[] = [];
let w: World;
let server: AdsServer;
let client: Client;
const nacks: NackEvent[] = [];

beforeAll(async () => {
  backends = await Promise.all([startBackend("backend-a"), startBackend("backend-b")]);
  w = world(
    [service("echo"), service("backend-a"), service("backend-b"), echoRoute([{ backendRefs: [to("backend-a")] }])],
    backends.map((b) => ({ hostname: `${b.name}.default.svc.cluster.local`, port: 8080, endpoints: [{ address: "127.0.0.1", port: b.port, locality: { region: "local", zone: "a" } }] })),
  );
  server = new AdsServer(w.xds.resources, { onNack: (e) => nacks.push(e) });
  const port = await server.listen("127.0.0.1:0");
  process.env.GRPC_XDS_BOOTSTRAP_CONFIG = JSON.stringify({
    xds_servers: [{ server_uri: `127.0.0.1:${port}`, channel_creds: [{ type: "insecure" }], server_features: ["xds_v3"] }],
    node: { id: "weft-e2e-client", locality: {} },
  });
  grpcXds.register();
  client = newClient(TARGET);
}, TEST_TIMEOUT);

afterAll(async () => {
  client?.close();
  await server?.close(500);
  for (const b of backends) b.close();
});

/** Waits until every one of `n` calls is answered by `expected`. */
async function allAnsweredBy(expected: string, headers: Record<string, string> = {}, n = 5): Promise<void> {
  let last: Record<string, number> = {};
  await eventually(
    async () => {
      last = await tally(client, n, headers);
      return last[expected] === n;
    },
    () => `calls answered ${JSON.stringify(last)}, want all by ${expected}`,
  );
}

describe("proxyless gRPC client against our ADS server", () => {
  test(
    "the default route reaches its backend",
    async () => {
      await allAnsweredBy("backend-a");
      expect(await who(client)).toBe("backend-a");
    },
    TEST_TIMEOUT,
  );

  test(
    "a live change of the HTTPRoute moves traffic without restarting anything",
    async () => {
      await allAnsweredBy("backend-a");
      w.inputs.httpRoutes.set(echoRoute([{ backendRefs: [to("backend-b")] }]) as never);
      await allAnsweredBy("backend-b");
    },
    TEST_TIMEOUT,
  );

  test(
    "a weighted split lands within tolerance",
    async () => {
      w.inputs.httpRoutes.set(echoRoute([{ backendRefs: [to("backend-a", 75), to("backend-b", 25)] }]) as never);
      // The split is in force once both backends answer.
      let seen: Record<string, number> = {};
      await eventually(
        async () => {
          seen = await tally(client, 20);
          return (seen["backend-a"] ?? 0) > 0 && (seen["backend-b"] ?? 0) > 0;
        },
        () => JSON.stringify(seen),
      );
      const n = 400;
      const counts = await tally(client, n);
      const shareOfB = (counts["backend-b"] ?? 0) / n;
      expect((counts["backend-a"] ?? 0) + (counts["backend-b"] ?? 0)).toBe(n);
      // 25% of 400 has a standard deviation of ~2.2 points; 8 points is beyond 3.5 sigma.
      expect(shareOfB).toBeGreaterThan(0.17);
      expect(shareOfB).toBeLessThan(0.33);
    },
    TEST_TIMEOUT,
  );

  test(
    "a header match routes to the other backend",
    async () => {
      w.inputs.httpRoutes.set(
        echoRoute([
          { matches: [{ headers: [{ name: "x-variant", value: "canary" }] }], backendRefs: [to("backend-b")] },
          { backendRefs: [to("backend-a")] },
        ]) as never,
      );
      await allAnsweredBy("backend-b", { "x-variant": "canary" });
      await allAnsweredBy("backend-a");
      await allAnsweredBy("backend-a", { "x-variant": "stable" });
    },
    TEST_TIMEOUT,
  );

  test(
    "a regular-expression header match (gRFC A28's safe_regex_match) routes, with no NACK",
    async () => {
      const before = nacks.length;
      w.inputs.httpRoutes.set(
        echoRoute([
          { matches: [{ headers: [{ type: "RegularExpression", name: "x-variant", value: "canary-[0-9]+" }] }], backendRefs: [to("backend-b")] },
          { backendRefs: [to("backend-a")] },
        ]) as never,
      );
      await allAnsweredBy("backend-b", { "x-variant": "canary-42" });
      await allAnsweredBy("backend-a", { "x-variant": "canary-x" });
      expect(nacks.slice(before)).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  test(
    "a 1:1 split (Gateway API's default weights) is accepted and reaches both backends",
    async () => {
      const before = nacks.length;
      w.inputs.httpRoutes.set(echoRoute([{ backendRefs: [to("backend-a"), to("backend-b")] }]) as never);
      let seen: Record<string, number> = {};
      await eventually(
        async () => {
          seen = await tally(client, 40);
          return (seen["backend-a"] ?? 0) > 0 && (seen["backend-b"] ?? 0) > 0;
        },
        () => JSON.stringify(seen),
      );
      expect((seen["backend-a"] ?? 0) + (seen["backend-b"] ?? 0)).toBe(40);
      expect(nacks.slice(before)).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  test(
    "a rule with a regex RE2 rejects is left out: the client accepts the rest and nothing is NACKed",
    async () => {
      w.inputs.httpRoutes.set(echoRoute([{ backendRefs: [to("backend-a")] }]) as never);
      await allAnsweredBy("backend-a");
      const before = nacks.length;
      w.inputs.httpRoutes.set(
        echoRoute([
          { matches: [{ headers: [{ type: "RegularExpression", name: "x-variant", value: "(?=canary)" }] }], backendRefs: [to("backend-a")] },
          { backendRefs: [to("backend-b")] },
        ]) as never,
      );
      await allAnsweredBy("backend-b");
      await allAnsweredBy("backend-b", { "x-variant": "canary" });
      expect(nacks.slice(before)).toEqual([]);
      // What was served has only the valid rule (grpc-js compiles regexes with JavaScript's
      // engine, which takes a lookahead, so it alone would not have shown the difference).
      const served = w.xds.resources.list().find((r) => r.typeUrl === ROUTE_TYPE && r.name === `outbound|8080||${HOST}`)?.message as RouteConfiguration;
      expect(served.virtualHosts[0]?.routes).toHaveLength(1);
      expect(JSON.stringify(served.virtualHosts, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain("(?=");
    },
    TEST_TIMEOUT,
  );

  test(
    "a route the client rejects is NACKed and the last good route keeps serving",
    async () => {
      w.inputs.httpRoutes.set(echoRoute([{ backendRefs: [to("backend-a")] }]) as never);
      await allAnsweredBy("backend-a");
      const good = server.clients().flatMap((c) => c.types).find((t) => t.typeUrl === ROUTE_TYPE)?.acked;
      const before = nacks.length;
      // gRPC clients support no redirects (gRFC A28): the RouteConfiguration is rejected whole.
      w.inputs.httpRoutes.set(echoRoute([{ filters: [{ type: "RequestRedirect", requestRedirect: { hostname: "elsewhere.example.com", statusCode: 302 } }] }]) as never);
      await eventually(() => nacks.length > before, () => `no NACK after ${nacks.length - before} events`);
      const nack = nacks.at(-1)!;
      expect(nack.typeUrl).toBe(ROUTE_TYPE);
      expect(nack.message).toMatch(/redirect/);
      expect(nack.resources).toHaveProperty(`outbound|8080||${HOST}`);
      // The client still routes with the configuration it acknowledged, and says so.
      expect(await tally(client, 10)).toEqual({ "backend-a": 10 });
      expect(server.clients().flatMap((c) => c.types).find((t) => t.typeUrl === ROUTE_TYPE)?.acked).toEqual(good);
      // A fixed route is accepted again.
      w.inputs.httpRoutes.set(echoRoute([{ backendRefs: [to("backend-b")] }]) as never);
      await allAnsweredBy("backend-b");
    },
    TEST_TIMEOUT,
  );

  test(
    "a cluster the client rejects is NACKed and the last good cluster keeps serving",
    async () => {
      w.inputs.httpRoutes.set(echoRoute([{ backendRefs: [to("backend-a")] }]) as never);
      await allAnsweredBy("backend-a");
      const before = nacks.length;
      // Envoy load-balances RANDOM; gRPC clients only round-robin or ring-hash.
      w.destinationRules.set({ metadata: { name: "random", namespace: "default" }, spec: { host: "backend-a", trafficPolicy: { loadBalancer: { simple: "RANDOM" } } } });
      await eventually(() => nacks.slice(before).some((n) => n.typeUrl === CLUSTER_TYPE), () => "no CDS NACK");
      expect(nacks.slice(before).find((n) => n.typeUrl === CLUSTER_TYPE)?.message).toMatch(/lb_policy/);
      expect(await tally(client, 10)).toEqual({ "backend-a": 10 });
      w.destinationRules.delete("default/random");
      expect(await tally(client, 10)).toEqual({ "backend-a": 10 });
    },
    TEST_TIMEOUT,
  );
});
