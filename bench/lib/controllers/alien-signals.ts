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
import { selectsNonEmpty, type Controller, type Pod, type Service, type Workload } from "../pods-workload.js";

type Signal<T> = { (): T; (value: T): void };
type WorkloadEvent = { type: "add"; new: Workload } | { type: "update"; old: Workload; new: Workload } | { type: "delete"; old: Workload };

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
      if (p.status.podIP === "") return undefined;
      const names: string[] = [];
      for (const s of namespaceServices(p.metadata.namespace)()) if (selectsNonEmpty(s.spec.selector, p.metadata.labels)) names.push(s.metadata.name);
      return { name: p.metadata.name, namespace: p.metadata.namespace, ip: p.status.podIP, serviceNames: names };
    });
    effect(() => {
      const next = workload();
      const prev = workloads.get(key);
      if (next === undefined) {
        if (prev !== undefined) (workloads.delete(key), emit({ type: "delete", old: prev }));
        return;
      }
      if (prev !== undefined && deepEqual(prev, next)) return;
      workloads.set(key, next);
      emit(prev === undefined ? { type: "add", new: next } : { type: "update", old: prev, new: next });
    });
  }

  return {
    setPod(pod) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const existing = podSignals.get(key);
      if (existing === undefined) track(key, pod);
      else existing(pod);
    },
    setService(svc) {
      const s = namespaceServices(svc.metadata.namespace);
      const list = s().filter((x) => x.metadata.name !== svc.metadata.name);
      list.push(svc);
      list.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
      s(list);
    },
    onEvent,
    workloadCount: () => workloads.size,
  };
}
