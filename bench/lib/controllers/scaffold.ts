/**
 * What the hand-written and signals controllers share, so each file shows only how
 * it differs: deriving a workload from a pod and its namespace's services, keeping a
 * namespace's services sorted by name, remembering which pods live in a namespace,
 * and turning a new workload into an add/update/delete event against the last one.
 */
import { selectsNonEmpty, type Pod, type Service, type Workload } from "../pods-workload.js";

export type WorkloadEvent = { type: "add"; new: Workload } | { type: "update"; old: Workload; new: Workload } | { type: "delete"; old: Workload };

/** The map key of a pod (and of its workload). */
export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

/** A running pod's workload: its IP and the services (in the given order) selecting it. */
export function workloadOf(pod: Pod, services: Iterable<Service> | undefined): Workload {
  const names: string[] = [];
  if (services !== undefined) {
    for (const s of services) if (selectsNonEmpty(s.spec.selector, pod.metadata.labels)) names.push(s.metadata.name);
  }
  return { name: pod.metadata.name, namespace: pod.metadata.namespace, ip: pod.status.podIP, serviceNames: names };
}

/** `services` with `svc` added or replacing the one of the same name, sorted by name (a new array). */
export function withService(services: readonly Service[], svc: Service): Service[] {
  const list = services.filter((s) => s.metadata.name !== svc.metadata.name);
  list.push(svc);
  list.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  return list;
}

/** The pod keys of each namespace, for re-reconciling a namespace when a service changes. */
export class PodsByNamespace {
  private readonly keys = new Map<string, Set<string>>();

  add(pod: Pod, key: string): void {
    let keys = this.keys.get(pod.metadata.namespace);
    if (keys === undefined) this.keys.set(pod.metadata.namespace, (keys = new Set()));
    keys.add(key);
  }

  in(namespace: string): Iterable<string> {
    return this.keys.get(namespace) ?? [];
  }
}

/**
 * Stores `next` (undefined: no workload) at `key` and emits the event it makes
 * against the stored one, unless `equal` finds them the same.
 */
export function storeWorkload(
  workloads: Map<string, Workload>,
  key: string,
  next: Workload | undefined,
  equal: (a: Workload, b: Workload) => boolean,
  emit: (e: WorkloadEvent) => void,
): void {
  const prev = workloads.get(key);
  if (next === undefined) {
    if (prev !== undefined) (workloads.delete(key), emit({ type: "delete", old: prev }));
    return;
  }
  if (prev !== undefined && equal(prev, next)) return;
  workloads.set(key, next);
  emit(prev === undefined ? { type: "add", new: next } : { type: "update", old: prev, new: next });
}
