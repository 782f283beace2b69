/**
 * The status of each InferencePool: one entry per Gateway that routes to the pool.
 *
 * Which Gateways those are is read from the HTTPRoutes that reference the pool, through
 * the parents their current status lists for a built-in Istio controller (as Istio does:
 * a route's written status is the record of where it is accepted). Per Gateway:
 *
 * - Accepted follows the route's Accepted condition for that Gateway (Unknown when the
 *   route lists the Gateway without one);
 * - ResolvedRefs says whether the endpoint picker Service exists in the pool's namespace.
 *
 * Entries of other implementations stay. Entries for Gateways of ours that no route
 * reaches any more are dropped, and so is the API server's placeholder parent
 * (kind Status, name default).
 */
import {
  compareStrings,
  DEFAULT_NAMESPACE,
  GATEWAY_GROUP,
  mergeConditions,
  namespaceOf,
  type InferencePoolCondition,
  namespacedKeyOf,
} from "@weft/api";
import type { HTTPRoute, InferencePool, InferencePoolParentStatus } from "@weft/api";
import { collection, filter, type Collection, type HandlerContext, type Index } from "@weft/krt";
import { builtinClasses } from "../gateways/classes.js";
import type { GatewayInputs } from "../inputs.js";
import { items, records } from "../model/lists.js";
import type { ResolvedOptions } from "../options.js";
import { statusDocument, statusKey, type StatusDocument } from "../status/documents.js";
import { ourControllers, routeParents, routesByPool as indexRoutesByPool, type RouteParent } from "./pool-parents.js";


function acceptedCondition(gateway: string, parents: readonly RouteParent[]): InferencePoolCondition {
  // The first route (in index order) listing this Gateway decides, as in Istio.
  const first = parents.find((p) => p.gateway === gateway)!;
  if (first.accepted === undefined) return { type: "Accepted", status: "Unknown", reason: "Accepted", message: "Referenced by an HTTPRoute unknown parentRef Gateway status" };
  if (first.accepted.status === "True") return { type: "Accepted", status: "True", reason: "Accepted", message: "Referenced by an HTTPRoute accepted by the parentRef Gateway" };
  const route = first.route.metadata;
  const [gwNamespace, gwName] = gateway.split("/") as [string, string];
  return {
    type: "Accepted",
    status: "False",
    reason: "HTTPRouteNotAccepted",
    message: `Referenced HTTPRoute ${route.namespace ?? DEFAULT_NAMESPACE}/${route.name} not accepted by Gateway ${gwNamespace}/${gwName}: ${first.accepted.message}`,
  };
}

function resolvedRefsCondition(ctx: HandlerContext, pool: InferencePool, services: GatewayInputs["services"]): InferencePoolCondition {
  const picker = pool.spec?.endpointPickerRef;
  const kind = picker?.kind || "Service";
  const invalid = (message: string): InferencePoolCondition => ({ type: "ResolvedRefs", status: "False", reason: "InvalidExtensionRef", message });
  if (kind !== "Service") return invalid(`Unsupported ExtensionRef kind ${kind}`);
  const name = picker?.name ?? "";
  if (name === "") return invalid("ExtensionRef not defined");
  if (ctx.fetchOne(services, filter.key(namespacedKeyOf(namespaceOf(pool), name))) === undefined) return invalid(`Referenced ExtensionRef not found ${name}`);
  return { type: "ResolvedRefs", status: "True", reason: "ResolvedRefs", message: "Referenced ExtensionRef resolved successfully" };
}

/** Where an existing entry's Gateway is: its namespace defaults to the pool's. */
const entryGateway = (entry: InferencePoolParentStatus, poolNamespace: string) => namespacedKeyOf(entry.parentRef.namespace || poolNamespace, entry.parentRef.name);

/** A status document per InferencePool (only while the inference extension is enabled). */
export function inferencePoolStatuses(inputs: GatewayInputs, opts: ResolvedOptions, routesByPool: Index<string, HTTPRoute> = indexRoutesByPool(inputs.httpRoutes)): Collection<StatusDocument> {
  const builtins = builtinClasses(opts);
  const controllers = ourControllers(opts);
  return collection(
    inputs.inferencePools,
    (ctx, pool): StatusDocument | undefined => {
      if (!opts.features.gatewayAPIInferenceExtension) return undefined;
      const namespace = namespaceOf(pool);
      const routes = ctx.fetch(inputs.httpRoutes, filter.index(routesByPool, namespacedKeyOf(namespace, pool.metadata.name)));
      const parents = routeParents(routes, controllers);
      const gateways = [...new Set(parents.map((p) => p.gateway))].sort(compareStrings);
      const ourGateway = (key: string) => {
        const gw = ctx.fetchOne(inputs.gateways, filter.key(key));
        return gw !== undefined && Object.hasOwn(builtins, gw.spec?.gatewayClassName ?? "");
      };
      const existing = records(pool.status?.parents);
      const kept = existing.filter((e) => {
        const key = entryGateway(e, namespace);
        const placeholder = e.parentRef.kind === "Status" && e.parentRef.name === "default";
        return !gateways.includes(key) && !placeholder && !ourGateway(key);
      });
      const resolvedRefs = resolvedRefsCondition(ctx, pool, inputs.services);
      const ours = gateways.map((gateway): InferencePoolParentStatus => {
        const [gwNamespace, gwName] = gateway.split("/") as [string, string];
        const previous = existing.find((e) => e.parentRef.name === gwName && (e.parentRef.namespace ?? "") === gwNamespace);
        const managed = items(previous?.conditions).filter((c) => c.type === "Accepted" || c.type === "ResolvedRefs");
        return {
          parentRef: { group: GATEWAY_GROUP, kind: "Gateway", namespace: gwNamespace, name: gwName },
          // Every merged condition is ours or was ours, so each has a transition time.
          conditions: mergeConditions(managed, [acceptedCondition(gateway, parents), resolvedRefs], opts.now, pool.metadata.generation).map((c) => ({ ...c, lastTransitionTime: c.lastTransitionTime ?? opts.now })),
        };
      });
      const all = [...kept, ...ours];
      return statusDocument(pool, all.length > 0 ? { parents: all } : {});
    },
    { name: "InferencePoolStatuses", key: statusKey },
  );
}
