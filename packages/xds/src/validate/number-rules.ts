/**
 * protoc-gen-validate's comparison rules, shared by every numeric type and durations:
 * const, in, not_in, and the bounds gt/gte/lt/lte. As PGV defines them, a lower and an
 * upper bound with lower < upper ask for a value inside the range; with lower > upper,
 * for one outside it.
 */
import { isFieldSet, type DescMessage, type MessageShape } from "@bufbuild/protobuf";

export type Comparable = number | bigint;

/** The comparison rules of one rules message, as read with presence (the rules are proto2 optionals). */
export interface Bounds<T extends Comparable> {
  const?: T;
  lt?: T;
  lte?: T;
  gt?: T;
  gte?: T;
  in: readonly T[];
  notIn: readonly T[];
}

/** Reads the bounds a rules message sets; `convert` turns a rule value into a comparable one. */
export function boundsOf<Desc extends DescMessage, T extends Comparable>(schema: Desc, rules: MessageShape<Desc>, convert: (v: unknown) => T): Bounds<T> {
  const record = rules as unknown as Record<string, unknown>;
  const out: Bounds<T> = { in: ((record.in as unknown[] | undefined) ?? []).map(convert), notIn: ((record.notIn as unknown[] | undefined) ?? []).map(convert) };
  for (const name of ["const", "lt", "lte", "gt", "gte"] as const) {
    const field = schema.field[name];
    if (field !== undefined && isFieldSet(rules, field)) out[name] = convert(record[name]);
  }
  return out;
}

const lessThan = (a: Comparable, b: Comparable): boolean => (typeof a === typeof b ? a < b : Number(a) < Number(b));
const equal = (a: Comparable, b: Comparable): boolean => (typeof a === typeof b ? a === b : Number(a) === Number(b));

/** What the value breaks, or undefined. `show` prints a bound for the message. */
export function checkBounds<T extends Comparable>(value: T, b: Bounds<T>, show: (v: T) => string = String): string | undefined {
  if (b.const !== undefined && !equal(value, b.const)) return `must equal ${show(b.const)}`;
  if (b.in.length > 0 && !b.in.some((v) => equal(v, value))) return `must be one of ${b.in.map(show).join(", ")}`;
  if (b.notIn.some((v) => equal(v, value))) return `must not be ${show(value)}`;
  const lower = b.gt !== undefined ? { v: b.gt, inclusive: false } : b.gte !== undefined ? { v: b.gte, inclusive: true } : undefined;
  const upper = b.lt !== undefined ? { v: b.lt, inclusive: false } : b.lte !== undefined ? { v: b.lte, inclusive: true } : undefined;
  const aboveLower = lower === undefined || lessThan(lower.v, value) || (lower.inclusive && equal(lower.v, value));
  const belowUpper = upper === undefined || lessThan(value, upper.v) || (upper.inclusive && equal(upper.v, value));
  const lowerText = lower === undefined ? "" : `${lower.inclusive ? ">=" : ">"} ${show(lower.v)}`;
  const upperText = upper === undefined ? "" : `${upper.inclusive ? "<=" : "<"} ${show(upper.v)}`;
  if (lower !== undefined && upper !== undefined && lessThan(upper.v, lower.v)) {
    // An exclusive range: the value must lie outside (upper, lower).
    return aboveLower || belowUpper ? undefined : `must be ${upperText} or ${lowerText}`;
  }
  if (!aboveLower || !belowUpper) return `must be ${[lowerText, upperText].filter((t) => t !== "").join(" and ")}`;
  return undefined;
}
