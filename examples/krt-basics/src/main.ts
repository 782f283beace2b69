/**
 * The krt basics example: load bundled Pods and Services, build a small graph, change
 * two inputs and print exactly what changed downstream and how much was recomputed,
 * then the live graph as Mermaid. Run it with `pnpm example` (or `bash scripts/demo.sh`
 * on a fresh machine).
 */
import { readFileSync } from "node:fs";
import { batch, graph, staticCollection } from "@weft/krt";
import { parseAllDocuments } from "yaml";
import { buildGraph, type Pod, type Service } from "./graph.js";

const file = new URL("../data/cluster.yaml", import.meta.url);
const docs = parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS() as Pod | Service);

const pods = staticCollection(docs.filter((d): d is Pod => d.kind === "Pod"), { name: "Pods" });
const services = staticCollection(docs.filter((d): d is Service => d.kind === "Service"), { name: "Services" });
const { workloads, endpoints, summary, runs } = buildGraph(pods, services);

console.log(`Loaded ${pods.list().length} pods and ${services.list().length} services from ${file.pathname.split("/").slice(-2).join("/")}.`);
console.log("Workloads:");
for (const w of workloads.list()) console.log(`  ${w.key.padEnd(30)} ${w.ip.padEnd(10)} selected by ${w.services.join(", ") || "-"}`);
console.log(`Summary: ${JSON.stringify(summary.value())}\n`);

// registerBatch with replay: false reports only what the change below causes.
workloads.registerBatch((events) => {
  for (const e of events) if (e.type !== "delete") console.log(`  Workloads  ${e.type.padEnd(6)} ${e.new.key} -> selected by ${e.new.services.join(", ")}`);
}, { replay: false });
endpoints.registerBatch((events) => {
  for (const e of events) console.log(`  Endpoints  ${e.type.padEnd(6)} ${(e.type === "delete" ? e.old : e.new).key}`);
}, { replay: false });
summary.register((e) => e.type === "update" && console.log(`  Summary    update ${JSON.stringify(e.new)}`));

console.log("Change, in one batch: the reviews-v2 Service drops its version selector (so v1 pods match too),");
console.log("and the ratings pod moves to a new IP.");
const before = runs.workloads;
batch(() => {
  services.set({ kind: "Service", metadata: { name: "reviews-v2", namespace: "bookinfo" }, spec: { selector: { app: "reviews" }, ports: [{ name: "http", port: 9080 }] } });
  pods.set({ kind: "Pod", metadata: { name: "ratings-v1-4d2e", namespace: "bookinfo", labels: { app: "ratings", version: "v1" } }, status: { podIP: "10.0.0.32" } });
});
console.log(`Recomputed ${runs.workloads - before} of ${workloads.list().length} workloads (the others cannot be affected).\n`);

console.log("The live graph (Mermaid):\n");
console.log(graph({ around: [summary.asCollection()] }));
