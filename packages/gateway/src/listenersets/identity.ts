/**
 * How ListenerSets are named inside the translator: the key a set is stored and bound
 * under, the Gateway it extends, and a listener's port when the set leaves it out.
 */
import { GATEWAY_GROUP, namespaceOf, resolveParentRef, namespacedKeyOf } from "@weft/api";
import type { Listener, ListenerEntry, ListenerSet } from "../model/resources.js";


/**
 * The key of a ListenerSet as a route parent and in status. It carries the kind so a
 * set never shares a key with a Gateway of the same namespace and name (both may
 * exist; their listeners and attached routes are distinct).
 */
export function listenerSetKey(namespace: string, name: string): string {
  return `ListenerSet/${namespace}/${name}`;
}

/** The key of a Gateway as an owner of listeners, in the same kind-qualified form. */
export function gatewayOwnerKey(namespace: string, name: string): string {
  return `Gateway/${namespace}/${name}`;
}

/**
 * The namespace/name of the Gateway a ListenerSet extends, or undefined when its
 * parentRef names some other kind (then it is no business of a Gateway controller).
 */
export function parentGatewayKey(set: ListenerSet): string | undefined {
  const ref = set.spec?.parentRef;
  if (typeof ref !== "object" || ref === null || typeof ref.name !== "string") return undefined;
  // Defaults apply to absent fields only: an empty group is the core group, which has no Gateway.
  const { group, kind, namespace, name } = resolveParentRef(ref, namespaceOf(set));
  if (group !== GATEWAY_GROUP || kind !== "Gateway") return undefined;
  return namespacedKeyOf(namespace, name);
}

/** A ListenerSet listener read as a Gateway listener, and why its port is unusable, if it is. */
export interface EntryListener {
  listener: Listener;
  portProblem?: string;
}

/**
 * A ListenerSet listener may omit its port: HTTP then listens on 80 and HTTPS on 443;
 * any other protocol has no default, and the listener is reported with port 0.
 */
export function entryListener(entry: ListenerEntry): EntryListener {
  if (typeof entry.port === "number" && entry.port !== 0) return { listener: { ...entry, port: entry.port } };
  const defaulted = entry.protocol === "HTTP" ? 80 : entry.protocol === "HTTPS" ? 443 : undefined;
  if (defaulted !== undefined) return { listener: { ...entry, port: defaulted } };
  return { listener: { ...entry, port: 0 }, portProblem: `protocol ${entry.protocol} requires a port to be set` };
}
