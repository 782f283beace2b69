/**
 * Hostname matching with Istio's wildcard rules: `*` covers everything, `*.example.com`
 * covers every name ending in `.example.com` (including deeper wildcards), anything else
 * matches itself only. Hostnames compare case-insensitively, so callers lowercase first.
 */

const isWildcard = (h: string): boolean => h.startsWith("*");

/** Whether `host` is covered by `pattern` (every name `host` matches, `pattern` matches too). */
export function hostCoveredBy(host: string, pattern: string): boolean {
  if (host === pattern) return true;
  if (!isWildcard(pattern)) return false;
  return (isWildcard(host) ? host.slice(1) : host).endsWith(pattern.slice(1));
}

/** Whether the two can match a common name (one covers the other). */
export function hostsOverlap(a: string, b: string): boolean {
  return hostCoveredBy(a, b) || hostCoveredBy(b, a);
}

/**
 * The names served by both lists: for each overlapping pair, the narrower of the two.
 * Server `*.example.com` and route `a.example.com` give `a.example.com`; the reverse too.
 */
export function intersectHosts(serverHosts: readonly string[], routeHosts: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of serverHosts) {
    for (const r of routeHosts) {
      const narrower = hostCoveredBy(s, r) ? s : hostCoveredBy(r, s) ? r : undefined;
      if (narrower !== undefined && !out.includes(narrower)) out.push(narrower);
    }
  }
  return out;
}

/**
 * A gateway server's hosts as seen from `namespace`: `ns/host` applies only to routes in
 * `ns` (`*` for any), and loses its prefix.
 */
export function serverHostsFor(serverHosts: readonly string[], namespace: string): string[] {
  const out: string[] = [];
  for (const h of serverHosts) {
    const slash = h.indexOf("/");
    if (slash < 0) out.push(h);
    else if (h.slice(0, slash) === "*" || h.slice(0, slash) === namespace || h.slice(0, slash) === ".") out.push(h.slice(slash + 1));
  }
  return out;
}

/** A short name (no dot) written in `namespace` names the Kubernetes Service there. */
export function resolveHostname(host: string, namespace: string, domainSuffix: string): string {
  const lower = host.toLowerCase();
  if (lower === "*" || lower.includes(".")) return lower;
  return `${lower}.${namespace}.svc.${domainSuffix}`;
}
