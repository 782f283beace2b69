/**
 * xDS at scale: 100 Gateways (one proxy each, an HTTP listener on port 80) and 1,000
 * HTTPRoutes (10 per Gateway, over 50 Services with 3 endpoints each), through the whole
 * pipeline as users build it (@weft/xds `controlPlaneCollections`: @weft/gateway
 * translation, @weft/mesh's service index, the @weft/xds builders, every resource
 * serialised as it is built).
 *
 * Reported:
 *  - full build + serialise: the pipeline from scratch to every resource's bytes
 *    (median of --runs), beside translation alone (@weft/gateway `gatewayCollections`
 *    over the same objects, built separately); the xDS share is the difference;
 *  - the ADS server: 100 simulated gateway proxies on loopback (state of the world: LDS
 *    and CDS wildcard, RDS http.80, EDS by name, each response ACKed) plus one proxyless
 *    gRPC client of one service; after one HTTPRoute change, what is re-sent
 *    (responses, resources, bytes, by type; medians of --changes changes), and the time
 *    from the write to the last response handed to gRPC.
 * The target: one route change re-sends just the one RouteConfiguration, to one proxy.
 *
 * Each round runs in its own process (the detail printed is round 1's), then a summary
 * gives median [min-max] over the rounds. Options: --rounds N (default 3, or
 * WEFT_BENCH_ROUNDS), --runs N (full builds per process, default 5), --changes N (default 10).
 */
import { create } from "@bufbuild/protobuf";
import { credentials, type ClientDuplexStream } from "@grpc/grpc-js";
import { batch, dispose } from "@weft/krt";
import { gatewayCollections, staticInputs, type InputObject } from "@weft/gateway";
import type { HTTPRoute } from "@weft/api";
import { AdsClient, AdsServer, DiscoveryRequestSchema, type DiscoveryRequest, type DiscoveryResponse, CLUSTER_TYPE, ENDPOINT_TYPE, GATEWAY_METADATA_KEY, LISTENER_TYPE, ROUTE_TYPE, SCHEMA_OF, controlPlaneCollections, endpointsCollection, validateMessage, xdsRegistry, type PushStats, type ServiceEndpoints } from "@weft/xds";
import { childSubject, column, fmtSpread, reportFigures, roundsArg, runIsolated } from "./lib/isolated.js";
import { fmt, median, numberArg, table, timeMs } from "./lib/stats.js";

const GATEWAYS = 100;
const ROUTES_PER_GATEWAY = 10;
const SERVICES = 50;
const NS = "bench";

type Obj = Record<string, unknown>;

function route(g: number, r: number, variant = 0): HTTPRoute {
  const svc = (g * ROUTES_PER_GATEWAY + r) % SERVICES;
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: `g${g}-r${r}`, namespace: NS, creationTimestamp: "2024-01-01T00:00:01Z" },
    spec: {
      parentRefs: [{ name: `g${g}` }],
      hostnames: [`r${r}.g${g}.example.com`],
      rules: [
        { matches: [{ path: { type: "PathPrefix", value: `/api/v${variant}` }, headers: [{ name: "x-tenant", value: `t${r}` }] }], backendRefs: [{ name: `svc${svc}`, port: 80, weight: 90 }, { name: `svc${(svc + 1) % SERVICES}`, port: 80, weight: 10 }] },
        { matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: `svc${svc}`, port: 80 }] },
      ],
    },
  };
}

function objects(): Obj[] {
  const out: Obj[] = [{ apiVersion: "gateway.networking.k8s.io/v1", kind: "GatewayClass", metadata: { name: "istio" }, spec: { controllerName: "istio.io/gateway-controller" } }];
  for (let s = 0; s < SERVICES; s++) out.push({ apiVersion: "v1", kind: "Service", metadata: { name: `svc${s}`, namespace: NS }, spec: { ports: [{ name: "http", port: 80 }] } });
  for (let g = 0; g < GATEWAYS; g++) {
    out.push({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "Gateway",
      metadata: { name: `g${g}`, namespace: NS, creationTimestamp: "2024-01-01T00:00:00Z" },
      spec: { gatewayClassName: "istio", listeners: [{ name: "http", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "Same" } } }] },
    });
    for (let r = 0; r < ROUTES_PER_GATEWAY; r++) out.push(route(g, r));
  }
  return out;
}

function benchEndpoints(): ServiceEndpoints[] {
  return Array.from({ length: SERVICES }, (_, s) => ({
    hostname: `svc${s}.${NS}.svc.cluster.local`,
    port: 80,
    endpoints: [0, 1, 2].map((i) => ({ address: `10.${s}.0.${i + 1}`, port: 8080, locality: { region: "r", zone: `z${i}` } })),
  }));
}

