/**
 * protoc-gen-validate's string and bytes rules. Lengths count code points (`len`,
 * `min_len`, `max_len`) or UTF-8 bytes (`*_bytes`); `pattern` is an RE2 search, as PGV
 * runs it; the well-known header regexes are PGV's own.
 */
import { isFieldSet } from "@bufbuild/protobuf";
import { re2Searcher } from "@weft/api";
import { isIP } from "node:net";
import { BytesRulesSchema, KnownRegex, StringRulesSchema, type BytesRules, type StringRules } from "../gen/validate/validate_pb.js";

/** RFC 7230 token characters, optionally after the `:` of a pseudo-header. */
const HEADER_NAME_STRICT = /^:?[0-9a-zA-Z!#$%&'*+\-.^_|~`]+$/;
/** No control characters but horizontal tab. */
const HEADER_VALUE_STRICT = /^[^\u0000-\u0008\u000A-\u001F\u007F]*$/;
/** Non-strict: only NUL, LF and CR are refused (what Envoy's codecs cannot carry). */
const HEADER_LOOSE = /^[^\u0000\u000A\u000D]*$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const searchers = new Map<string, ((s: string) => boolean) | undefined>();
function patternMatches(pattern: string, value: string): boolean | undefined {
  if (!searchers.has(pattern)) searchers.set(pattern, re2Searcher(pattern));
  return searchers.get(pattern)?.(value);
}

function isHostname(s: string): boolean {
  const name = s.endsWith(".") ? s.slice(0, -1) : s;
  if (name.length === 0 || name.length > 253) return false;
  return name.split(".").every((label) => /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(label));
}

function wellKnown(value: string, rules: StringRules): string | undefined {
  const w = rules.wellKnown;
  switch (w.case) {
    case undefined:
      return undefined;
    case "wellKnownRegex": {
      const strict = !isFieldSet(rules, StringRulesSchema.field.strict) || rules.strict;
      if (w.value === KnownRegex.HTTP_HEADER_NAME) return (strict ? HEADER_NAME_STRICT : HEADER_LOOSE).test(value) ? undefined : "must be a valid HTTP header name";
      if (w.value === KnownRegex.HTTP_HEADER_VALUE) return (strict ? HEADER_VALUE_STRICT : HEADER_LOOSE).test(value) ? undefined : "must be a valid HTTP header value";
      return undefined;
    }
    case "hostname":
      return !w.value || isHostname(value) ? undefined : "must be a valid hostname";
    case "ip":
      return !w.value || isIP(value) !== 0 ? undefined : "must be a valid IP address";
    case "ipv4":
      return !w.value || isIP(value) === 4 ? undefined : "must be a valid IPv4 address";
    case "ipv6":
      return !w.value || isIP(value) === 6 ? undefined : "must be a valid IPv6 address";
    case "address":
      return !w.value || isIP(value) !== 0 || isHostname(value) ? undefined : "must be a valid hostname or IP address";
    case "uuid":
      return !w.value || UUID.test(value) ? undefined : "must be a valid UUID";
    case "uri":
    case "uriRef":
      return !w.value || URL.canParse(value, w.case === "uriRef" ? "http://x/" : undefined) ? undefined : "must be a valid URI";
    case "email":
      return !w.value || /^[^@\s]+@[^@\s]+$/.test(value) ? undefined : "must be a valid email address";
  }
}

const set = (rules: StringRules, name: keyof typeof StringRulesSchema.field): boolean => isFieldSet(rules, StringRulesSchema.field[name]);

/** The first string rule `value` breaks, or undefined. */
export function checkString(value: string, rules: StringRules): string | undefined {
  if (rules.ignoreEmpty && value === "") return undefined;
  const chars = [...value].length;
  const bytes = Buffer.byteLength(value, "utf8");
  if (set(rules, "const") && value !== rules.const) return `must equal ${JSON.stringify(rules.const)}`;
  if (set(rules, "len") && BigInt(chars) !== rules.len) return `must be ${rules.len} characters long`;
  if (set(rules, "minLen") && BigInt(chars) < rules.minLen) return `must be at least ${rules.minLen} characters long`;
  if (set(rules, "maxLen") && BigInt(chars) > rules.maxLen) return `must be at most ${rules.maxLen} characters long`;
  if (set(rules, "lenBytes") && BigInt(bytes) !== rules.lenBytes) return `must be ${rules.lenBytes} bytes long`;
  if (set(rules, "minBytes") && BigInt(bytes) < rules.minBytes) return `must be at least ${rules.minBytes} bytes long`;
  if (set(rules, "maxBytes") && BigInt(bytes) > rules.maxBytes) return `must be at most ${rules.maxBytes} bytes long`;
  if (set(rules, "prefix") && !value.startsWith(rules.prefix)) return `must start with ${JSON.stringify(rules.prefix)}`;
  if (set(rules, "suffix") && !value.endsWith(rules.suffix)) return `must end with ${JSON.stringify(rules.suffix)}`;
  if (set(rules, "contains") && !value.includes(rules.contains)) return `must contain ${JSON.stringify(rules.contains)}`;
  if (set(rules, "notContains") && value.includes(rules.notContains)) return `must not contain ${JSON.stringify(rules.notContains)}`;
  if (rules.in.length > 0 && !rules.in.includes(value)) return `must be one of ${rules.in.map((s) => JSON.stringify(s)).join(", ")}`;
  if (rules.notIn.includes(value)) return `must not be ${JSON.stringify(value)}`;
  if (set(rules, "pattern")) {
    const matches = patternMatches(rules.pattern, value);
    if (matches === undefined) return `has a rule pattern RE2 cannot compile: ${JSON.stringify(rules.pattern)}`;
    if (!matches) return `must match the pattern ${JSON.stringify(rules.pattern)}`;
  }
  return wellKnown(value, rules);
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The first bytes rule `value` breaks, or undefined (PGV's byte lengths, prefix and const; Envoy uses little more). */
export function checkBytes(value: Uint8Array, rules: BytesRules): string | undefined {
  const has = (name: keyof typeof BytesRulesSchema.field) => isFieldSet(rules, BytesRulesSchema.field[name]);
  if (has("const") && !sameBytes(value, rules.const)) return "must equal the given bytes";
  if (has("len") && BigInt(value.length) !== rules.len) return `must be ${rules.len} bytes long`;
  if (has("minLen") && BigInt(value.length) < rules.minLen) return `must be at least ${rules.minLen} bytes long`;
  if (has("maxLen") && BigInt(value.length) > rules.maxLen) return `must be at most ${rules.maxLen} bytes long`;
  if (has("prefix") && !sameBytes(value.subarray(0, rules.prefix.length), rules.prefix)) return "must start with the given bytes";
  return undefined;
}
