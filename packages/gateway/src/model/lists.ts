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
