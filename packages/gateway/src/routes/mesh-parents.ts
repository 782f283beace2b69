/**
 * Mesh (GAMMA) parents: a route whose parentRef is a Service or a ServiceEntry
 * applies to traffic inside the mesh addressed to that service, through the
 * reserved gateway `mesh`. The parent must exist; its hosts are the Service's
 * cluster-local name, or all the ServiceEntry's hosts.
 */
import { filter, type Collection, type HandlerContext } from "@weft/krt";
import { GATEWAY_GROUP, type ParentReference, type ServiceEntry, namespacedKeyOf } from "@weft/api";
import type { Service } from "../model/resources.js";
import { items } from "../model/lists.js";
import { serviceHostname } from "../names.js";
import type { ParentResolution } from "./parents.js";

/** Whether a parentRef names a mesh parent, and which kind. */
export function meshParentKind(ref: ParentReference): "Service" | "ServiceEntry" | undefined {
  if ((ref.group ?? GATEWAY_GROUP) === "" && ref.kind === "Service") return "Service";
  if (ref.group === "networking.istio.io" && ref.kind === "ServiceEntry") return "ServiceEntry";
  return undefined;
}

export interface MeshInputs {
  services: Collection<Service>;
  serviceEntries: Collection<ServiceEntry>;
  domainSuffix: string;
  /** Whether the Gateway at namespace/name exists and belongs to another controller. */
  foreignWaypoint(ctx: HandlerContext, namespace: string, name: string): boolean;
}

/** The waypoint a Service or ServiceEntry asks its traffic to go through, if any. */
function waypointOf(labels: Record<string, string> | undefined, namespace: string): { namespace: string; name: string } | undefined {
  const name = labels?.["istio.io/use-waypoint"];
  if (name === undefined || name === "" || name === "none") return undefined;
  return { namespace: labels?.["istio.io/use-waypoint-namespace"] ?? namespace, name };
}

/**
 * Resolves a Service or ServiceEntry parentRef to the mesh (or says why not).
 * Undefined when the target's traffic goes through another controller's waypoint:
 * then the route is that controller's to report on.
 */
export function resolveMeshParent(ctx: HandlerContext, ref: ParentReference, kind: "Service" | "ServiceEntry", routeNamespace: string, env: MeshInputs): ParentResolution | undefined {
  const namespace = ref.namespace ?? routeNamespace;
  const foreign = (labels: Record<string, string> | undefined) => {
    const waypoint = waypointOf(labels, namespace);
    return waypoint !== undefined && env.foreignWaypoint(ctx, waypoint.namespace, waypoint.name);
  };
  if (kind === "Service") {
    const svc = ctx.fetchOne(env.services, filter.key(namespacedKeyOf(namespace, ref.name)));
    if (svc === undefined) return { ref, bound: [], failure: { reason: "NoMatchingParent", message: `parent service: ${JSON.stringify(ref.name)} not found` } };
    if (foreign(svc.metadata.labels)) return undefined;
    return { ref, bound: [], mesh: { hosts: [serviceHostname(ref.name, namespace, env.domainSuffix)], ...(ref.port === undefined ? {} : { port: ref.port }) } };
  }
  const se = ctx.fetchOne(env.serviceEntries, filter.key(namespacedKeyOf(namespace, ref.name)));
  if (se === undefined) return { ref, bound: [], failure: { reason: "NoMatchingParent", message: `parent service entry: ${JSON.stringify(ref.name)} not found` } };
  if (foreign(se.metadata.labels)) return undefined;
  const hosts = items(se.spec?.hosts).filter((h): h is string => typeof h === "string");
  return { ref, bound: [], mesh: { hosts, ...(ref.port === undefined ? {} : { port: ref.port }) } };
}
