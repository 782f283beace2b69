/**
 * The same controller as a TanStack db-ivm dataflow. Label selection is not an
 * equi-join, so pods and services meet on `namespace|app=<value>` (the only label
 * this workload uses); a left join keeps pods no service selects, and a reduce per
 * pod collects the selecting services' names.
 */
import { D2, MultiSet, join, map, output, reduce } from "@tanstack/db-ivm";
import type { Controller, Pod, Service } from "../pods-workload.js";

type WorkloadRow = { ip: string; serviceNames: string[] };

export function dbIvmController(onEvent: () => void): Controller {
  const graph = new D2();
  const podsIn = graph.newInput<[string, Pod]>();
  const servicesIn = graph.newInput<[string, Service]>();
  const pods = new Map<string, Pod>();
  const services = new Map<string, Service>();
  let workloads = 0;

  const podSide = podsIn.pipe(map(([key, pod]) => [`${pod.metadata.namespace}|app=${pod.metadata.labels.app}`, [key, pod.status.podIP]] as [string, [string, string]]));
  const serviceSide = servicesIn.pipe(map(([, svc]) => [`${svc.metadata.namespace}|app=${svc.spec.selector.app}`, svc.metadata.name] as [string, string]));
  podSide.pipe(
    join(serviceSide, "left"),
    map(([, [left, name]]) => {
      const [podKey, ip] = left as [string, string];
      return [podKey, { ip, name: name as string | null }] as [string, { ip: string; name: string | null }];
    }),
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

  /** Replaces an object: retract its previous version, insert the new one, run. */
  function replace<T extends Pod | Service>(input: { sendData(m: MultiSet<[string, T]>): void }, current: Map<string, T>, item: T): void {
    const key = `${item.metadata.namespace}/${item.metadata.name}`;
    const prev = current.get(key);
    current.set(key, item);
    const changes: [[string, T], number][] = [[[key, item], 1]];
    if (prev !== undefined) changes.push([[key, prev], -1]);
    input.sendData(new MultiSet(changes));
    graph.run();
  }

  return {
    setPod: (pod) => replace(podsIn, pods, pod),
    setService: (svc) => replace(servicesIn, services, svc),
    onEvent,
    workloadCount: () => workloads,
  };
}
