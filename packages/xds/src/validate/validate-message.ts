/**
 * Checks a message against the protoc-gen-validate rules of its descriptor, the way
 * Envoy does before it accepts a resource: every field's rules, required oneofs, and
 * every nested message, including those packed in an Any (Envoy validates a typed
 * config when it unpacks it). Paths use the proto field names, as Envoy's NACKs do.
 */
import { isFieldSet, type DescField, type DescMessage, type Message, type Registry } from "@bufbuild/protobuf";
import { anyUnpack, type Any } from "@bufbuild/protobuf/wkt";
import type { FieldRules } from "../gen/validate/validate_pb.js";
import { fieldRules, oneofRequired, validationDisabled } from "./rule-options.js";
import { checkValue } from "./scalar-rules.js";

export interface Violation {
  /** Where, from the resource's root: `virtual_hosts[0].routes[2].match.headers[0].name`. */
  path: string;
  message: string;
}

/** Nesting deeper than this is reported, not followed (hostile input cannot recurse without bound). */
const MAX_DEPTH = 64;

interface Walk {
  registry: Registry | undefined;
  out: Violation[];
}

const isEmpty = (v: unknown): boolean => v === undefined || v === "" || v === 0 || v === 0n || v === false || (v instanceof Uint8Array && v.length === 0);
const join = (path: string, name: string): string => (path === "" ? name : `${path}.${name}`);

/** One element or value to check (a repeated item, a map value, or a singular field), with the rules that apply. */
interface Element {
  path: string;
  field: DescField;
  value: unknown;
  rules: FieldRules | undefined;
}

/** Checks an element against its rules, then walks into it if it is a message. */
function checkElement(w: Walk, { path, field, value, rules }: Element, depth: number): void {
  if (rules !== undefined) {
    const enumDesc = field.fieldKind === "enum" ? field.enum : field.fieldKind === "list" && field.listKind === "enum" ? field.enum : field.fieldKind === "map" && field.mapKind === "enum" ? field.enum : undefined;
    const problem = checkValue(value, rules.type, enumDesc);
    if (problem !== undefined) w.out.push({ path, message: problem });
  }
  if (rules?.message?.skip === true) return;
  const message = field.fieldKind === "message" || (field.fieldKind === "list" && field.listKind === "message") || (field.fieldKind === "map" && field.mapKind === "message") ? field.message : undefined;
  // Wrapper types arrive unboxed (a plain number or string): nothing to walk into.
  if (message === undefined || typeof value !== "object" || value === null || value instanceof Uint8Array) return;
  walkMessage(w, path, message, value as Message, depth + 1);
  if (message.typeName === "google.protobuf.Any") walkAny(w, path, value as Any, depth);
}

function checkField(w: Walk, path: string, field: DescField, value: unknown, depth: number): void {
  const rules = fieldRules(field);
  const at = join(path, field.name);
  if (field.fieldKind === "list") {
    const list = (value as unknown[] | undefined) ?? [];
    const r = rules?.type.case === "repeated" ? rules.type.value : undefined;
    if (r !== undefined) {
      if (BigInt(list.length) < r.minItems) w.out.push({ path: at, message: `must have at least ${r.minItems} items` });
      if (r.maxItems > 0n && BigInt(list.length) > r.maxItems) w.out.push({ path: at, message: `must have at most ${r.maxItems} items` });
      if (r.unique && new Set(list.map((v) => (typeof v === "object" ? JSON.stringify(v) : v))).size !== list.length) w.out.push({ path: at, message: "items must be unique" });
    }
    list.forEach((item, i) => checkElement(w, { path: `${at}[${i}]`, field, value: item, rules: r?.items }, depth));
    return;
  }
  if (field.fieldKind === "map") {
    const entries = Object.entries((value as Record<string, unknown> | undefined) ?? {});
    const r = rules?.type.case === "map" ? rules.type.value : undefined;
    if (r !== undefined) {
      if (BigInt(entries.length) < r.minPairs) w.out.push({ path: at, message: `must have at least ${r.minPairs} entries` });
      if (r.maxPairs > 0n && BigInt(entries.length) > r.maxPairs) w.out.push({ path: at, message: `must have at most ${r.maxPairs} entries` });
    }
    for (const [key, v] of entries) {
      const keyPath = `${at}[${JSON.stringify(key)}]`;
      if (r?.keys !== undefined) {
        const problem = checkValue(key, r.keys.type, undefined);
        if (problem !== undefined) w.out.push({ path: `${keyPath} (key)`, message: problem });
      }
      checkElement(w, { path: keyPath, field, value: v, rules: r?.values }, depth);
    }
    return;
  }
  if (field.fieldKind === "message") {
    if (value === undefined) {
      if (rules?.message?.required === true || (rules?.type.case === "duration" && rules.type.value.required) || (rules?.type.case === "any" && rules.type.value.required)) w.out.push({ path: at, message: "is required" });
      return;
    }
    checkElement(w, { path: at, field, value, rules }, depth);
    return;
  }
  // A scalar or enum: proto3 fields are always checked (an unset one is its zero value), unless
  // ignore_empty says an empty value is allowed.
  if (rules === undefined) return;
  const ignoreEmpty = (rules.type.value as { ignoreEmpty?: boolean } | undefined)?.ignoreEmpty === true;
  if (ignoreEmpty && isEmpty(value)) return;
  checkElement(w, { path: at, field, value, rules }, depth);
}

/** An Any's content, when its type is known: decoded and walked as the typed message. */
function walkAny(w: Walk, path: string, any: Any, depth: number): void {
  if (w.registry === undefined || any.typeUrl === "") return;
  const typeName = any.typeUrl.slice(any.typeUrl.lastIndexOf("/") + 1);
  const schema = w.registry.getMessage(typeName);
  if (schema === undefined) return;
  let inner: Message | undefined;
  try {
    inner = anyUnpack(any, w.registry);
  } catch (error) {
    w.out.push({ path, message: `does not decode as ${typeName}: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  if (inner !== undefined) walkMessage(w, `${path}<${typeName}>`, schema, inner, depth + 1);
}

function walkMessage(w: Walk, path: string, schema: DescMessage, message: Message, depth: number): void {
  if (validationDisabled(schema)) return;
  if (depth > MAX_DEPTH) {
    w.out.push({ path, message: `nests deeper than ${MAX_DEPTH} messages` });
    return;
  }
  const record = message as unknown as Record<string, unknown>;
  for (const oneof of schema.oneofs) {
    const selected = record[oneof.localName] as { case?: string; value?: unknown } | undefined;
    if (selected?.case === undefined) {
      if (oneofRequired(oneof)) w.out.push({ path: join(path, oneof.name), message: `one of ${oneof.fields.map((f) => f.name).join(", ")} is required` });
      continue;
    }
    const field = oneof.fields.find((f) => f.localName === selected.case);
    if (field !== undefined) checkField(w, path, field, selected.value, depth);
  }
  for (const field of schema.fields) {
    if (field.oneof !== undefined) continue;
    // Proto3 optionals and proto2 fields that are not set have no value to check.
    if (field.fieldKind !== "message" && field.fieldKind !== "list" && field.fieldKind !== "map" && field.presence !== 2 && !isFieldSet(message, field)) continue;
    checkField(w, path, field, record[field.localName], depth);
  }
}

/** Every rule `message` breaks, with the Any types `registry` knows followed too. */
export function validateMessage(schema: DescMessage, message: Message, registry?: Registry): Violation[] {
  const w: Walk = { registry, out: [] };
  walkMessage(w, "", schema, message, 0);
  return w.out;
}
