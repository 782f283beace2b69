/**
 * The workload of Istio's krt BenchmarkControllers: pods named pod-i in namespaces
 * ns-(i%2) labelled app=app-(i%25), and services pod-i in ns-(i%2) selecting
 * app=app-(i%25). A Workload is a pod's IP plus the names of the services in its
 * namespace that select it.
 */

export interface Pod {
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: { serviceAccountName: string };
  status: { phase: string; podIP: string };
}

export interface Service {
  metadata: { name: string; namespace: string };
  spec: { selector: Record<string, string> };
}

export interface Workload {
  name: string;
  namespace: string;
  ip: string;
  serviceNames: string[];
}

let nextIp = (10 << 24) + 10;

/** A fresh IPv4 address each call, as the Go benchmark hands out. */
export function nextPodIp(): string {
  const v = nextIp++;
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

export function makePod(i: number, namespaces = 2): Pod {
  return {
    metadata: { name: `pod-${i}`, namespace: `ns-${i % namespaces}`, labels: { app: `app-${i % 25}` } },
    spec: { serviceAccountName: "fake-sa" },
    status: { phase: "Running", podIP: nextPodIp() },
  };
}

export function makeService(i: number, namespaces = 2): Service {
  return {
    metadata: { name: `pod-${i}`, namespace: `ns-${i % namespaces}` },
    spec: { selector: { app: `app-${i % 25}` } },
  };
}

/** Whether a non-empty selector selects the labels (an empty one selects nothing). */
export function selectsNonEmpty(selector: Record<string, string>, labels: Record<string, string>): boolean {
  // Label values are strings and Object.prototype holds none, so plain reads are safe.
  let any = false;
  for (const k in selector) {
    any = true;
    if (labels[k] !== selector[k]) return false;
  }
  return any;
}

/** What each implementation of the controller offers the benchmark. */
export interface Controller {
  setPod(pod: Pod): void;
  setService(svc: Service): void;
  /** Called once per workload event. */
  onEvent: () => void;
  workloadCount(): number;
  /** Implementations that batch (db-ivm) do their work here; the others propagate each write as it comes. */
  flush?(): void;
}