const OPTIONS = { domainSuffix: "cluster.local", translate: { now: "bench" } };

/** Translation alone over `all`, timed, then released. */
function translateOnly(all: Obj[]): number {
  let inputs!: ReturnType<typeof staticInputs>;
  const ms = timeMs(() => {
    inputs = staticInputs(all as InputObject[]);
    gatewayCollections(inputs, { domainSuffix: OPTIONS.domainSuffix, ...OPTIONS.translate });
  });
  for (const c of Object.values(inputs)) dispose(c);
  return ms;
}

/** The whole pipeline over `all`, timed: translation, the service index, xDS (building and serialising every resource). */
function build(all: Obj[]) {
  let inputs!: ReturnType<typeof staticInputs>;
  let endpoints!: ReturnType<typeof endpointsCollection>;
  let pipeline!: ReturnType<typeof controlPlaneCollections>;
  const fullMs = timeMs(() => {
    inputs = staticInputs(all as InputObject[]);
    endpoints = endpointsCollection(benchEndpoints());
    pipeline = controlPlaneCollections({ gateway: inputs, endpoints }, OPTIONS);
  });
  const release = () => {
    pipeline.dispose();
    for (const c of [...Object.values(inputs), endpoints]) dispose(c);
  };
  return { inputs, xds: pipeline.xds, fullMs, release };
}

