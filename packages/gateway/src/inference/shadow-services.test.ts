import type { InferencePool } from "@weft/api";
import { collection, staticCollection } from "@weft/krt";
import { describe, expect, it } from "vitest";
import { shadowService, shadowServices } from "./shadow-services.js";

const pool = (name: string, selector: Record<string, string>, targetPorts: number[], extra: Partial<InferencePool["spec"]> = {}): InferencePool => ({
  apiVersion: "inference.networking.k8s.io/v1",
  kind: "InferencePool",
  metadata: { name, namespace: "models", uid: `uid-${name}` },
  spec: { selector: { matchLabels: selector }, targetPorts: targetPorts.map((number) => ({ number })), ...extra },
});

describe("InferencePool shadow Services", () => {
  it("is a headless Service named after the pool, selecting its Pods, owned by it", () => {
    const svc = shadowService(pool("llama", { app: "vllm" }, [8000]));
    expect(svc.metadata).toMatchObject({ name: "llama-ip-" + svc.metadata.name.slice(-8), namespace: "models" });
    expect(svc.metadata.name).toMatch(/^llama-ip-[0-9a-f]{8}$/);
    expect(svc.spec).toMatchObject({ type: "ClusterIP", clusterIP: "None", selector: { app: "vllm" } });
    expect(svc.metadata.ownerReferences).toEqual([{ apiVersion: "inference.networking.k8s.io/v1", kind: "InferencePool", name: "llama", uid: "uid-llama" }]);
  });

  it("has one port per target port, numbered from 54321 up, each mapping to its target port", () => {
    const svc = shadowService(pool("p", { app: "m" }, [8000, 8001, 9000]));
    expect(svc.spec?.ports).toEqual([
      { name: "http-0", protocol: "TCP", port: 54321, targetPort: 8000 },
      { name: "http-1", protocol: "TCP", port: 54322, targetPort: 8001 },
      { name: "http-2", protocol: "TCP", port: 54323, targetPort: 9000 },
    ]);
  });

  it("is labelled with the pool name and the endpoint picker's service, port and failure mode (defaults 9002, FailClose)", () => {
    const named = shadowService(pool("p", { app: "m" }, [8000], { endpointPickerRef: { name: "epp", port: { number: 9100 }, failureMode: "FailOpen" } }));
    expect(named.metadata.labels).toEqual({
      "istio.io/inferencepool-name": "p",
      "istio.io/inferencepool-extension-service": "epp",
      "istio.io/inferencepool-extension-port": "9100",
      "istio.io/inferencepool-extension-failure-mode": "FailOpen",
      "internal.istio.io/service-semantics": "inferencepool",
    });
    const defaulted = shadowService(pool("p", { app: "m" }, [8000], { endpointPickerRef: { name: "epp" } }));
    expect(defaulted.metadata.labels).toMatchObject({ "istio.io/inferencepool-extension-port": "9002", "istio.io/inferencepool-extension-failure-mode": "FailClose" });
  });

  it("names at exactly 63 characters and above stay within 63", () => {
    expect(shadowService(pool("a".repeat(51), {}, [1])).metadata.name).toHaveLength(63);
    expect(shadowService(pool("b".repeat(200), {}, [1])).metadata.name).toHaveLength(63);
  });

  it("a hostile selector key stays a plain key", () => {
    const labels = JSON.parse('{"__proto__":"x","app":"m"}') as Record<string, string>;
    const svc = shadowService(pool("p", labels, [8000]));
    expect(Object.keys(svc.spec?.selector ?? {}).sort()).toEqual(["__proto__", "app"]);
    expect(({} as Record<string, unknown>)["x"]).toBeUndefined();
  });

  it("a selector or targetPorts of the wrong type gives an empty selector and no ports, not one entry per character", () => {
    const damaged = { ...pool("p", {}, []), spec: { selector: { matchLabels: "x".repeat(100_000) }, targetPorts: "8000" } } as unknown as Parameters<typeof shadowService>[0];
    const svc = shadowService(damaged);
    expect(svc.spec?.selector).toEqual({});
    expect(svc.spec?.ports).toEqual([]);
  });

  it("when a pool's selector changes its shadow Service follows and nothing else recomputes", () => {
    const pools = staticCollection([pool("a", { app: "a" }, [8000]), pool("b", { app: "b" }, [8000]), pool("c", { app: "c" }, [8000])]);
    const services = shadowServices(pools);
    // A consumer of the shadow Services (say, the endpoint builder) records each run.
    const consumerRuns: string[] = [];
    const consumer = collection(services, (_ctx, s) => (consumerRuns.push(s.metadata.labels?.["istio.io/inferencepool-name"] ?? ""), s));
    const events: string[] = [];
    services.register((e) => events.push(`${e.type} ${(e.type === "delete" ? e.old : e.new).metadata.name}`));
    expect(consumer.list()).toHaveLength(3);
    events.length = 0;
    consumerRuns.length = 0;
    pools.set(pool("b", { app: "b2" }, [8000]));
    expect(consumerRuns).toEqual(["b"]);
    expect(events).toEqual([`update ${shadowService(pool("b", {}, [1])).metadata.name}`]);
    expect(services.list().find((s) => s.metadata.labels?.["istio.io/inferencepool-name"] === "b")?.spec?.selector).toEqual({ app: "b2" });
  });
});
