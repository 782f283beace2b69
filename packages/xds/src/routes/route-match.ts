/**
 * Istio HTTP match requests as Envoy RouteMatches: path (exact, prefix, regex), headers,
 * query parameters, method, authority and scheme.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { HeaderMatcherSchema, QueryParameterMatcherSchema, RouteMatchSchema } from "../gen/envoy/config/route/v3/route_components_pb.js";
import type { StringMatcherSchema } from "../gen/envoy/type/matcher/v3/string_pb.js";
import type { HTTPMatchInput, StringMatchInput } from "../model.js";

type RouteMatchInit = MessageInitShape<typeof RouteMatchSchema>;
type HeaderMatcherInit = MessageInitShape<typeof HeaderMatcherSchema>;

/** Which client the match is for, when that changes the encoding (see {@link translateRouteMatch}). */
export type RouteFlavour = "envoy" | "grpc";

/** The Envoy string matcher of an Istio StringMatch, or undefined for an empty one. */
export function stringMatcher(m: StringMatchInput): MessageInitShape<typeof StringMatcherSchema> | undefined {
  if (m.exact !== undefined) return { matchPattern: { case: "exact", value: m.exact } };
  if (m.prefix !== undefined) return { matchPattern: { case: "prefix", value: m.prefix } };
  if (m.regex !== undefined) return { matchPattern: { case: "safeRegex", value: { regex: m.regex } } };
  return undefined;
}

/** Istio reads an empty match, or the regex `*` (not valid RE2), as "present". */
function meansPresent(m: StringMatchInput | undefined): boolean {
  return m === undefined || (m.exact === undefined && m.prefix === undefined && (m.regex === undefined || m.regex === "*"));
}

/**
 * gRFC A28's header matchers: the forms every gRPC client accepts. `string_match` came
 * with gRFC A63 (2023) and older clients NACK it; A63 keeps these supported.
 */
function legacyHeaderMatch(m: StringMatchInput): HeaderMatcherInit["headerMatchSpecifier"] | undefined {
  if (m.exact !== undefined) return { case: "exactMatch", value: m.exact };
  if (m.prefix !== undefined) return { case: "prefixMatch", value: m.prefix };
  if (m.regex !== undefined) return { case: "safeRegexMatch", value: { regex: m.regex } };
  return undefined;
}

function headerMatcher(name: string, m: StringMatchInput | undefined, flavour: RouteFlavour): HeaderMatcherInit {
  if (meansPresent(m)) return { name, headerMatchSpecifier: { case: "presentMatch", value: true } };
  if (flavour === "grpc") {
    const legacy = legacyHeaderMatch(m ?? {});
    return legacy === undefined ? { name } : { name, headerMatchSpecifier: legacy };
  }
  const sm = stringMatcher(m ?? {});
  return sm === undefined ? { name } : { name, headerMatchSpecifier: { case: "stringMatch", value: sm } };
}

function queryMatcher(name: string, m: StringMatchInput): MessageInitShape<typeof QueryParameterMatcherSchema> {
  if (meansPresent(m)) return { name, queryParameterMatchSpecifier: { case: "presentMatch", value: true } };
  const sm = stringMatcher(m);
  return sm === undefined ? { name } : { name, queryParameterMatchSpecifier: { case: "stringMatch", value: sm } };
}

/** The values Envoy accepts as path_separated_prefix (its proto validation rule). */
const SEPARATED_PREFIX = /^[^?#]+[^?#/]$/;

/** RE2 escaping for a literal path segment. */
function quoteRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");
}

/**
 * The path part. Gateway API prefixes (gateway semantics) match whole segments: `/foo`
 * matches `/foo` and `/foo/bar`, not `/foobar`, which Envoy writes as
 * path_separated_prefix. gRPC clients reject that specifier (gRFC A28 lists prefix, path
 * and safe_regex), so for them the same set of paths is written as a regex.
 */
