/**
 * Records keyed by input (resource names, type URLs, label and header keys). A plain
 * `{}` inherits from Object.prototype, so a key such as `__proto__` is not stored but
 * replaces the prototype, and `constructor` or `toString` read as present when absent;
 * these records have no prototype, so every key is an own property like any other.
 */

/** A record without a prototype holding `entries` (later entries win). */
export function nullProtoRecord<V>(entries: Iterable<readonly [string, V]> = []): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/** The value of an own property of `record`, never one inherited from its prototype. */
export function ownValue<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
