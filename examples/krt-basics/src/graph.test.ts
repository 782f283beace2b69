import { batch, staticCollection, type Event } from "@weft/krt";
import { describe, expect, it } from "vitest";
import { buildGraph, type Endpoint, type Pod, type Service } from "./graph.js";

const pod = (name: string, labels: Record<string, string>, ip?: string): Pod => ({ kind: "Pod", metadata: { name, namespace: "bookinfo", labels }, ...(ip ? { status: { podIP: ip } } : {}) });
const svc = (name: string, selector: Record<string, string>): Service => ({ kind: "Service", metadata: { name, namespace: "bookinfo" }, spec: { selector } });

describe("the krt-basics example graph", () => {
  it("recomputes only the workloads a service change can select, and updates endpoints and summary", () => {
    const pods = staticCollection([pod("r1", { app: "reviews", version: "v1" }, "10.0.0.1"), pod("r2", { app: "reviews", version: "v2" }, "10.0.0.2"), pod("p", { app: "page" }, "10.0.0.3")]);
    const services = staticCollection([svc("reviews-v2", { app: "reviews", version: "v2" }), svc("page", { app: "page" })]);
    const { workloads, endpoints, summary, runs } = buildGraph(pods, services);
    expect(summary.value()).toEqual({ workloads: 3, endpoints: 2 });
    const events: Event<Endpoint>[] = [];
    endpoints.registerBatch((es) => events.push(...es), { replay: false });
    const before = runs.workloads;
    batch(() => services.set(svc("reviews-v2", { app: "reviews" })));
    expect(runs.workloads - before).toBe(2);
    expect(workloads.get("bookinfo/r1")?.services).toEqual(["reviews-v2"]);
    expect(events).toEqual([{ type: "add", new: { key: "reviews-v2/10.0.0.1", service: "reviews-v2", address: "10.0.0.1" } }]);
    expect(summary.value()).toEqual({ workloads: 3, endpoints: 3 });
  });

  it("a pod without an IP has no workload", () => {
    const { workloads } = buildGraph(staticCollection([pod("pending", { app: "x" })]), staticCollection<Service>([]));
    expect(workloads.list()).toEqual([]);
  });
});
