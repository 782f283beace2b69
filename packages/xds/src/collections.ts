/**
 * Every xDS builder over the inputs, as krt collections, and the one collection the ADS
 * server serves.
 */
import { join, manyCollection, type Collection } from "@weft/krt";
import type { ClusterPlan } from "./clusters/cluster-plans.js";
import { clusterXds } from "./cluster-collections.js";
import { gatewayXds } from "./gateway-collections.js";
import type { XdsInputs } from "./inputs.js";
import { lookups } from "./lookups.js";
import { meshXds } from "./mesh-collections.js";
import { resolveXdsOptions, type XdsOptions } from "./options.js";
import type { ProxyPlan } from "./proxy-plans.js";
import type { XdsResource } from "./resource.js";
import { resourceViolations } from "./validate/validate-resource.js";
import { validatedResources } from "./validate/validated-resources.js";
import { withoutInvalidRoutes } from "./validate/invalid-routes.js";

/** Something in the inputs a builder could not honour: the output leaves it out or works around it. */
export interface XdsProblem {
  key: string;
  /** What it concerns: `Listener <scope> <name>`, `DestinationRule <namespace/name>`, `Gateway proxy <proxy>`. */
  source: string;
  message: string;
}

export interface XdsOutputs {
  listeners: Collection<XdsResource>;
  routes: Collection<XdsResource>;
  clusters: Collection<XdsResource>;
  endpoints: Collection<XdsResource>;
  /**
   * All of the above that pass Envoy's protoc-gen-validate rules: what an ADS server
   * serves. A resource that breaks one is held back (its last valid version stays) and
   * reported in `problems`.
   */
  resources: Collection<XdsResource>;
  /** Merged gateway proxies (listeners and routes before they are built), for inspection. */
  proxyPlans: Collection<ProxyPlan>;
  clusterPlans: Collection<ClusterPlan>;
  problems: Collection<XdsProblem>;
}

const SHORT_TYPES = new Set(["Listener", "RouteConfiguration", "Cluster", "ClusterLoadAssignment"]);
const shortType = (typeUrl: string) => {
  const short = typeUrl.slice(typeUrl.lastIndexOf(".") + 1);
  return SHORT_TYPES.has(short) ? short : typeUrl;
};

export function xdsCollections(inputs: XdsInputs, options?: XdsOptions): XdsOutputs {
  const opts = resolveXdsOptions(options);
  const l = lookups(inputs, opts);
  const gateway = gatewayXds(inputs, l);
  const mesh = meshXds(l);
  const cluster = clusterXds(inputs, l);
  const listeners = join([gateway.listeners, mesh.listeners], { name: "Listeners", key: (r) => r.key });
  const routes = join([gateway.routes, mesh.routes], { name: "RouteConfigurations", key: (r) => r.key });
  const built = join([listeners, routes, cluster.clusters, cluster.endpoints], { name: "XdsResources", key: (r) => r.key });
  const resources = validatedResources(built);

  const resourceProblems = manyCollection(
    built,
    (_ctx, r): XdsProblem[] => {
      const source = `${shortType(r.typeUrl)} ${r.scope === "" ? "" : `${r.scope} `}${r.name}`;
      const found = resourceViolations(r);
      const outcome = found.length > 0 && withoutInvalidRoutes(r, found) !== undefined ? "the route is left out of the served configuration" : "not pushed, clients keep its last valid version";
      const violations = found.map((v, i) => ({ key: `${r.key}#invalid#${i}`, source, message: `${v.path}: ${v.message} (Envoy would reject it: ${outcome})` }));
      return [...(r.problems ?? []).map((message, i) => ({ key: `${r.key}#${i}`, source, message })), ...violations];
    },
    { name: "ResourceProblems", key: (p) => p.key },
  );
  const planProblems = manyCollection(
    gateway.plans,
    (_ctx, p): XdsProblem[] => p.rejected.map((r, i) => ({ key: `proxy|${p.proxy}#${i}`, source: `Gateway proxy ${p.proxy}`, message: `server ${r.serverId} rejected (${r.code}): ${r.reason}` })),
    { name: "ProxyPlanProblems", key: (p) => p.key },
  );
  const ruleProblems = manyCollection(l.rules, (_ctx, r): XdsProblem[] => (r.problem === undefined ? [] : [{ key: `rule|${r.key}`, source: `DestinationRule ${r.key}`, message: r.problem }]), {
    name: "DestinationRuleProblems",
    key: (p) => p.key,
  });
  const problems = join([resourceProblems, planProblems, ruleProblems], { name: "XdsProblems", key: (p) => p.key });
  return { listeners, routes, clusters: cluster.clusters, endpoints: cluster.endpoints, resources, proxyPlans: gateway.plans, clusterPlans: cluster.plans, problems };
}
