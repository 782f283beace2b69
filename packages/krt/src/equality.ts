/**
 * The default item equality: fast-deep-equal, made total. fast-deep-equal calls an
 * object's own `valueOf`/`toString` when they differ from Object.prototype's, so
 * plain data with a key such as `toString: x` (legal YAML) makes it throw; a throw
 * inside a write would break the caller, so it counts as "not equal" instead (the
 * worst outcome is one redundant event). (A hand-written allocation-free compare was
 * measured 4x slower than fast-deep-equal's Object.keys path on V8, so it stays.)
 */
import fastDeepEqual from "fast-deep-equal";

export function deepEqual(a: unknown, b: unknown): boolean {
  try {
    return fastDeepEqual(a, b);
  } catch {
    return false;
  }
}