/** A simulated proxy: subscribes, ACKs every response, counts what it received. */
function proxyClient(port: number, node: { id: string; metadata?: Record<string, string> }, subscriptions: { typeUrl: string; names: string[] }[]) {
  const client = new AdsClient(`127.0.0.1:${port}`, credentials.createInsecure()) as unknown as { streamAggregatedResources(): ClientDuplexStream<DiscoveryRequest, DiscoveryResponse>; close(): void };
  const call = client.streamAggregatedResources();
  let received = 0;
  const names = new Map(subscriptions.map((s) => [s.typeUrl, s.names]));
  call.on("data", (r) => {
    received++;
    call.write(create(DiscoveryRequestSchema, { typeUrl: r.typeUrl, versionInfo: r.versionInfo, responseNonce: r.nonce, resourceNames: names.get(r.typeUrl) ?? [] }));
  });
  call.on("error", () => undefined);
  for (const [i, s] of subscriptions.entries()) {
    call.write(create(DiscoveryRequestSchema, { ...(i === 0 ? { node } : {}), typeUrl: s.typeUrl, resourceNames: s.names }));
  }
  return { received: () => received, close: () => (call.cancel(), client.close()) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `read()` stops changing for `quietMs`. */
async function settle(read: () => number, quietMs = 300, limitMs = 60_000): Promise<void> {
  const end = Date.now() + limitMs;
  let last = read();
  let stableSince = Date.now();
  while (Date.now() < end) {
    await sleep(25);
    const now = read();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs) return;
  }
  throw new Error("the ADS server did not settle");
}

const short = (typeUrl: string) => typeUrl.slice(typeUrl.lastIndexOf(".") + 1);

/** One process: the whole measurement; detail printed, key figures reported to the parent. */
async function child(args: string[]): Promise<void> {
  const runs = numberArg(args, "runs", 5);
  const changes = numberArg(args, "changes", 10);
  const all = objects();

  // Full build, from scratch each run (collections are eager: building them computes everything).
  build(all).release(); // warm up
  translateOnly(all);
  const translateMs: number[] = [];
  const xdsMs: number[] = [];
  const fullMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const translated = translateOnly(all);
    const run = build(all);
    translateMs.push(translated);
    fullMs.push(run.fullMs);
    xdsMs.push(run.fullMs - translated);
    run.release();
  }
  const { inputs, xds } = build(all);
  const resources = xds.resources.list();
  const count = (typeUrl: string) => resources.filter((r) => r.typeUrl === typeUrl).length;
  const totalBytes = resources.reduce((s, r) => s + r.bytes.byteLength, 0);
  console.log(`xds: ${GATEWAYS} gateways, ${GATEWAYS * ROUTES_PER_GATEWAY} HTTPRoutes, ${SERVICES} services x 3 endpoints; medians of ${runs} runs`);
  table(
    ["stage", "ms"],
    [
      ["translate (Gateway API to Istio config)", fmt(median(translateMs), 1)],
      ["xds build + serialize (every resource; full minus translation)", fmt(median(xdsMs), 1)],
      ["full pipeline", fmt(median(fullMs), 1)],
    ],
  );
  console.log(`resources: ${count(LISTENER_TYPE)} listeners, ${count(ROUTE_TYPE)} route configurations, ${count(CLUSTER_TYPE)} clusters, ${count(ENDPOINT_TYPE)} assignments; ${fmt(totalBytes / 1024, 1)} KiB serialised`);
  // The validator's share of the build: every resource walked afresh (the build memoises it per resource).
  const validateMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    for (const r of resources) validateMessage(SCHEMA_OF[r.typeUrl], r.message as never, xdsRegistry());
    validateMs.push(performance.now() - started);
  }
  console.log(`validation against Envoy's rules (every resource, uncached): ${fmt(median(validateMs), 1)} ms`);

  // The ADS server with 100 gateway proxies and one proxyless client.
  const server = new AdsServer(xds.resources);
  const port = await server.listen("127.0.0.1:0");
  const clusterNames = xds.clusters.list().map((c) => c.name);
  const clients = Array.from({ length: GATEWAYS }, (_, g) =>
    proxyClient(port, { id: `proxy-${g}`, metadata: { [GATEWAY_METADATA_KEY]: `g${g}-istio.${NS}.svc.cluster.local` } }, [
      { typeUrl: LISTENER_TYPE, names: [] },
      { typeUrl: CLUSTER_TYPE, names: [] },
      { typeUrl: ROUTE_TYPE, names: ["http.80"] },
      { typeUrl: ENDPOINT_TYPE, names: clusterNames },
    ]),
  );
  clients.push(
    proxyClient(port, { id: "grpc-client" }, [
      { typeUrl: LISTENER_TYPE, names: [`svc0.${NS}.svc.cluster.local:80`] },
      { typeUrl: ROUTE_TYPE, names: [`outbound|80||svc0.${NS}.svc.cluster.local`] },
    ]),
  );
  const totalReceived = () => clients.reduce((s, c) => s + c.received(), 0);
  await settle(totalReceived, 500);
  const initial: PushStats = server.stats();
  console.log(`initial push to ${clients.length} clients: ${initial.responses} responses, ${initial.resources} resources, ${fmt(initial.bytes / 1024 / 1024, 2)} MiB`);

  const sent: PushStats[] = [];
  const pushMs: number[] = [];
  for (let c = 0; c < changes; c++) {
    server.resetStats();
    const g = (c * 37) % GATEWAYS;
    const r = (c * 7) % ROUTES_PER_GATEWAY;
    pushMs.push(timeMs(() => batch(() => inputs.httpRoutes.set(route(g, r, c + 1)))));
    await settle(() => server.stats().responses, 200);
    sent.push(server.stats());
  }
  const med = (f: (s: PushStats) => number) => median(sent.map(f));
  const types = [...new Set(sent.flatMap((s) => Object.keys(s.byType)))];
  console.log(`after one HTTPRoute change (medians of ${changes} changes):`);
  table(
    ["re-sent", "responses", "resources", "bytes"],
    [["total", fmt(med((s) => s.responses), 0), fmt(med((s) => s.resources), 0), fmt(med((s) => s.bytes), 0)], ...types.map((t) => [short(t), fmt(med((s) => s.byType[t]?.responses ?? 0), 0), fmt(med((s) => s.byType[t]?.resources ?? 0), 0), fmt(med((s) => s.byType[t]?.bytes ?? 0), 0)])],
  );
  console.log(`write to pushed (rebuild + serialise + hand to gRPC), median: ${fmt(median(pushMs), 2)} ms`);
  for (const c of clients) c.close();
  await server.close(500);
  reportFigures({
    translateMs: median(translateMs),
    xdsMs: median(xdsMs),
    fullMs: median(fullMs),
    validateMs: median(validateMs),
    initialResponses: initial.responses,
    initialMiB: initial.bytes / 1024 / 1024,
    changeResponses: med((s) => s.responses),
    changeResources: med((s) => s.resources),
    changeBytes: med((s) => s.bytes),
    pushMs: median(pushMs),
  });
}

const SUMMARY: [string, string, number][] = [
  ["translate ms", "translateMs", 1],
  ["xds build + serialise ms", "xdsMs", 1],
  ["full pipeline ms", "fullMs", 1],
  ["validation (uncached) ms", "validateMs", 1],
  ["initial push responses", "initialResponses", 0],
  ["initial push MiB", "initialMiB", 2],
  ["one route change: responses re-sent", "changeResponses", 0],
  ["one route change: resources re-sent", "changeResources", 0],
  ["one route change: bytes re-sent", "changeBytes", 0],
  ["one route change: write to pushed ms", "pushMs", 2],
];

export default async function main(args: string[]): Promise<void> {
  if (childSubject(args) !== undefined) return child(args);
  const rounds = roundsArg(args);
  const results = runIsolated(args, ["xds"], rounds).get("xds")!;
  console.log(`xds summary: ${rounds} rounds, each in its own process (detail above is round 1); median [min-max] over rounds`);
  table(
    ["figure", "median [min-max]"],
    SUMMARY.map(([label, key, digits]) => [label, fmtSpread(column(results, key), digits)]),
  );
}
