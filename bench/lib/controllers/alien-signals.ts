/**
 * The same controller on alien-signals, a second anchor beside the hand-written code:
 * one signal, one computed and one effect per pod, and one signal per namespace holding
 * its services (sorted by name). The computed derives the pod's Workload; the effect
 * compares it with the last one delivered using the generic deep equality krt uses by
 * default (fast-deep-equal) and emits an event object when it differs. Signals
 * propagate each write synchronously (no batching), as krt does.
 */
import { computed, effect, signal } from "alien-signals";
import deepEqual from "fast-deep-equal";
import type { Controller, Pod, Service, Workload } from "../pods-workload.js";
import { podKey, storeWorkload, withService, workloadOf, type WorkloadEvent } from "./scaffold.js";

type Signal<T> = { (): T; (value: T): void };

export function alienSignalsController(onEvent: () => void): Controller {
  const podSignals = new Map<string, Signal<Pod>>();
  const servicesByNamespace = new Map<string, Signal<readonly Service[]>>();
  const workloads = new Map<string, Workload>();
  const emit = (_e: WorkloadEvent) => onEvent();

  function namespaceServices(ns: string): Signal<readonly Service[]> {
    let s = servicesByNamespace.get(ns);
    if (s === undefined) servicesByNamespace.set(ns, (s = signal<readonly Service[]>([])));
    return s;
  }

  function track(key: string, pod: Pod): void {
    const podSignal = signal(pod);
    podSignals.set(key, podSignal);
    const workload = computed((): Workload | undefined => {
      const p = podSignal();
      return p.status.podIP === "" ? undefined : workloadOf(p, namespaceServices(p.metadata.namespace)());
    });
    effect(() => storeWorkload(workloads, key, workload(), deepEqual, emit));
  }

  return {
    setPod(pod) {
      const key = podKey(pod);
      const existing = podSignals.get(key);
      if (existing === undefined) track(key, pod);
      else existing(pod);
    },
    setService(svc) {
      const s = namespaceServices(svc.metadata.namespace);
      s(withService(s(), svc));
    },
    onEvent,
    workloadCount: () => workloads.size,
  };
}
