/**
 * The same controller with no framework: plain maps and a per-namespace service
 * list kept sorted by name. `specialised` compares workloads field by field (the
 * best one can write); otherwise it uses a generic deep equality, as Istio's own
 * hand-written baseline does with reflect.DeepEqual.
 */
import deepEqual from "fast-deep-equal";
import type { Controller, Pod, Service, Workload } from "../pods-workload.js";
import { PodsByNamespace, podKey, withService, workloadOf } from "./scaffold.js";

function sameWorkload(a: Workload, b: Workload): boolean {
  if (a.ip !== b.ip || a.serviceNames.length !== b.serviceNames.length) return false;
  for (let i = 0; i < a.serviceNames.length; i++) if (a.serviceNames[i] !== b.serviceNames[i]) return false;
  return true;
}

export function handwrittenController(onEvent: () => void, specialised = true): Controller {
  const same = specialised ? sameWorkload : (deepEqual as (a: Workload, b: Workload) => boolean);
  const pods = new Map<string, Pod>();
  const podsByNamespace = new PodsByNamespace();
  const servicesByNamespace = new Map<string, Service[]>();
  const workloads = new Map<string, Workload>();

  // No event objects: the bare-map baseline only counts changes.
  function reconcile(key: string): void {
    const pod = pods.get(key);
    if (pod === undefined || pod.status.podIP === "") {
      if (workloads.delete(key)) onEvent();
      return;
    }
    const next = workloadOf(pod, servicesByNamespace.get(pod.metadata.namespace));
    const prev = workloads.get(key);
    if (prev !== undefined && same(prev, next)) return;
    workloads.set(key, next);
    onEvent();
  }

  return {
    setPod(pod) {
      const key = podKey(pod);
      pods.set(key, pod);
      podsByNamespace.add(pod, key);
      reconcile(key);
    },
    setService(svc) {
      const ns = svc.metadata.namespace;
      servicesByNamespace.set(ns, withService(servicesByNamespace.get(ns) ?? [], svc));
      for (const key of podsByNamespace.in(ns)) reconcile(key);
    },
    onEvent,
    workloadCount: () => workloads.size,
  };
}
