/**
 * Hostname intersection between a listener and a route: a route binds to a listener
 * only for the hostnames both accept. A wildcard (`*.example.com`) matches any
 * hostname with that suffix and at least one more label; when one side is a
 * wildcard and the other specific, the specific one is what the route serves.
 */

function wildcardMatches(wildcard: string, host: string): boolean {
  return host.endsWith(wildcard.slice(1)) && host.length > wildcard.length - 1;
}

/** The hostname both accept, if any; undefined stands for "any hostname". */
export function intersectHost(listener: string | undefined, route: string): string | undefined | null {
  if (listener === undefined || listener === "*") return route;
  if (listener === route) return route;
  const lw = listener.startsWith("*.");
  const rw = route.startsWith("*.");
  if (lw && !rw) return wildcardMatches(listener, route) ? route : null;
  if (rw && !lw) return wildcardMatches(route, listener) ? listener : null;
  if (lw && rw) {
    // The narrower wildcard is the intersection.
    if (wildcardMatches(listener, route.slice(2)) || route.endsWith(listener.slice(1))) return route;
    if (listener.endsWith(route.slice(1))) return listener;
  }
  return null;
}

/**
 * The hostnames a route serves on a listener, in the route's order. A route without
 * hostnames serves `*`: the listener's server already limits the hosts. Returns []
 * when nothing intersects.
 */
export function routeHostsOnListener(listenerHost: string | undefined, routeHosts: readonly string[]): string[] {
  if (routeHosts.length === 0) return ["*"];
  const out: string[] = [];
  for (const h of routeHosts) {
    const i = intersectHost(listenerHost, h);
    if (i !== null && i !== undefined && !out.includes(i)) out.push(i);
  }
  return out;
}

/**
 * Whether two hostnames overlap (Istio's host.Name.Matches): `*` matches anything;
 * two wildcards overlap when the longer one's suffix ends with the shorter's; one
 * wildcard matches a name ending with its suffix; two names match when equal.
 */
export function hostsOverlap(a: string, b: string): boolean {
  if (a === "*" || b === "*") return true;
  const aw = a.startsWith("*");
  const bw = b.startsWith("*");
  if (aw && bw) return a.length >= b.length ? a.slice(1).endsWith(b.slice(1)) : b.slice(1).endsWith(a.slice(1));
  if (aw) return b.endsWith(a.slice(1));
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** Whether every name `a` covers is covered by `b` (Istio's host.Name.SubsetOf). */
export function hostSubsetOf(a: string, b: string): boolean {
  if (b === "*") return true;
  const aw = a.startsWith("*");
  const bw = b.startsWith("*");
  if (aw && bw) return a.length >= b.length && a.slice(1).endsWith(b.slice(1));
  if (aw) return false;
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** A listener's hostname and the hostnames of its siblings (same port and protocol). */
export interface IsolationScope {
  hostname: string;
  siblings: readonly string[];
}

/**
 * Whether a route host may be served on a listener without stealing traffic meant
 * for a more specific sibling listener (Istio's hostname isolation).
 */
export function isolationAllows(host: string, scope: IsolationScope): boolean {
  const l = scope.hostname;
  if (l !== "" && !l.startsWith("*")) return true;
  if (l !== "" && !hostsOverlap(host, l)) return false;
  for (const c of scope.siblings) {
    if (c === l) continue;
    if (l.length > c.length) continue;
    if (hostSubsetOf(host, c === "" ? "*" : c)) return false;
  }
  return true;
}