function pathSpecifier(uri: StringMatchInput | undefined, gatewaySemantics: boolean, flavour: RouteFlavour): RouteMatchInit["pathSpecifier"] {
  if (uri?.exact !== undefined) return { case: "path", value: uri.exact };
  if (uri?.regex !== undefined) return { case: "safeRegex", value: { regex: uri.regex } };
  const prefix = uri?.prefix ?? "/";
  if (!gatewaySemantics || prefix === "/") return { case: "prefix", value: prefix };
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  // Envoy refuses a path_separated_prefix outside ^[^?#]+[^?#/]$ (the whole RouteConfiguration
  // with it); Gateway API routes are checked before they get here, a VirtualService may not be.
  if (flavour === "grpc" || !SEPARATED_PREFIX.test(trimmed)) return { case: "safeRegex", value: { regex: `${quoteRegex(trimmed)}(/.*)?` } };
  return { case: "pathSeparatedPrefix", value: trimmed };
}

/** A path specifier as an RE2 regex that ignores case. */
function caseInsensitivePath(p: RouteMatchInit["pathSpecifier"]): RouteMatchInit["pathSpecifier"] {
  if (p?.case === "path") return { case: "safeRegex", value: { regex: `(?i)${quoteRegex(p.value)}` } };
  // "/" has no case: it stays a prefix, and the route stays a catch-all.
  if (p?.case === "prefix") return p.value === "/" ? p : { case: "safeRegex", value: { regex: `(?i)${quoteRegex(p.value)}.*` } };
  if (p?.case === "safeRegex") return { case: "safeRegex", value: { regex: `(?i)(?:${p.value.regex ?? ""})` } };
  return p;
}

/** Translates one match (undefined: match everything). */
export function translateRouteMatch(match: HTTPMatchInput | undefined, gatewaySemantics: boolean, flavour: RouteFlavour): RouteMatchInit {
  const out: RouteMatchInit = { pathSpecifier: pathSpecifier(match?.uri, gatewaySemantics, flavour) };
  if (match === undefined) return out;
  const headers: HeaderMatcherInit[] = [];
  for (const [name, m] of Object.entries(match.headers ?? {})) headers.push(headerMatcher(name, m, flavour));
  for (const [name, m] of Object.entries(match.withoutHeaders ?? {})) {
    const inverted: HeaderMatcherInit = { ...headerMatcher(name, m, flavour), invertMatch: true };
    // A missing header is "not matching" only when compared as empty; present_match cannot take that flag.
    headers.push(meansPresent(m) ? inverted : { ...inverted, treatMissingHeaderAsEmpty: true });
  }
  headers.sort((a, b) => ((a.name ?? "") < (b.name ?? "") ? -1 : (a.name ?? "") > (b.name ?? "") ? 1 : 0));
  if (match.method !== undefined) headers.push(headerMatcher(":method", match.method, flavour));
  if (match.authority !== undefined) headers.push(headerMatcher(":authority", match.authority, flavour));
  if (match.scheme !== undefined) headers.push(headerMatcher(":scheme", match.scheme, flavour));
  if (match.ignoreUriCase === true && flavour === "grpc") {
    // gRFC A28 clients NACK case_sensitive=false; RE2's (?i) says the same in the path.
    out.pathSpecifier = caseInsensitivePath(out.pathSpecifier);
    out.caseSensitive = true;
  } else {
    out.caseSensitive = match.ignoreUriCase !== true;
  }
  if (headers.length > 0) out.headers = headers;
  const query = Object.keys(match.queryParams ?? {})
    .sort()
    .map((name) => queryMatcher(name, match.queryParams?.[name] ?? {}));
  if (query.length > 0) out.queryParameters = query;
  return out;
}

/** A route that matches every request: Istio moves these behind the others of a virtual host. */
export function isCatchAll(match: RouteMatchInit): boolean {
  const p = match.pathSpecifier;
  const everyPath = (p?.case === "prefix" && p.value === "/") || (p?.case === "safeRegex" && p.value.regex === ".*");
  return everyPath && (match.headers?.length ?? 0) === 0 && (match.queryParameters?.length ?? 0) === 0;
}
