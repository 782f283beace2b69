/**
 * The example's krt graph: Workloads (a pod's IP and the services selecting it),
 * Endpoints per service (derived from the workloads), and a cluster-wide summary.
 */
import { collection, filter, index, manyCollection, singleton, type Collection, type StaticCollection } from "@weft/krt";

export interface Pod {
  kind: "Pod";
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  status?: { podIP?: string };
}

export interface Service {
  kind: "Service";
  metadata: { name: string; namespace: string };
  spec: { selector?: Record<string, string>; ports?: { name?: string; port: number }[] };
}

export interface Workload {
  key: string;
  ip: string;
  services: string[];
}

export interface Endpoint {
  key: string;
  service: string;
  address: string;
}

export function buildGraph(pods: StaticCollection<Pod>, services: StaticCollection<Service>) {
  /** How many times the Workloads transform ran; shows what a change recomputed. */
  const runs = { workloads: 0 };
  const servicesByNamespace = index(services, (s) => [s.metadata.namespace]);
  const workloads: Collection<Workload> = collection(
    pods,
    (ctx, pod) => {
      runs.workloads++;
      const ip = pod.status?.podIP;
      if (ip === undefined) return undefined;
      const selecting = ctx.fetch(services, filter.index(servicesByNamespace, pod.metadata.namespace), filter.selectsNonEmpty(pod.metadata.labels ?? {}));
      return { key: `${pod.metadata.namespace}/${pod.metadata.name}`, ip, services: selecting.map((s) => s.metadata.name) };
    },
    { name: "Workloads", key: (w) => w.key },
  );
  const endpoints = manyCollection(
    workloads,
    (_ctx, w) =>
      w.services.map((service) => ({ key: `${service}/${w.ip}`, service, address: w.ip })),
    { name: "Endpoints", key: (e) => e.key },
  );
  const summary = singleton((ctx) => ({ workloads: ctx.fetch(workloads).length, endpoints: ctx.fetch(endpoints).length }), { name: "Summary" });
  return { workloads, endpoints, summary, runs };
}
