/**
 * The worked examples of docs/krt.md, compiled and run. Each `#region docs:` below is
 * the text of one TypeScript block of the page's "Worked examples" section, and the
 * last test checks that the page shows exactly these regions, so the page cannot
 * drift from code that runs.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// #region docs: imports
import { batch, collection, filter, index, join, manyCollection, setErrorSink, singleton, staticCollection, statusCollection } from "@weft/krt";
// #endregion

// #region docs: types
interface Meta {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
}
interface Pod {
  metadata: Meta;
  status?: { podIP?: string };
}
interface Service {
  metadata: Meta;
  spec: { selector?: Record<string, string> };
}
interface Workload {
  metadata: Meta;
  ip: string;
  services: string[];
}
// #endregion

const pod = (name: string, labels: Record<string, string>, ip?: string): Pod => ({ metadata: { namespace: "shop", name, labels }, ...(ip === undefined ? {} : { status: { podIP: ip } }) });
const svc = (name: string, selector: Record<string, string>): Service => ({ metadata: { namespace: "shop", name }, spec: { selector } });

function workloadGraph() {
  // #region docs: workloads
  const pods = staticCollection<Pod>([], { name: "Pods" });
  const services = staticCollection<Service>([], { name: "Services" });

  // One Workload per Pod with an address: the Services of its namespace that select it.
  const workloads = collection(
    pods,
    (ctx, pod): Workload | undefined => {
      const ip = pod.status?.podIP;
      if (ip === undefined) return undefined; // no address yet: no workload
      const selecting = ctx.fetch(services, filter.namespace(pod.metadata.namespace), filter.selectsNonEmpty(pod.metadata.labels ?? {}));
      return { metadata: pod.metadata, ip, services: selecting.map((s) => s.metadata.name) };
    },
    { name: "Workloads" },
  );
  // #endregion
  return { pods, services, workloads };
}

describe("docs/krt.md worked examples", () => {
  it("a derived collection that fetches: workloads follow their pods and the services selecting them", () => {
    const { pods, services, workloads } = workloadGraph();
    // #region docs: workloads-use
    pods.set(pod("web-1", { app: "web" }, "10.0.0.1"));
    pods.set(pod("web-2", { app: "web" })); // no IP: no workload
    services.set(svc("web", { app: "web" }));
    workloads.get("shop/web-1"); // { metadata, ip: "10.0.0.1", services: ["web"] }

    const seen: string[] = [];
    workloads.register((e) => seen.push(`${e.type} ${e.type === "delete" ? e.old.metadata.name : e.new.metadata.name}`));
    // seen: ["add web-1"] (the replay)
    services.delete("shop/web"); // re-runs only the pods the old selector selected
    // seen: ["add web-1", "update web-1"]; services of web-1 is now []
    // #endregion
    expect(workloads.get("shop/web-1")).toEqual({ metadata: pod("web-1", { app: "web" }).metadata, ip: "10.0.0.1", services: [] });
    expect(workloads.get("shop/web-2")).toBeUndefined();
    expect(seen).toEqual(["add web-1", "update web-1"]);
  });

  it("many outputs per input, an index, a singleton, and a batch", () => {
    const { pods, services, workloads } = workloadGraph();
    // #region docs: endpoints
    // Each workload yields one endpoint per service selecting it, each with its own key.
    const endpoints = manyCollection(workloads, (_ctx, w) => w.services.map((service) => ({ key: `${service}/${w.ip}`, service, address: w.ip })), {
      name: "Endpoints",
      key: (e) => e.key,
    });
    const byService = index(endpoints, (e) => [e.service]);
    // A single value over everything: fetch with no filter depends on every item.
    const summary = singleton((ctx) => ({ endpoints: ctx.fetch(endpoints).length }), { name: "Summary" });

    // One round for several writes: each derived key is recomputed once, handlers see one state.
    batch(() => {
      services.set(svc("web", { app: "web" }));
      pods.set(pod("web-1", { app: "web" }, "10.0.0.1"));
      pods.set(pod("web-2", { app: "web" }, "10.0.0.2"));
    });
    byService.lookup("web").map((e) => e.address); // ["10.0.0.1", "10.0.0.2"]
    summary.value(); // { endpoints: 2 }
    // #endregion
    expect(byService.lookup("web").map((e) => e.address)).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(summary.value()).toEqual({ endpoints: 2 });
  });

  it("a join: local overrides win over defaults on a shared key", () => {
    // #region docs: join
    interface Setting {
      metadata: { name: string };
      value: string;
    }
    const setting = (name: string, value: string): Setting => ({ metadata: { name }, value });
    const overrides = staticCollection<Setting>([setting("timeout", "5s")], { name: "Overrides" });
    const defaults = staticCollection<Setting>([setting("timeout", "30s"), setting("retries", "3")], { name: "Defaults" });
    const settings = join([overrides, defaults], { name: "Settings" }); // the earlier input wins a key

    settings.get("timeout")?.value; // "5s"
    overrides.delete("timeout"); // one "update" event: the default shows through
    settings.get("timeout")?.value; // "30s"
    // #endregion
    expect(settings.list().map((s) => [s.metadata.name, s.value])).toEqual([
      ["retries", "3"],
      ["timeout", "30s"],
    ]);
  });

  it("a status collection and errors: a throwing transform keeps its last output and is reported", () => {
    const { pods } = workloadGraph();
    const reported: string[] = [];
    const previous = setErrorSink((error, context) => reported.push(`${context.source} ${context.key}: ${String(error)}`));
    try {
      // #region docs: status-and-errors
      // One run yields an output and a status for the input (a status writer watches `statuses`).
      const { outputs, statuses } = statusCollection(
        pods,
        (_ctx, pod) => {
          if (pod.metadata.labels?.["broken"] === "true") throw new Error("cannot translate");
          const ready = pod.status?.podIP !== undefined;
          return { output: ready ? { metadata: pod.metadata, ip: pod.status!.podIP! } : undefined, status: { ready } };
        },
        { name: "Translated", onError: (error, inputKey) => console.warn(`${inputKey}: ${String(error)}`) },
      );
      pods.set(pod("web-1", { app: "web" }, "10.0.0.1"));
      statuses.get("shop/web-1")?.status; // { ready: true }

      pods.set(pod("web-1", { app: "web", broken: "true" }, "10.0.0.1"));
      // onError was told "shop/web-1: Error: cannot translate"; the key keeps its last
      // good output and status, and the next change to the pod tries again.
      outputs.get("shop/web-1")?.ip; // "10.0.0.1"

      // Without onError, errors go to one sink shared by every Weft package (console.error
      // by default): setErrorSink((error, { source, key, phase }) => log(...)).
      // #endregion
      expect(statuses.get("shop/web-1")?.status).toEqual({ ready: true });
      expect(outputs.get("shop/web-1")?.ip).toBe("10.0.0.1");
      expect(reported).toEqual([]); // onError took it
    } finally {
      setErrorSink(previous);
    }
  });

  it("docs/krt.md shows exactly these regions, in this order", () => {
    const page = readFileSync(new URL("../../../docs/krt.md", import.meta.url), "utf8");
    const section = page.slice(page.indexOf("## Worked examples"), page.indexOf("\n## ", page.indexOf("## Worked examples") + 1));
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const source = readFileSync(new URL(import.meta.url), "utf8");
    const regions = [...source.matchAll(/\/\/ #region docs: [\w-]+\n([\s\S]*?)\s*\/\/ #endregion/g)].map((m) => dedent(m[1]!));
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks).toEqual(regions);
  });
});

/** The region's text with its common indentation removed, ending in one newline. */
function dedent(text: string): string {
  const lines = text.replace(/\s+$/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length));
  return `${lines.map((l) => l.slice(indent)).join("\n")}\n`;
}
