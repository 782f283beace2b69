/**
 * Runs the example controller against the cluster of your kubeconfig (KUBECONFIG, or
 * ~/.kube/config, or the in-cluster service account), serving xDS on XDS_ADDRESS
 * (default 0.0.0.0:15010) and logging the Istio config it computes and the statuses it
 * writes. Ctrl-C stops it and hands the Lease over.
 */
import { hostname } from "node:os";
import { KubeConfig } from "@kubernetes/client-node";
import type { Event } from "@weft/krt";
import { startController } from "./controller.js";

const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

const controller = await startController(kubeConfig, {
  identity: process.env.POD_NAME ?? hostname(),
  leaseNamespace: process.env.LEASE_NAMESPACE ?? "istio-system",
  ...(process.env.WATCH_NAMESPACES ? { namespaces: process.env.WATCH_NAMESPACES.split(",") } : {}),
  onError: (error, p) => log(p.type === "request" ? `retrying ${p.phase} of ${p.resource.kind} in ${Math.round(p.retryInMs)} ms: ${error instanceof Error ? error.message : String(error)}` : `ignoring invalid ${p.resource.kind} ${p.key}: ${p.problems.join("; ")}`),
  onWrite: (r) => r.outcome !== "unchanged" && log(`status of ${r.key}: ${r.outcome}${r.error ? ` (${r.error.message})` : ""}`),
  onLeadership: (leading) => log(leading ? "leading: writing statuses" : "not leading: statuses left to the leader"),
  xdsAddress: process.env.XDS_ADDRESS ?? "0.0.0.0:15010",
});
log(`synced; translating, and serving xDS (ADS) on port ${controller.xds?.port}`);

const describe = (kind: string) => (events: Event<{ metadata: { namespace?: string; name: string } }>[]) => {
  for (const e of events) {
    const item = e.type === "delete" ? e.old : e.new;
    log(`${kind} ${e.type} ${item.metadata.namespace ?? ""}/${item.metadata.name}`);
  }
};
controller.outputs.gateways.registerBatch(describe("Gateway"));
controller.outputs.virtualServices.registerBatch(describe("VirtualService"));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void controller.stop().then(() => process.exit(0));
  });
}
