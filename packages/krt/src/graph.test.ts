import { describe, expect, it } from "vitest";
import { collection } from "./collection.js";
import { filter } from "./filter.js";
import { graph } from "./graph.js";
import { index } from "./key-index.js";
import { staticCollection } from "./static.js";
import { statusCollection } from "./status.js";
import { obj } from "./test-support.js";

describe("graph", () => {
  it("renders collections with kinds and counts, input and fetch edges, as Mermaid", () => {
    const pods = staticCollection([obj("p", "ns", { labels: { app: "x" } })], { name: "GraphPods" });
    const services = staticCollection([obj("s", "ns", { spec: { selector: { app: "x" } } })], { name: "GraphServices" });
    const byNs = index(services, (s) => [s.metadata.namespace!]);
    const workloads = collection(pods, (ctx, p) => ({ ...p, spec: { value: ctx.fetch(services, filter.index(byNs, "ns")).length } }), { name: 'Work"loads' });
    const { statuses } = statusCollection(workloads, (_c, w) => ({ status: { ok: true }, output: w }), { name: "Checked" });
    const text = graph({ around: [statuses] });
    const id = (c: { name: string }) => text.split("\n").find((l) => l.includes(c.name.replace('"', "#quot;")))!.trim().split("[")[0];
    expect(text.startsWith("flowchart LR\n")).toBe(true);
    expect(text).toContain('GraphPods<br/>static · 1 item"]');
    expect(text).toContain("Work#quot;loads<br/>collection · 1 item");
    expect(text).toContain(`${id(pods)} --> ${id(workloads)}`);
    expect(text).toContain(`${id(services)} -. fetch .-> ${id(workloads)}`);
    expect(text).toContain(`== status ==> ${id(statuses)}`);
    expect(graph()).toContain("GraphPods");
  });
});
