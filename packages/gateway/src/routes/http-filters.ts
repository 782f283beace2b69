/**
 * HTTPRoute filters to the fields of an Istio HTTP route: header modifiers, redirect,
 * URL rewrite, request mirrors and CORS. Each filter writes its own fields; a rule's
 * filters are applied in order.
 */
import type { Destination, HeaderOperations, HTTPRoute, StringMatch } from "../model/istio.js";
import type { HTTPRouteFilter } from "../model/resources.js";

type HeaderModifier = NonNullable<HTTPRouteFilter["requestHeaderModifier"]>;
import { serviceHostname } from "../names.js";

function headerOps(m: HeaderModifier): HeaderOperations {
  const out: HeaderOperations = {};
  if (m.set?.length) out.set = Object.fromEntries(m.set.map((h: { name: string; value: string }) => [h.name, h.value]));
  if (m.add?.length) out.add = Object.fromEntries(m.add.map((h: { name: string; value: string }) => [h.name, h.value]));
  if (m.remove?.length) out.remove = [...m.remove];
  return out;
}

/** Matches "any origin with a scheme and host", as Istio writes a `*` allowed origin. */
const ANY_ORIGIN = "^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s?#]+$";

/** An allowed CORS origin: exact, or with `*` wildcards turned into a regex. */
export function corsOrigin(origin: string): StringMatch {
  if (origin === "*") return { regex: ANY_ORIGIN };
  if (!origin.includes("*")) return { exact: origin };
  const escaped = origin.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*");
  return { regex: `^${escaped}$` };
}

/** Resolves a mirror's backendRef; undefined when it cannot be used (the caller records why). */
export type MirrorResolver = (ref: NonNullable<HTTPRouteFilter["requestMirror"]>["backendRef"]) => Destination | undefined;

/** Mirrors to the Service named, without checks (for callers that resolved nothing). */
function plainMirror(ns: string, domainSuffix: string): MirrorResolver {
  return (ref) => ({ host: serviceHostname(ref.name, ref.namespace ?? ns, domainSuffix), ...(ref.port === undefined ? {} : { port: { number: ref.port } }) });
}

/**
 * Applies one filter to `route`. `ns` and `resolveMirror` resolve mirror backends
 * (a mirror that cannot be resolved is left out); returns false for filters not understood.
 */
export function applyFilter(route: Partial<HTTPRoute>, f: HTTPRouteFilter, ns: string, domainSuffix: string, resolveMirror: MirrorResolver = plainMirror(ns, domainSuffix)): boolean {
  switch (f.type) {
    case "RequestHeaderModifier":
      if (f.requestHeaderModifier) route.headers = { ...route.headers, request: headerOps(f.requestHeaderModifier) };
      return true;
    case "ResponseHeaderModifier":
      if (f.responseHeaderModifier) route.headers = { ...route.headers, response: headerOps(f.responseHeaderModifier) };
      return true;
    case "RequestRedirect": {
      const r = f.requestRedirect ?? {};
      route.redirect = {
        ...(r.path?.type === "ReplaceFullPath" && r.path.replaceFullPath !== undefined ? { uri: r.path.replaceFullPath } : {}),
        ...(r.path?.type === "ReplacePrefixMatch" && r.path.replacePrefixMatch !== undefined ? { prefixRewrite: r.path.replacePrefixMatch } : {}),
        ...(r.hostname !== undefined ? { authority: r.hostname } : {}),
        ...(r.port !== undefined ? { port: r.port } : {}),
        // Gateway API: with no port, a scheme change implies that scheme's default port
        // (Istio's own default would keep the request's port).
        ...(r.port === undefined && r.scheme !== undefined ? { derivePort: "FROM_PROTOCOL_DEFAULT" as const } : {}),
        ...(r.scheme !== undefined ? { scheme: r.scheme } : {}),
        redirectCode: r.statusCode ?? 302,
      };
      return true;
    }
    case "URLRewrite": {
      const r = f.urlRewrite ?? {};
      const path = r.path;
      route.rewrite = {
        ...(path?.type === "ReplacePrefixMatch" ? { uri: path.replacePrefixMatch || "/" } : {}),
        ...(path?.type === "ReplaceFullPath" ? { uriRegexRewrite: { match: "/.*", rewrite: path.replaceFullPath ?? "/" } } : {}),
        ...(r.hostname !== undefined ? { authority: r.hostname } : {}),
      };
      return true;
    }
    case "RequestMirror": {
      const m = f.requestMirror;
      if (m === undefined) return true;
      const percent = m.fraction !== undefined ? (m.fraction.numerator * 100) / (m.fraction.denominator ?? 100) : m.percent;
      const destination = resolveMirror(m.backendRef);
      if (destination === undefined) return true;
      route.mirrors = [...(route.mirrors ?? []), { destination, ...(percent === undefined ? {} : { percentage: { value: percent } }) }];
      return true;
    }
    case "CORS": {
      const c = f.cors ?? {};
      route.corsPolicy = {
        ...(c.allowCredentials ? { allowCredentials: true } : {}),
        ...(c.allowHeaders?.length ? { allowHeaders: [...c.allowHeaders] } : {}),
        ...(c.allowMethods?.length ? { allowMethods: [...c.allowMethods] } : {}),
        ...(c.allowOrigins?.length ? { allowOrigins: c.allowOrigins.map(corsOrigin) } : {}),
        ...(c.exposeHeaders?.length ? { exposeHeaders: [...c.exposeHeaders] } : {}),
        ...(c.maxAge !== undefined ? { maxAge: `${c.maxAge}s` } : {}),
        unmatchedPreflights: "IGNORE",
      };
      return true;
    }
    default:
      return false;
  }
}
