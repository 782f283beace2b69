/**
 * DestinationRules as the cluster builders use them: parsed with @weft/api's schema (a
 * malformed one is a problem, not an exception), hosts resolved, and the traffic policy
 * in force for one port and subset.
 */
import {
  compareStrings,
  type DestinationRuleSpec,
  DestinationRuleSpecSchema,
  namespaceOf,
  type Subset,
  type TrafficPolicy,
  namespacedKeyOf,
} from "@weft/api";
import { hostCoveredBy, resolveHostname } from "../hosts.js";
import type { DestinationRuleInput } from "../model.js";

export interface ParsedDestinationRule {
  /** `namespace/name`. */
  key: string;
  namespace: string;
  name: string;
  creationTimestamp: string;
  /** The rule's host, short names resolved in its namespace ("" when unusable). */
  host: string;
  spec: DestinationRuleSpec;
  problem?: string;
}

export function parseDestinationRule(dr: DestinationRuleInput, domainSuffix: string): ParsedDestinationRule {
  const namespace = namespaceOf(dr);
  const base = { key: namespacedKeyOf(namespace, dr.metadata.name), namespace, name: dr.metadata.name, creationTimestamp: dr.metadata.creationTimestamp ?? "" };
  const parsed = DestinationRuleSpecSchema.safeParse(dr.spec ?? {});
  if (!parsed.success) return { ...base, host: "", spec: {}, problem: `spec does not parse: ${parsed.error.issues[0]?.message ?? "invalid"}` };
  const host = parsed.data.host ? resolveHostname(parsed.data.host, namespace, domainSuffix) : "";
  return { ...base, host, spec: parsed.data, ...(host === "" ? { problem: "spec.host is empty" } : {}) };
}

/** The key a rule is indexed under: its host, or one bucket for every wildcard host. */
export const WILDCARD_BUCKET = "*";
export const ruleIndexKey = (rule: ParsedDestinationRule): string[] => (rule.host === "" ? [] : [rule.host.startsWith("*") ? WILDCARD_BUCKET : rule.host]);

const configOrder = (a: ParsedDestinationRule, b: ParsedDestinationRule): number =>
  compareStrings(a.creationTimestamp, b.creationTimestamp) || compareStrings(a.name, b.name) || compareStrings(a.namespace, b.namespace);

/** The rule for a service host, merged from the rules of the most specific matching host. */
export interface EffectiveRule {
  rules: string[];
  trafficPolicy: TrafficPolicy | undefined;
  subsets: Subset[];
}

/**
 * An exact host beats a wildcard, a longer wildcard a shorter one. Several rules for that
 * host merge as Istio merges them: the oldest rule's traffic policy, every subset (the
 * first of a name wins).
 */
export function effectiveRule(host: string, candidates: readonly ParsedDestinationRule[]): EffectiveRule | undefined {
  const matching = candidates.filter((r) => r.problem === undefined && hostCoveredBy(host, r.host));
  if (matching.length === 0) return undefined;
  const best = matching.reduce((a, b) => (a.host === host ? a : b.host === host ? b : a.host.length >= b.host.length ? a : b)).host;
  const rules = matching.filter((r) => r.host === best).sort(configOrder);
  const subsets: Subset[] = [];
  for (const rule of rules) for (const s of rule.spec.subsets ?? []) if (!subsets.some((x) => x.name === s.name)) subsets.push(s);
  return { rules: rules.map((r) => r.key), trafficPolicy: rules.find((r) => r.spec.trafficPolicy !== undefined)?.spec.trafficPolicy, subsets };
}

/** The four settings a cluster is built from. */
export type ClusterPolicy = Pick<TrafficPolicy, "loadBalancer" | "connectionPool" | "outlierDetection" | "tls">;

/** A policy's settings for one port: a port-level entry replaces each setting it gives. */
function atPort(policy: TrafficPolicy | undefined, port: number): ClusterPolicy {
  if (policy === undefined) return {};
  const out: ClusterPolicy = {};
  if (policy.loadBalancer !== undefined) out.loadBalancer = policy.loadBalancer;
  if (policy.connectionPool !== undefined) out.connectionPool = policy.connectionPool;
  if (policy.outlierDetection !== undefined) out.outlierDetection = policy.outlierDetection;
  if (policy.tls !== undefined) out.tls = policy.tls;
  const level = (policy.portLevelSettings ?? []).find((p) => p.port?.number === port);
  if (level?.loadBalancer !== undefined) out.loadBalancer = level.loadBalancer;
  if (level?.connectionPool !== undefined) out.connectionPool = level.connectionPool;
  if (level?.outlierDetection !== undefined) out.outlierDetection = level.outlierDetection;
  if (level?.tls !== undefined) out.tls = level.tls;
  return out;
}

/** The policy of a port, and of a subset on it: the subset's settings (at that port) win. */
export function clusterPolicy(rule: EffectiveRule | undefined, port: number, subset?: Subset): ClusterPolicy {
  return { ...atPort(rule?.trafficPolicy, port), ...atPort(subset?.trafficPolicy, port) };
}
