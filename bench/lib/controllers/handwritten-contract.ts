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
import type { Controller, Pod, Service, Workload } from "../pods-workload.js";
import { PodsByNamespace, podKey, storeWorkload, withService, workloadOf, type WorkloadEvent } from "./scaffold.js";

export function handwrittenContractController(onEvent: () => void): Controller {
  const pods = new Map<string, Pod>();
  const podsByNamespace = new PodsByNamespace();
  const servicesByNamespace = new Map<string, Service[]>();
  const workloads = new Map<string, Workload>();
  const handlers: ((e: WorkloadEvent) => void)[] = [() => onEvent()];

  function emit(e: WorkloadEvent): void {
    for (const h of handlers) h(e);
  }

  function reconcile(key: string): void {
    const pod = pods.get(key);
    const next = pod === undefined || pod.status.podIP === "" ? undefined : workloadOf(pod, servicesByNamespace.get(pod.metadata.namespace));
    storeWorkload(workloads, key, next, deepEqual, emit);
  }

  return {
    setPod(pod) {
      const key = podKey(pod);
      const stored = pods.get(key);
      if (stored !== undefined && deepEqual(stored, pod)) return;
      pods.set(key, pod);
      podsByNamespace.add(pod, key);
      reconcile(key);
    },
    setService(svc) {
      const ns = svc.metadata.namespace;
      const current = servicesByNamespace.get(ns) ?? [];
      const stored = current.find((s) => s.metadata.name === svc.metadata.name);
      if (stored !== undefined && deepEqual(stored, svc)) return;
      servicesByNamespace.set(ns, withService(current, svc));
      for (const key of podsByNamespace.in(ns)) reconcile(key);
    },
    onEvent,
    workloadCount: () => workloads.size,
  };
}
