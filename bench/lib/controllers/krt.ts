/** The workload controller written with @weft/krt, as a user would write it. */
import { collection, filter, index, staticCollection } from "@weft/krt";
import type { Controller, Pod, Service, Workload } from "../pods-workload.js";

export function krtController(onEvent: () => void): Controller {
  const pods = staticCollection<Pod>([], { name: "Pods" });
  const services = staticCollection<Service>([], { name: "Services" });
  const servicesByNamespace = index(services, (s) => [s.metadata.namespace]);
  const workloads = collection(
    pods,
    (ctx, pod): Workload | undefined => {
      if (pod.status.podIP === "") return undefined;
      const selecting = ctx.fetch(services, filter.index(servicesByNamespace, pod.metadata.namespace), filter.selectsNonEmpty(pod.metadata.labels));
      return {
        name: pod.metadata.name,
        namespace: pod.metadata.namespace,
        ip: pod.status.podIP,
        serviceNames: selecting.map((s) => s.metadata.name),
      };
    },
    { name: "Workloads", key: (w) => `${w.namespace}/${w.name}` },
  );
  workloads.register(() => onEvent());
  return {
    setPod: (pod) => pods.set(pod),
    setService: (svc) => services.set(svc),
    onEvent,
    workloadCount: () => workloads.list().length,
  };
}
