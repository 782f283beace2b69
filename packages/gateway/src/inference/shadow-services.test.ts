import type { HTTPRoute, InferencePool } from "@weft/api";
import { collection, staticCollection } from "@weft/krt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveOptions } from "../options.js";
import { shadowService, shadowServices } from "./shadow-services.js";
import { shadowServiceName } from "./shadow-service.js";

const pool = (name: string, selector: Record<string, string>, targetPorts: number[], extra: Partial<InferencePool["spec"]> = {}): InferencePool => ({
  apiVersion: "inference.networking.k8s.io/v1",
  kind: "InferencePool",
  metadata: { name, namespace: "models", uid: `uid-${name}` },
  spec: { selector: { matchLabels: selector }, targetPorts: targetPorts.map((number) => ({ number })), endpointPickerRef: { name: "epp", port: { number: 9002 } }, ...extra },
});

const OUR_CONTROLLER = "istio.io/gateway-controller";

/** An HTTPRoute in `namespace` sending traffic to `pools` (in "models"), whose status lists parents of `controllers`. */
const route = (name: string, pools: string[], controllers: string[] = [OUR_CONTROLLER], namespace = "models"): HTTPRoute => ({
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "HTTPRoute",
  metadata: { name, namespace },
  spec: {
    parentRefs: [{ name: "gw", namespace: "infra" }],
    rules: [{ backendRefs: pools.map((p) => ({ group: "inference.networking.k8s.io", kind: "InferencePool", name: p, ...(namespace === "models" ? {} : { namespace: "models" }) })) }],
  },
  status: { parents: controllers.map((controllerName) => ({ controllerName, parentRef: { name: "gw", namespace: "infra" }, conditions: [] })) },
});

function setup(pools: InferencePool[], routes: HTTPRoute[], features = { gatewayAPIInferenceExtension: true }) {
  const inferencePools = staticCollection(pools);
  const httpRoutes = staticCollection(routes);
  const services = shadowServices({ inferencePools, httpRoutes }, resolveOptions({ features }));
  const events: string[] = [];
  services.register((e) => events.push(`${e.type} ${(e.type === "delete" ? e.old : e.new).metadata.labels?.["istio.io/inferencepool-name"]}`));
  const pooled = () => services.list().map((s) => s.metadata.labels?.["istio.io/inferencepool-name"]).sort();
  return { inferencePools, httpRoutes, services, events, pooled };
}

