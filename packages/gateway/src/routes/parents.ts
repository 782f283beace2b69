/**
 * Attaching a route to its parents (Istio's reference check, listener by listener).
 * A parentRef names a Gateway or a ListenerSet; each of its listeners with a server is checked in
 * order: port, sectionName, hostnames (a route host must overlap a server host whose
 * namespace part admits the route's namespace), then kind. The results collapse
 * into one outcome per parentRef: any success wins; otherwise the least severe
 * denial, with the messages of equally severe denials joined by "; ".
 */
import { GATEWAY_GROUP, resolveParentRef, type ParentReference, type RouteNotAcceptedReason, namespacedKeyOf } from "@weft/api";
import type { ListenerModel } from "../gateways/listeners.js";
import { listenerSetKey } from "../listenersets/identity.js";
import { hostsOverlap, routeHostsOnListener } from "./hostnames.js";

/** One listener a route binds to, with the hostnames it serves there (TLS: intersected). */
export interface ListenerBinding {
  listener: ListenerModel;
  hosts: string[];
}

/** A route bound to the mesh: the hosts it applies to, and the port if the parentRef named one. */
export interface MeshBinding {
  hosts: string[];
  port?: number;
}

/**
 * What a route may attach to by listener: a Gateway, or a ListenerSet (whose Istio
 * Gateways are named after the set, in the set's namespace). `key` is what attachments
 * are counted under.
 */
export interface ListenerParent {
  key: string;
  name: string;
  namespace: string;
  listeners: readonly ListenerModel[];
}

/** What one parentRef came to: listeners of a Gateway or ListenerSet, or the mesh. */
export interface ParentResolution {
  ref: ParentReference;
  gateway?: ListenerParent;
  mesh?: MeshBinding;
  bound: ListenerBinding[];
  /** Why nothing bound, when nothing did. */
  failure?: { reason: RouteNotAcceptedReason; message: string };
}

/**
 * The key of the listener parent a parentRef names: namespace/name for a Gateway,
 * `ListenerSet/namespace/name` for a ListenerSet; undefined for any other kind.
 */
export function listenerParentKey(ref: ParentReference, routeNamespace: string): string | undefined {
  const { group, kind, namespace, name } = resolveParentRef(ref, routeNamespace);
  if (group !== GATEWAY_GROUP) return undefined;
  if (kind === "Gateway") return namespacedKeyOf(namespace, name);
  if (kind === "ListenerSet") return listenerSetKey(namespace, name);
  return undefined;
}

const RANK: Partial<Record<RouteNotAcceptedReason, number>> = { NotAllowedByListeners: 1, NoMatchingListenerHostname: 2, NoMatchingParent: 4 };

type Check = { ok: true } | { ok: false; reason: RouteNotAcceptedReason; message: string };

/** The hostname check against a listener's server hosts (`namespace/host`). */
function hostCheck(l: ListenerModel, routeHosts: readonly string[], routeNamespace: string): Check {
  const entries = (l.server?.hosts ?? l.bindingHosts ?? []).map((h) => {
    const slash = h.indexOf("/");
    return slash < 0 ? { ns: "*", host: h } : { ns: h.slice(0, slash), host: h.slice(slash + 1) };
  });
  let hostMatched = false;
  for (const rh of routeHosts.length === 0 ? ["*"] : routeHosts) {
    for (const e of entries) {
      if (!hostsOverlap(e.host, rh)) continue;
      hostMatched = true;
      if (e.ns === "*" || e.ns === routeNamespace) return { ok: true };
    }
  }
  const listenerHost = l.hostname ?? "";
  return hostMatched
    ? { ok: false, reason: "NotAllowedByListeners", message: `hostnames matched parent hostname ${JSON.stringify(listenerHost)}, but namespace ${JSON.stringify(routeNamespace)} is not allowed by the parent` }
    : { ok: false, reason: "NoMatchingListenerHostname", message: `no hostnames matched parent hostname ${JSON.stringify(listenerHost)}` };
}

function checkListener(ref: ParentReference, l: ListenerModel, kind: string, routeNamespace: string, routeHosts: readonly string[]): Check {
  if (ref.port !== undefined && ref.port !== l.port) return { ok: false, reason: "NoMatchingParent", message: `port ${ref.port} not found` };
  if (ref.sectionName !== undefined && ref.sectionName !== l.name) return { ok: false, reason: "NoMatchingParent", message: `sectionName ${JSON.stringify(ref.sectionName)} not found` };
  const hosts = hostCheck(l, routeHosts, routeNamespace);
  if (!hosts.ok) return hosts;
  if (!l.supportedKinds.some((k) => k.kind === kind)) return { ok: false, reason: "NotAllowedByListeners", message: `kind gateway.networking.k8s.io/v1/${kind} is not allowed` };
  return { ok: true };
}

/** Resolves one parentRef against the Gateway it names. */
export function resolveParent(ref: ParentReference, gateway: ListenerParent, kind: string, routeNamespace: string, routeHosts: readonly string[]): ParentResolution {
  const bound: ListenerBinding[] = [];
  let denial: { reason: RouteNotAcceptedReason; message: string } | undefined;
  for (const l of gateway.listeners) {
    if ((l.server === undefined && l.bindingHosts === undefined) || l.routeless === true) continue;
    const check = checkListener(ref, l, kind, routeNamespace, routeHosts);
    if (check.ok) {
      bound.push({ listener: l, hosts: routeHostsOnListener(l.hostname, routeHosts) });
      continue;
    }
    const rank = RANK[check.reason] ?? 3;
    if (denial === undefined || rank < (RANK[denial.reason] ?? 3)) denial = { reason: check.reason, message: check.message };
    else if (rank === (RANK[denial.reason] ?? 3)) denial = { ...denial, message: `${denial.message}; ${check.message}` };
  }
  if (bound.length > 0) return { ref, gateway, bound };
  return { ref, gateway, bound, ...(denial === undefined ? {} : { failure: denial }) };
}

/**
 * Whether a Gateway offers routes anything to attach to. One that does not (a
 * waypoint, a remote gateway) is not a parent at all: a route naming it gets no
 * status entry for it, as it would for a Gateway of another controller.
 */
export function offersRouteParents(gateway: ListenerParent): boolean {
  return gateway.listeners.some((l) => l.routeless !== true);
}
