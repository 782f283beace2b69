/**
 * The same controller as a TanStack db-ivm dataflow, with a real selector join and
 * batched runs. db-ivm joins on equal keys only, so a label selector is joined term
 * by term: each pod contributes one row per label (`namespace, key=value`), each
 * service one row per selector term, tagged with its term count; the inner join of
 * the two, counted per (pod, service), selects the pod when every term matched (an
 * empty selector has no terms and selects nothing). A left join of the pods with those
 * matches keeps pods no service selects, and a reduce per pod collects the selecting
 * services' names, sorted.
 *
 * Writes are sent as they come but the graph runs once per `flush()` (the benchmark
 * flushes after each iteration of 1,000 writes): running the graph on every write is
 * not how a dataflow is meant to be driven, so db-ivm gets the batching it is built
 * for, while krt and the others propagate every write synchronously.
 */
import { D2, MultiSet, join, map, output, reduce } from "@tanstack/db-ivm";
import type { Controller, Pod, Service } from "../pods-workload.js";

type WorkloadRow = { ip: string; serviceNames: string[] };
/** Separates the parts of composite keys; object names cannot contain it. */
const SEP = "\u0000";

type Input<T> = { sendData(m: MultiSet<T>): void };

export function dbIvmController(onEvent: () => void): Controller {
  const graph = new D2();
  const podsIn = graph.newInput<[string, string]>(); // [podKey, ip]
  const podLabelsIn = graph.newInput<[string, string]>(); // [ns SEP key=value, podKey]
  const termsIn = graph.newInput<[string, [string, number]]>(); // [ns SEP key=value, [service, term count]]
  const pods = new Map<string, Pod>();
  const services = new Map<string, Service>();
  let workloads = 0;
  let pending = false;

  const matches = podLabelsIn.pipe(
    join(termsIn, "inner"),
    map(([, [podKey, term]]) => {
      const [service, terms] = term as [string, number];
      return [`${podKey as string}${SEP}${service}`, terms] as [string, number];
    }),
    reduce((values) => {
      let matched = 0;
      let terms = -1;
      for (const [v, mult] of values) {
        matched += mult;
        terms = v;
      }
      return matched > 0 && matched === terms ? [[true, 1]] : [];
    }),
    map(([key]) => {
      const cut = key.lastIndexOf(SEP);
      return [key.slice(0, cut), key.slice(cut + 1)] as [string, string];
    }),
  );
  podsIn.pipe(
    join(matches, "left"),
    map(([podKey, [ip, name]]) => [podKey, { ip: ip as string, name: name as string | null }] as [string, { ip: string; name: string | null }]),
    reduce((values) => {
      let ip = "";
      const names: string[] = [];
      for (const [v, mult] of values) {
        if (mult <= 0) continue;
        ip = v.ip;
        if (v.name !== null) names.push(v.name);
      }
      names.sort();
      return ip === "" ? [] : [[{ ip, serviceNames: names } satisfies WorkloadRow, 1]];
    }),
    output((message) => {
      const changed = new Map<string, number>();
      for (const [[key], mult] of message.getInner()) changed.set(key, (changed.get(key) ?? 0) + mult);
      for (const [, net] of changed) {
        workloads += net;
        onEvent();
      }
    }),
  );
  graph.finalize();

  const labelRows = (pod: Pod, key: string): [string, string][] => Object.entries(pod.metadata.labels).map(([k, v]) => [`${pod.metadata.namespace}${SEP}${k}=${v}`, key]);
  const termRows = (svc: Service): [string, [string, number]][] => {
    const terms = Object.entries(svc.spec.selector);
    return terms.map(([k, v]) => [`${svc.metadata.namespace}${SEP}${k}=${v}`, [svc.metadata.name, terms.length]]);
  };
  /** Sends the retraction of `old` rows and the insertion of `next` ones, unless they are the same. */
  function send<T>(input: Input<T>, old: T[], next: T[]): void {
    if (old.length === next.length && JSON.stringify(old) === JSON.stringify(next)) return;
    const changes: [T, number][] = next.map((row) => [row, 1]);
    for (const row of old) changes.push([row, -1]);
    input.sendData(new MultiSet(changes));
    pending = true;
  }

  return {
    setPod(pod) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const prev = pods.get(key);
      pods.set(key, pod);
      send<[string, string]>(podsIn, prev === undefined || prev.status.podIP === "" ? [] : [[key, prev.status.podIP]], pod.status.podIP === "" ? [] : [[key, pod.status.podIP]]);
      send(podLabelsIn, prev === undefined ? [] : labelRows(prev, key), labelRows(pod, key));
    },
    setService(svc) {
      const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
      const prev = services.get(key);
      services.set(key, svc);
      send(termsIn, prev === undefined ? [] : termRows(prev), termRows(svc));
    },
    flush() {
      if (pending) graph.run();
      pending = false;
    },
    onEvent,
    workloadCount: () => workloads,
  };
}