describe("InferencePool shadow Services", () => {
  it("is a headless Service named after the pool, selecting its Pods, owned by it", () => {
    const svc = shadowService(pool("llama", { app: "vllm" }, [8000]))!;
    expect(svc.metadata).toMatchObject({ name: shadowServiceName("llama"), namespace: "models" });
    expect(svc.metadata.name).toMatch(/^llama-ip-[0-9a-f]{8}$/);
    expect(svc.spec).toMatchObject({ type: "ClusterIP", clusterIP: "None", selector: { app: "vllm" } });
    expect(svc.metadata.ownerReferences).toEqual([{ apiVersion: "inference.networking.k8s.io/v1", kind: "InferencePool", name: "llama", uid: "uid-llama" }]);
  });

  it("has one port per target port, numbered from 54321 up, each mapping to its target port", () => {
    const svc = shadowService(pool("p", { app: "m" }, [8000, 8001, 9000]))!;
    expect(svc.spec?.ports).toEqual([
      { name: "http-0", protocol: "TCP", port: 54321, targetPort: 8000 },
      { name: "http-1", protocol: "TCP", port: 54322, targetPort: 8001 },
      { name: "http-2", protocol: "TCP", port: 54323, targetPort: 9000 },
    ]);
  });

  it("the pool's appProtocol is set on every port", () => {
    const svc = shadowService(pool("p", { app: "m" }, [8000, 8001], { appProtocol: "kubernetes.io/h2c" }))!;
    expect(svc.spec?.ports?.map((p) => p.appProtocol)).toEqual(["kubernetes.io/h2c", "kubernetes.io/h2c"]);
  });

  it("is labelled with the pool name and the endpoint picker's service, port and failure mode (default FailClose)", () => {
    const named = shadowService(pool("p", { app: "m" }, [8000], { endpointPickerRef: { name: "epp", port: { number: 9100 }, failureMode: "FailOpen" } }))!;
    expect(named.metadata.labels).toEqual({
      "istio.io/inferencepool-name": "p",
      "istio.io/inferencepool-extension-service": "epp",
      "istio.io/inferencepool-extension-port": "9100",
      "istio.io/inferencepool-extension-failure-mode": "FailOpen",
      "internal.istio.io/service-semantics": "inferencepool",
    });
    const defaulted = shadowService(pool("p", { app: "m" }, [8000], { endpointPickerRef: { name: "epp", port: { number: 9002 } } }))!;
    expect(defaulted.metadata.labels).toMatchObject({ "istio.io/inferencepool-extension-failure-mode": "FailClose" });
  });

  it("a pool whose endpoint picker names no port has no shadow Service, as Istio requires the port", () => {
    expect(shadowService(pool("p", { app: "m" }, [8000], { endpointPickerRef: { name: "epp" } }))).toBeUndefined();
    expect(shadowService(pool("p", { app: "m" }, [8000], { endpointPickerRef: undefined }))).toBeUndefined();
  });

  it("names at exactly 63 characters and above stay within 63", () => {
    expect(shadowService(pool("a".repeat(51), {}, [1]))!.metadata.name).toHaveLength(63);
    expect(shadowService(pool("b".repeat(200), {}, [1]))!.metadata.name).toHaveLength(63);
  });

  it("a hostile selector key stays a plain key", () => {
    const labels = JSON.parse('{"__proto__":"x","app":"m"}') as Record<string, string>;
    const svc = shadowService(pool("p", labels, [8000]))!;
    expect(Object.keys(svc.spec?.selector ?? {}).sort()).toEqual(["__proto__", "app"]);
    expect(({} as Record<string, unknown>)["x"]).toBeUndefined();
  });

  it("a selector or targetPorts of the wrong type gives an empty selector and no ports, not one entry per character", () => {
    const damaged = { ...pool("p", {}, []), spec: { selector: { matchLabels: "x".repeat(100_000) }, targetPorts: "8000", endpointPickerRef: { name: "e", port: { number: 1 } } } } as unknown as InferencePool;
    const svc = shadowService(damaged)!;
    expect(svc.spec?.selector).toEqual({});
    expect(svc.spec?.ports).toEqual([]);
  });

  it("a pool has a shadow Service only while an HTTPRoute referencing it has a parent of ours in its status", () => {
    const { httpRoutes, pooled } = setup([pool("a", { app: "a" }, [8000]), pool("b", { app: "b" }, [8000]), pool("c", { app: "c" }, [8000])], []);
    expect(pooled()).toEqual([]);
    // A route accepted only by another implementation is no gateway parent of ours.
    httpRoutes.set(route("foreign", ["a"], ["example.com/other-controller"]));
    expect(pooled()).toEqual([]);
    // A route whose status lists no parent yet is none either.
    httpRoutes.set(route("pending", ["a"], []));
    expect(pooled()).toEqual([]);
    httpRoutes.set(route("ours", ["a", "b"]));
    // A route in another namespace naming the pool's namespace counts too.
    httpRoutes.set(route("elsewhere", ["c"], [OUR_CONTROLLER], "apps"));
    expect(pooled()).toEqual(["a", "b", "c"]);
  });

  it("removing the last route to a pool deletes its shadow Service, and nothing else changes", () => {
    const { httpRoutes, events, pooled } = setup([pool("a", { app: "a" }, [8000]), pool("b", { app: "b" }, [8000])], [route("r1", ["a"]), route("r2", ["a"]), route("rb", ["b"])]);
    expect(pooled()).toEqual(["a", "b"]);
    events.length = 0;
    httpRoutes.delete("models/r1");
    expect(events).toEqual([]);
    httpRoutes.delete("models/r2");
    expect(events).toEqual(["delete a"]);
    expect(pooled()).toEqual(["b"]);
    // The route coming back brings the Service back.
    httpRoutes.set(route("r2", ["a"]));
    expect(events).toEqual(["delete a", "add a"]);
  });

  it("a route whose status loses our parent, or that stops referencing the pool, counts as removed", () => {
    const { httpRoutes, events } = setup([pool("a", { app: "a" }, [8000])], [route("r", ["a"])]);
    events.length = 0;
    httpRoutes.set(route("r", ["a"], ["example.com/other-controller"]));
    expect(events).toEqual(["delete a"]);
    httpRoutes.set(route("r", ["a"]));
    httpRoutes.set(route("r", ["other-pool"]));
    expect(events).toEqual(["delete a", "add a", "delete a"]);
  });

  it("no pool has a shadow Service while the inference extension is off", () => {
    const { pooled } = setup([pool("a", { app: "a" }, [8000])], [route("r", ["a"])], { gatewayAPIInferenceExtension: false });
    expect(pooled()).toEqual([]);
  });

  it("when a pool's selector changes its shadow Service follows and nothing else recomputes", () => {
    const { inferencePools, services, events } = setup([pool("a", { app: "a" }, [8000]), pool("b", { app: "b" }, [8000]), pool("c", { app: "c" }, [8000])], [route("r", ["a", "b", "c"])]);
    // A consumer of the shadow Services (say, the endpoint builder) records each run.
    const consumerRuns: string[] = [];
    const consumer = collection(services, (_ctx, s) => (consumerRuns.push(s.metadata.labels?.["istio.io/inferencepool-name"] ?? ""), s));
    expect(consumer.list()).toHaveLength(3);
    events.length = 0;
    consumerRuns.length = 0;
    inferencePools.set(pool("b", { app: "b2" }, [8000]));
    expect(consumerRuns).toEqual(["b"]);
    expect(events).toEqual(["update b"]);
    expect(services.list().find((s) => s.metadata.labels?.["istio.io/inferencepool-name"] === "b")?.spec?.selector).toEqual({ app: "b2" });
  });

  it("property: after any sequence of route and pool changes the shadow Services are exactly those of pools with a gateway parent", () => {
    const poolNames = ["a", "b", "c"];
    const change = fc.oneof(
      fc.record({ op: fc.constant("setRoute" as const), name: fc.constantFrom("r1", "r2", "r3"), pools: fc.subarray(poolNames), ours: fc.boolean() }),
      fc.record({ op: fc.constant("deleteRoute" as const), name: fc.constantFrom("r1", "r2", "r3") }),
      fc.record({ op: fc.constant("setPool" as const), name: fc.constantFrom(...poolNames), port: fc.boolean() }),
      fc.record({ op: fc.constant("deletePool" as const), name: fc.constantFrom(...poolNames) }),
    );
    fc.assert(
      fc.property(fc.array(change, { maxLength: 25 }), (changes) => {
        const { inferencePools, httpRoutes, pooled } = setup([], []);
        for (const c of changes) {
          if (c.op === "setRoute") httpRoutes.set(route(c.name, c.pools, [c.ours ? OUR_CONTROLLER : "example.com/other-controller"]));
          else if (c.op === "deleteRoute") httpRoutes.delete(`models/${c.name}`);
          else if (c.op === "setPool") inferencePools.set(pool(c.name, { app: c.name }, [8000], c.port ? {} : { endpointPickerRef: { name: "epp" } }));
          else inferencePools.delete(`models/${c.name}`);
        }
        // The oracle: a pool with a picker port that some route with a parent of ours references.
        const parented = new Set(
          httpRoutes
            .list()
            .filter((r) => r.status?.parents?.some((p) => p.controllerName === OUR_CONTROLLER))
            .flatMap((r) => r.spec?.rules?.flatMap((rule) => rule.backendRefs?.map((b) => b.name) ?? []) ?? []),
        );
        const expected = inferencePools
          .list()
          .filter((p) => p.spec?.endpointPickerRef?.port !== undefined && parented.has(p.metadata.name))
          .map((p) => p.metadata.name)
          .sort();
        expect(pooled()).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
