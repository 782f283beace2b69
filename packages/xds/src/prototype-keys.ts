/**
 * Test support: the keys that reach Object.prototype through a plain `{}`, and a check
 * that Object.prototype is as it was (restoring it, so one failure cannot spread).
 */
export const DANGEROUS_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"] as const;

/** Snapshot Object.prototype's own keys; `changes()` lists what was added since, and removes it. */
export function watchObjectPrototype(): { changes(): string[] } {
  const before = new Set(Reflect.ownKeys(Object.prototype));
  return {
    changes() {
      const added = Reflect.ownKeys(Object.prototype).filter((k) => !before.has(k));
      for (const k of added) delete (Object.prototype as Record<PropertyKey, unknown>)[k];
      return added.map(String);
    },
  };
}
