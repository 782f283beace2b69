/**
 * The rules of one value by its FieldRules type: numbers, bools, strings, bytes, enums,
 * durations and Any type URLs. Repeated, map and message rules are the walker's (see
 * validate-message.ts).
 */
import { isFieldSet, type DescEnum, type DescMessage } from "@bufbuild/protobuf";
import type { Duration } from "@bufbuild/protobuf/wkt";
import {
  BoolRulesSchema,
  DoubleRulesSchema,
  DurationRulesSchema,
  Fixed32RulesSchema,
  Fixed64RulesSchema,
  FloatRulesSchema,
  Int32RulesSchema,
  Int64RulesSchema,
  SFixed32RulesSchema,
  SFixed64RulesSchema,
  SInt32RulesSchema,
  SInt64RulesSchema,
  UInt32RulesSchema,
  UInt64RulesSchema,
  type FieldRules,
} from "../gen/validate/validate_pb.js";
import { boundsOf, checkBounds } from "./number-rules.js";
import { checkBytes, checkString } from "./string-rules.js";

/** The rules message of each numeric kind; they all share PGV's field names. */
const NUMERIC_SCHEMAS: ReadonlyMap<string, DescMessage> = new Map<string, DescMessage>([
  ["float", FloatRulesSchema],
  ["double", DoubleRulesSchema],
  ["int32", Int32RulesSchema],
  ["int64", Int64RulesSchema],
  ["uint32", UInt32RulesSchema],
  ["uint64", UInt64RulesSchema],
  ["sint32", SInt32RulesSchema],
  ["sint64", SInt64RulesSchema],
  ["fixed32", Fixed32RulesSchema],
  ["fixed64", Fixed64RulesSchema],
  ["sfixed32", SFixed32RulesSchema],
  ["sfixed64", SFixed64RulesSchema],
]);

export const durationNanos = (d: Partial<Duration> | undefined): bigint => BigInt(d?.seconds ?? 0n) * 1_000_000_000n + BigInt(d?.nanos ?? 0);
const showDuration = (nanos: bigint): string => `${Number(nanos) / 1e9}s`;

/** The first rule of `type` the (set) value breaks, or undefined. */
export function checkValue(value: unknown, type: FieldRules["type"], enumDesc: DescEnum | undefined): string | undefined {
  if (type.case === undefined) return undefined;
  const numeric = NUMERIC_SCHEMAS.get(type.case);
  if (numeric !== undefined) {
    const rules = type.value as { ignoreEmpty?: boolean };
    if (rules.ignoreEmpty === true && (value === 0 || value === 0n)) return undefined;
    return checkBounds(value as number | bigint, boundsOf(numeric, type.value as never, (v) => v as number | bigint));
  }
  switch (type.case) {
    case "bool":
      return isFieldSet(type.value, BoolRulesSchema.field.const) && type.value.const !== value ? `must be ${type.value.const}` : undefined;
    case "string":
      return typeof value === "string" ? checkString(value, type.value) : undefined;
    case "bytes":
      return value instanceof Uint8Array ? checkBytes(value, type.value) : undefined;
    case "enum": {
      const n = value as number;
      if (type.value.definedOnly && enumDesc !== undefined && !enumDesc.values.some((v) => v.number === n)) return `must be a defined ${enumDesc.typeName} value, not ${n}`;
      return checkBounds(n, { in: type.value.in, notIn: type.value.notIn });
    }
    case "duration":
      return checkBounds(durationNanos(value as Duration), boundsOf(DurationRulesSchema, type.value, (d) => durationNanos(d as Duration)), showDuration);
    case "any": {
      const url = (value as { typeUrl?: string }).typeUrl ?? "";
      if (type.value.in.length > 0 && !type.value.in.includes(url)) return `type must be one of ${type.value.in.join(", ")}`;
      if (type.value.notIn.includes(url)) return `type must not be ${url}`;
      return undefined;
    }
    default:
      return undefined;
  }
}
