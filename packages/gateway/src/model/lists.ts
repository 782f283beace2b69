/**
 * Input lists, defensively: an object that reaches the translator without going
 * through the loader may carry anything where a list belongs. A non-array is an
 * empty list here (iterating a string would walk its characters, one bogus entry
 * each); the loader reports such fields with their location.
 */
export function items<T>(value: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/**
 * An input list of objects: as `items`, keeping only entries that are objects (a
 * string spread into an object becomes one key per character).
 */
export function records<T>(value: readonly T[] | undefined | null): readonly T[] {
  return items(value).filter((v) => typeof v === "object" && v !== null && !Array.isArray(v));
}

/**
 * An input map of strings (labels, selectors), defensively: anything but a plain
 * object is empty, and entries whose value is not a string are dropped. Copied into
 * own properties, so a `__proto__` key stays a plain key.
 */
export function stringMap(value: Readonly<Record<string, unknown>> | undefined | null): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === "string") Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}
