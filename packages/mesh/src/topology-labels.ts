/**
 * The well-known labels that say where a workload runs, as Istio reads and writes them.
 */

export const REGION_LABEL = "topology.kubernetes.io/region";
export const ZONE_LABEL = "topology.kubernetes.io/zone";
export const SUBZONE_LABEL = "topology.istio.io/subzone";
export const CLUSTER_LABEL = "topology.istio.io/cluster";
export const NETWORK_LABEL = "topology.istio.io/network";
/** A locality written as a label: `/` is not allowed in label values, so `.` separates. */
export const LOCALITY_LABEL = "topology.istio.io/locality";
/** The older name of {@link LOCALITY_LABEL}, still read when it is absent. */
export const LEGACY_LOCALITY_LABEL = "istio-locality";
export const TLS_MODE_LABEL = "security.istio.io/tlsMode";

/** Region, zone and subzone of a `region/zone/subzone` locality (missing parts are empty). */
export function splitLocality(locality: string): { region: string; zone: string; subzone: string } {
  const [region = "", zone = "", subzone = ""] = locality.split("/");
  return { region, zone, subzone };
}

/**
 * The locality a label gives: `topology.istio.io/locality`, else `istio-locality`, with `.`
 * read as `/` unless the value already uses `/`.
 */
export function localityFromLabels(labels: Readonly<Record<string, string>>): string {
  const value = Object.hasOwn(labels, LOCALITY_LABEL) ? labels[LOCALITY_LABEL] : Object.hasOwn(labels, LEGACY_LOCALITY_LABEL) ? labels[LEGACY_LOCALITY_LABEL] : "";
  if (value === undefined || value === "") return "";
  return value.includes("/") ? value : value.replaceAll(".", "/");
}
