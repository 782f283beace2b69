/**
 * ClusterLoadAssignments: a cluster's endpoints grouped by locality. Each locality's
 * weight is the sum of its endpoints' weights, so traffic splits across localities in
 * proportion to the endpoints they hold (gRPC clients ignore localities without weight).
 */
import { compareStrings } from "@weft/api";
import { create } from "@bufbuild/protobuf";
import { HealthStatus } from "../gen/envoy/config/core/v3/health_check_pb.js";
import { ClusterLoadAssignmentSchema, type ClusterLoadAssignment } from "../gen/envoy/config/endpoint/v3/endpoint_pb.js";
import type { EndpointInput } from "../model.js";
import { ownValue } from "../records.js";

const localityKey = (e: EndpointInput): string => `${e.locality?.region ?? ""}/${e.locality?.zone ?? ""}/${e.locality?.subzone ?? ""}`;

/** Whether an endpoint carries every label of a subset (no labels: every endpoint); only its own labels count. */
export function inSubset(endpoint: EndpointInput, labels: Record<string, string> | undefined): boolean {
  if (labels === undefined) return true;
  return Object.entries(labels).every(([k, v]) => ownValue(endpoint.labels, k) === v);
}

/** A weight Envoy accepts: a positive integer (it rejects 0), 1 when absent or unusable. */
function endpointWeight(e: EndpointInput): number {
  const w = e.weight ?? 1;
  return Number.isInteger(w) && w >= 1 ? Math.min(w, 128 ** 4) : 1;
}

export function loadAssignment(clusterName: string, endpoints: readonly EndpointInput[], subsetLabels: Record<string, string> | undefined): ClusterLoadAssignment {
  const byLocality = new Map<string, EndpointInput[]>();
  for (const e of endpoints) {
    if (!inSubset(e, subsetLabels)) continue;
    const key = localityKey(e);
    const list = byLocality.get(key);
    if (list === undefined) byLocality.set(key, [e]);
    else list.push(e);
  }
  const localities = [...byLocality.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, list]) => {
      const sorted = [...list].sort((a, b) => compareStrings(a.address, b.address) || a.port - b.port);
      const first = sorted[0];
      return {
        locality: { region: first?.locality?.region ?? "", zone: first?.locality?.zone ?? "", subZone: first?.locality?.subzone ?? "" },
        loadBalancingWeight: sorted.reduce((sum, e) => sum + endpointWeight(e), 0),
        lbEndpoints: sorted.map((e) => ({
          hostIdentifier: { case: "endpoint" as const, value: { address: { address: { case: "socketAddress" as const, value: { address: e.address, portSpecifier: { case: "portValue" as const, value: e.port } } } } } },
          healthStatus: e.healthy === false ? HealthStatus.UNHEALTHY : HealthStatus.HEALTHY,
          loadBalancingWeight: endpointWeight(e),
        })),
      };
    });
  return create(ClusterLoadAssignmentSchema, { clusterName, endpoints: localities });
}
