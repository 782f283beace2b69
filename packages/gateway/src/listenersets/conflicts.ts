import { compareStrings, type ListenerConflictReason, namespacedKeyOf } from "@weft/api";
/**
 * Listener conflicts on one Gateway. The Gateway's own listeners and those of the
 * ListenerSets attached to it form one merged list, in precedence order: the Gateway's
 * first, in spec order, then each set's, sets ordered by creation time (oldest first)
 * and then by namespace/name. Walking that list, a listener that cannot coexist with
 * an earlier listener that survived loses (it is reported as conflicted and serves
 * nothing); a loser frees its place, so it never makes a later listener lose.
 */

/** The fields of a listener that decide whether it can share a Gateway with another. */
export interface ListenerShape {
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
}

/** The listeners of one owner (the Gateway, or one ListenerSet), under the owner's key. */
export interface ListenerGroup {
  owner: string;
  listeners: readonly ListenerShape[];
}

/** A ListenerSet's listeners with what orders the set among its siblings. */
export interface AttachedGroup extends ListenerGroup {
  namespace: string;
  name: string;
  creationTimestamp?: string;
}

/** Conflict reasons by owner key, then by listener name. Owners without conflicts are absent. */
export type ConflictsByOwner = Record<string, Record<string, ListenerConflictReason>>;

function creationTime(t: string | undefined): number {
  const parsed = t === undefined ? Number.NaN : Date.parse(t);
  // An unset or unreadable timestamp is the zero time: it sorts first, as in Kubernetes.
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
}

/** The sets in precedence order: oldest first, then by namespace/name. */
export function precedenceOrder<T extends AttachedGroup>(sets: readonly T[]): T[] {
  return [...sets].sort((a, b) => {
    const ta = creationTime(a.creationTimestamp);
    const tb = creationTime(b.creationTimestamp);
    if (ta !== tb) return ta < tb ? -1 : 1;
    return compareStrings(namespacedKeyOf(a.namespace, a.name), namespacedKeyOf(b.namespace, b.name));
  });
}

type ProtocolFamily = "layer4" | "hostname-routed" | "other";

function familyOf(protocol: string): ProtocolFamily {
  if (protocol === "TCP" || protocol === "UDP") return "layer4";
  if (protocol === "HTTP" || protocol === "HTTPS" || protocol === "TLS") return "hostname-routed";
  return "other";
}

/** An unset or empty hostname matches every hostname. */
const hostnameOf = (l: ListenerShape) => (l.hostname === undefined || l.hostname === "" ? "*" : l.hostname);

/**
 * Whether two listeners can coexist. Different ports always can. On one port,
 * hostname-routed listeners (HTTP, HTTPS, TLS) coexist when their hostnames differ as
 * written (overlap is fine: the more specific hostname wins at runtime); a layer-4
 * listener (TCP, UDP) has nothing to tell connections apart by, so it excludes every
 * other layer-4 or hostname-routed listener; protocols the Gateway API does not define
 * coexist with anything of another protocol.
 */
export function listenersDistinct(a: ListenerShape, b: ListenerShape): boolean {
  if (a.port !== b.port) return true;
  const fa = familyOf(a.protocol);
  const fb = familyOf(b.protocol);
  if (fa === "other" || fb === "other") return a.protocol !== b.protocol;
  if (fa === "hostname-routed" && fb === "hostname-routed") return hostnameOf(a) !== hostnameOf(b);
  return false;
}

/** Why `loser` could not join next to `winner`. */
export function conflictReason(loser: ListenerShape, winner: ListenerShape): ListenerConflictReason {
  // Two layer-4 listeners have no hostnames to conflict on, whatever their protocols.
  if (familyOf(loser.protocol) === "layer4" && familyOf(winner.protocol) === "layer4") return "ProtocolConflict";
  return loser.protocol !== winner.protocol ? "ProtocolConflict" : "HostnameConflict";
}

/** The conflicts among a Gateway's listeners and those of the sets attached to it. */
export function findConflicts(gateway: ListenerGroup, sets: readonly AttachedGroup[]): ConflictsByOwner {
  const survivors: ListenerShape[] = [];
  const lost = new Map<string, Map<string, ListenerConflictReason>>();
  for (const group of [gateway, ...precedenceOrder(sets)]) {
    for (const listener of group.listeners) {
      const winner = survivors.find((s) => !listenersDistinct(listener, s));
      if (winner === undefined) {
        survivors.push(listener);
        continue;
      }
      const reasons = lost.get(group.owner) ?? new Map<string, ListenerConflictReason>();
      lost.set(group.owner, reasons.set(listener.name, conflictReason(listener, winner)));
    }
  }
  // fromEntries defines own properties, so a listener named `__proto__` stays data.
  return Object.fromEntries([...lost].map(([owner, reasons]) => [owner, Object.fromEntries(reasons)]));
}

/** The conflict reason of one listener, if it lost (own properties only: names are user data). */
export function conflictOf(conflicts: Readonly<Record<string, ListenerConflictReason>>, listenerName: string): ListenerConflictReason | undefined {
  return Object.hasOwn(conflicts, listenerName) ? conflicts[listenerName] : undefined;
}
