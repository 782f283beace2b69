/**
 * The same controller with no framework: plain maps and a per-namespace service
 * list kept sorted by name. `specialised` compares workloads field by field (the
 * best one can write); otherwise it uses a generic deep equality, as Istio's own
 * hand-written baseline does with reflect.DeepEqual.
 */
import deepEqual from "fast-deep-equal";
import { selectsNonEmpty, type Controller, type Pod, type Service, type Workload } from "../pods-workload.js";

function sameWorkload(a: Workload, b: Workload): boolean {
  if (a.ip !== b.ip || a.serviceNames.length !== b.serviceNames.length) return false;
  for (let i = 0; i < a.serviceNames.length; i++) if (a.serviceNames[i] !== b.serviceNames[i]) return false;
  return true;
}

export function handwrittenController(onEvent: () => void, specialised = true): Controller {
  const same = specialised ? sameWorkload : (deepEqual as (a: Workload, b: Workload) => boolean);
  const pods = new Map<string, Pod>();
  const podsByNamespace = new Map<string, Set<string>>();
  const servicesByNamespace = new Map<string, Service[]>();
  const workloads = new Map<string, Workload>();

  function reconcile(key: string): void {
    const pod = pods.get(key);
    if (pod === undefined || pod.status.podIP === "") {
      if (workloads.delete(key)) onEvent();
      return;
    }
    const names: string[] = [];
    const services = servicesByNamespace.get(pod.metadata.namespace);
    if (services !== undefined) {
      for (const s of services) if (selectsNonEmpty(s.spec.selector, pod.metadata.labels)) names.push(s.metadata.name);
    }
    const next: Workload = { name: pod.metadata.name, namespace: pod.metadata.namespace, ip: pod.status.podIP, serviceNames: names };
    const prev = workloads.get(key);
    if (prev !== undefined && same(prev, next)) return;
    workloads.set(key, next);
    onEvent();
  }

  return {
    setPod(pod) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      pods.set(key, pod);
      let keys = podsByNamespace.get(pod.metadata.namespace);
      if (keys === undefined) podsByNamespace.set(pod.metadata.namespace, (keys = new Set()));
      keys.add(key);
      reconcile(key);
    },
    setService(svc) {
      const ns = svc.metadata.namespace;
      const list = (servicesByNamespace.get(ns) ?? []).filter((s) => s.metadata.name !== svc.metadata.name);
      list.push(svc);
      list.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
      servicesByNamespace.set(ns, list);
      for (const key of podsByNamespace.get(ns) ?? []) reconcile(key);
    },
    onEvent,
    workloadCount: () => workloads.size,
  };
}
