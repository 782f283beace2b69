/**
 * WorkloadEntry to workload instance (Istio 1.28.1, `ConvertWorkloadEntry` and
 * `convertWorkloadEntryToWorkloadInstance`):
 *
 * - the instance is named after the WorkloadEntry itself (its own namespace and name, not
 *   a Service's or a selector's);
 * - its labels are the spec's labels with the metadata's merged over them (metadata wins),
 *   plus the topology labels Istio adds: region, zone and subzone of the locality, the
 *   cluster, and the network unless a label already names one;
 * - its locality is the spec's, else the one its locality label gives;
 * - its network is the spec's, else what the caller's network lookup says (Istio asks
 *   its mesh networks config, by address);
 * - its identity is the SPIFFE ID of its service account in its own namespace, and an
 *   entry that names no service account has no identity at all (not `sa/default`);
 * - its TLS mode is its `security.istio.io/tlsMode` label, else `istio` with a service
 *   account and `disabled` without one.
 */
import { namespaceOf, type WorkloadEntry } from "@weft/api";
import { CLUSTER_LABEL, localityFromLabels, NETWORK_LABEL, REGION_LABEL, splitLocality, SUBZONE_LABEL, TLS_MODE_LABEL, ZONE_LABEL } from "./topology-labels.js";

/** One workload the mesh can send traffic to. */
export interface WorkloadInstance {
  name: string;
  namespace: string;
  address: string;
  labels: Record<string, string>;
  /** Port name to workload port. */
  ports: Record<string, number>;
  network?: string;
  /** `region/zone/subzone`. */
  locality?: string;
  weight?: number;
  /** Absent when the entry names none. */
  serviceAccount?: string;
  /** `spiffe://<trust domain>/ns/<namespace>/sa/<service account>`; absent without a service account. */
  identity?: string;
  /** `istio` (mesh mTLS) or `disabled`, or whatever the entry's tlsMode label says. */
  tlsMode: string;
}

export interface WorkloadInstanceOptions {
  /** The cluster the entry was read from, written as its `topology.istio.io/cluster` label. */
  clusterId?: string;
  /** The network of an entry whose spec names none (Istio's mesh networks lookup). */
  networkOf?: (address: string, labels: Readonly<Record<string, string>>) => string | undefined;
}

/** The SPIFFE identity of a service account. */
export function spiffeIdentity(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `spiffe://${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

/** The entry's labels: the spec's, with the metadata's merged over them. */
export function workloadEntryLabels(entry: WorkloadEntry): Record<string, string> {
  // Spreading defines own properties, so a `__proto__` key stays a plain key.
  return { ...entry.spec?.labels, ...entry.metadata.labels };
}

/** The workload instance of a WorkloadEntry, or undefined when it has no address. */
export function workloadInstance(entry: WorkloadEntry, trustDomain: string, opts: WorkloadInstanceOptions = {}): WorkloadInstance | undefined {
  const spec = entry.spec ?? {};
  if (spec.address === undefined || spec.address === "") return undefined;
  const namespace = namespaceOf(entry);
  const merged = workloadEntryLabels(entry);
  const locality = spec.locality || localityFromLabels(merged);
  const network = spec.network || opts.networkOf?.(spec.address, merged) || "";
  const serviceAccount = spec.serviceAccount ?? "";
  const tlsMode = Object.hasOwn(merged, TLS_MODE_LABEL) ? merged[TLS_MODE_LABEL]! : serviceAccount !== "" ? "istio" : "disabled";

  const labels = { ...merged };
  const { region, zone, subzone } = splitLocality(locality);
  if (region !== "") labels[REGION_LABEL] = region;
  if (zone !== "") labels[ZONE_LABEL] = zone;
  if (subzone !== "") labels[SUBZONE_LABEL] = subzone;
  if (opts.clusterId) labels[CLUSTER_LABEL] = opts.clusterId;
  // A network label of the entry's own outranks the computed network.
  if (network !== "" && !labels[NETWORK_LABEL]) labels[NETWORK_LABEL] = network;

  return {
    name: entry.metadata.name,
    namespace,
    address: spec.address,
    labels,
    ports: { ...spec.ports },
    ...(spec.network ? { network: spec.network } : {}),
    ...(locality ? { locality } : {}),
    ...(spec.weight !== undefined ? { weight: spec.weight } : {}),
    ...(serviceAccount !== "" ? { serviceAccount, identity: spiffeIdentity(trustDomain, namespace, serviceAccount) } : {}),
    tlsMode,
  };
}
