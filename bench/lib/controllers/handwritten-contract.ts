/**
 * The hand-written controller doing what krt's contract requires of krt (krt-api.md,
 * rules 4 and 5): an input equal to the stored one changes nothing (input equality),
 * an output equal to the previous one produces no event (output equality), both with
 * the generic deep equality krt uses by default (fast-deep-equal), and every change is
 * delivered to a registered handler as a real event object (`add`/`update`/`delete`
 * with the old and new values). This is the like-for-like baseline; the bare-map
 * controller (handwritten.ts) stays the hardest one.
 */
import deepEqual from "fast-deep-equal";
import { selectsNonEmpty, type Controller, type Pod, type Service, type Workload } from "../pods-workload.js";

type WorkloadEvent = { type: "add"; new: Workload } | { type: "update"; old: Workload; new: Workload } | { type: "delete"; old: Workload };

export function handwrittenContractController(onEvent: () => void): Controller {
  const pods = new Map<string, Pod>();
  const podsByNamespace = new Map<string, Set<string>>();
  const servicesByNamespace = new Map<string, Service[]>();
  const workloads = new Map<string, Workload>();
  const handlers: ((e: WorkloadEvent) => void)[] = [() => onEvent()];

  function emit(e: WorkloadEvent): void {
    for (const h of handlers) h(e);
  }

  function reconcile(key: string): void {
    const pod = pods.get(key);
    const prev = workloads.get(key);
    if (pod === undefined || pod.status.podIP === "") {
      if (prev !== undefined) {
        workloads.delete(key);
        emit({ type: "delete", old: prev });
      }
      return;
    }
    const names: string[] = [];
    const services = servicesByNamespace.get(pod.metadata.namespace);
    if (services !== undefined) {
      for (const s of services) if (selectsNonEmpty(s.spec.selector, pod.metadata.labels)) names.push(s.metadata.name);
    }
    const next: Workload = { name: pod.metadata.name, namespace: pod.metadata.namespace, ip: pod.status.podIP, serviceNames: names };
    if (prev !== undefined && deepEqual(prev, next)) return;
    workloads.set(key, next);
    emit(prev === undefined ? { type: "add", new: next } : { type: "update", old: prev, new: next });
  }

  return {
    setPod(pod) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const stored = pods.get(key);
      if (stored !== undefined && deepEqual(stored, pod)) return;
      pods.set(key, pod);
      let keys = podsByNamespace.get(pod.metadata.namespace);
      if (keys === undefined) podsByNamespace.set(pod.metadata.namespace, (keys = new Set()));
      keys.add(key);
      reconcile(key);
    },
    setService(svc) {
      const ns = svc.metadata.namespace;
      const current = servicesByNamespace.get(ns) ?? [];
      const stored = current.find((s) => s.metadata.name === svc.metadata.name);
      if (stored !== undefined && deepEqual(stored, svc)) return;
      const list = current.filter((s) => s !== stored);
      list.push(svc);
      list.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
      servicesByNamespace.set(ns, list);
      for (const key of podsByNamespace.get(ns) ?? []) reconcile(key);
    },
    onEvent,
    workloadCount: () => workloads.size,
  };
}
