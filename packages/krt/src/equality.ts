/**
 * The default item equality: fast-deep-equal, made total. fast-deep-equal calls an
 * object's own `valueOf`/`toString` when they differ from Object.prototype's, so
 * plain data with a key such as `toString: x` (legal YAML) makes it throw. Then the
 * values are compared structurally instead, treating such keys as the data they are.
 * (That structural compare was measured 4x slower than fast-deep-equal's
 * Object.keys path on V8, so it is only the fallback.) Both recurse, so values with a
 * cycle or nested deeper than the stack make them overflow; `findCycle` tells which.
 */
import fastDeepEqual from "fast-deep-equal";

const hasOwn = Object.prototype.hasOwnProperty;

/** Own-enumerable-key structural equality of JSON-like values; NaN equals NaN. */
function structuralEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a !== a && b !== b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  for (const k of keysA) {
    if (!hasOwn.call(b, k)) return false;
    if (!structuralEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  try {
    return fastDeepEqual(a, b);
  } catch (error) {
    // A stack overflow (a cycle, or nesting deeper than recursion goes) would only
    // overflow again in the fallback: let the engine decide what it means.
    if (error instanceof RangeError) throw error;
    return structuralEqual(a, b);
  }
}

/**
 * Where `value` first reaches one of its own ancestors, as a path such as
 * `.spec.items[0].parent`, or undefined when it contains no cycle. Iterative, so any
 * depth is fine; meant for the error path only (it visits the whole value).
 */
export function findCycle(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  // Paths are built only for the answer: building one per visited object would cost
  // time and memory quadratic in the depth.
  interface Frame {
    object: object;
    keys: string[];
    next: number;
  }
  const onPath = new Set<object>([value]);
  const finished = new Set<object>();
  const stack: Frame[] = [{ object: value, keys: Object.keys(value), next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.keys.length) {
      stack.pop();
      onPath.delete(frame.object);
      finished.add(frame.object);
      continue;
    }
    const key = frame.keys[frame.next++]!;
    const child: unknown = Object.getOwnPropertyDescriptor(frame.object, key)?.value;
    if (typeof child !== "object" || child === null || finished.has(child)) continue;
    if (onPath.has(child)) return pathOf(stack);
    onPath.add(child);
    stack.push({ object: child, keys: Object.keys(child), next: 0 });
  }
  return undefined;
}

/** `.a[0].b` for the keys each frame of `stack` is currently at. */
function pathOf(stack: readonly { object: object; keys: string[]; next: number }[]): string {
  return stack.map((f) => (Array.isArray(f.object) ? `[${f.keys[f.next - 1]}]` : `.${f.keys[f.next - 1]}`)).join("");
}
