/**
 * WorkloadEntry to workload instance (Istio 1.28.1): the instance is named after the
 * WorkloadEntry itself (its own namespace and name, not a Service's or a selector's),
 * its labels are the WorkloadEntry's spec labels, and its identity is the SPIFFE ID
 * of its service account in its own namespace.
 */
import type { WorkloadEntry } from "@weft/api";

/** One workload the mesh can send traffic to. */
export interface WorkloadInstance {
  name: string;
  namespace: string;
  address: string;
  labels: Record<string, string>;
  /** Port name to workload port. */
  ports: Record<string, number>;
  network?: string;
  locality?: string;
  weight?: number;
  serviceAccount: string;
  /** `spiffe://<trust domain>/ns/<namespace>/sa/<service account>` */
  identity: string;
}

/** The SPIFFE identity of a service account. */
export function spiffeIdentity(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `spiffe://${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

/** The workload instance of a WorkloadEntry, or undefined when it has no address. */
export function workloadInstance(entry: WorkloadEntry, trustDomain: string): WorkloadInstance | undefined {
  const spec = entry.spec ?? {};
  if (spec.address === undefined || spec.address === "") return undefined;
  const namespace = entry.metadata.namespace ?? "default";
  // Like a Pod without one, an entry without a service account runs as "default".
  const serviceAccount = spec.serviceAccount || "default";
  return {
    name: entry.metadata.name,
    namespace,
    address: spec.address,
    labels: { ...spec.labels },
    ports: { ...spec.ports },
    ...(spec.network ? { network: spec.network } : {}),
    ...(spec.locality ? { locality: spec.locality } : {}),
    ...(spec.weight !== undefined ? { weight: spec.weight } : {}),
    serviceAccount,
    identity: spiffeIdentity(trustDomain, namespace, serviceAccount),
  };
}
