/**
 * The few building blocks every schema in this package is made of. They exist so that
 * three Kubernetes habits hold everywhere without each schema repeating them: unknown
 * fields are kept, an explicit `null` in a known optional field means "absent", and
 * numbers are integers where the API says int32/int64.
 */
import { z } from "zod";

/**
 * A copy of `value` without the known keys whose value is `null`, or `value` itself when
 * there are none. The API server prunes such nulls before validating (a non-nullable
 * field that is null is treated as unset), and generated manifests are full of them
 * (`creationTimestamp: null`), so a schema must accept them. Unknown keys keep their
 * nulls: they are the user's data. The copy is built with `Object.fromEntries`, which
 * defines own properties, so a `__proto__` key can never reach a prototype.
 */
function dropNullKnownKeys(keys: ReadonlySet<string>): (value: unknown) => unknown {
  return (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    const entries = Object.entries(value);
    if (!entries.some(([k, v]) => v === null && keys.has(k))) return value;
    return Object.fromEntries(entries.filter(([k, v]) => !(v === null && keys.has(k))));
  };
}

/**
 * An object schema in the Kubernetes manner: unknown fields are kept (never stripped,
 * since a controller that round-trips an object must not lose what it does not model)
 * and a `null` in a known field counts as absent. Every object schema in this package
 * is built with it, at every nesting level.
 */
export function kobject<S extends z.ZodRawShape>(shape: S) {
  return z.preprocess(dropNullKnownKeys(new Set(Object.keys(shape))), z.looseObject(shape));
}

/**
 * An integer field (int32, int64, uint32 in the source APIs). Ranges are not enforced:
 * a port of 0 or 70000 is a semantic error the translators report as a status, while a
 * string or a fraction where an integer belongs is a type error reported here.
 */
export const int = z.number().int();

/**
 * A 64-bit integer in an Istio proto (uint64, UInt64Value): protobuf JSON allows it as a
 * number or a decimal string, so both are accepted as they are.
 */
export const int64OrString = z.union([z.number().int(), z.string()], {
  error: "expected an integer or a decimal string",
});

/**
 * Kubernetes IntOrString (a Service's targetPort): a port number or a port name.
 */
export const intOrString = z.union([z.number().int(), z.string()], {
  error: "expected an integer or a string",
});

/**
 * A map from any string key to values of `value`: zod's `z.record` with keys kept as data.
 * `z.record` builds its output by assignment, so a `__proto__` key (which YAML and JSON
 * readers deliver as an own property) was dropped, or, with an object value, became the
 * output's prototype: a header match map could inherit the fields of a match the user
 * wrote under `__proto__`. Here every entry is defined as an own property of an object
 * with the usual prototype, and each value's issues are reported under its key.
 */
export function record<T extends z.ZodType>(value: T) {
  return z.unknown().transform((input, ctx): Record<string, z.output<T>> => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      ctx.addIssue({ code: "invalid_type", expected: "record", input });
      return z.NEVER;
    }
    const out: Record<string, z.output<T>> = {};
    for (const [key, raw] of Object.entries(input)) {
      const parsed = value.safeParse(raw, { reportInput: true });
      if (parsed.success) Object.defineProperty(out, key, { value: parsed.data, enumerable: true, writable: true, configurable: true });
      else for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [key, ...issue.path] } as Parameters<typeof ctx.addIssue>[0]);
    }
    return out;
  });
}

/**
 * A map of strings to strings (labels, annotations, selectors, Secret stringData).
 */
export const stringMap = record(z.string());

/**
 * A point in time as the API writes it (RFC 3339 text). A `Date`, as some Kubernetes
 * clients deserialize timestamps, is turned into that text so the type stays one.
 */
export const timestamp = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString() : v),
  z.string(),
);
