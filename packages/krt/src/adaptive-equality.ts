/**
 * The default equality of a collection: `deepEqual` (fast-deep-equal, made total),
 * with a shortcut learnt from the collection's own history. Successive versions of
 * an item usually differ in the same place (a pod's `status.podIP`, a workload's
 * `ip`), so when a comparison finds two items unequal it remembers the path of the
 * first differing value, and the next comparison reads that path first: if the
 * values there differ, the items are unequal and nothing else is visited. Otherwise
 * (equal there, or the path does not exist in both) the full comparison decides.
 *
 * The shortcut only answers "unequal", and only where fast-deep-equal (and the
 * structural fallback of `deepEqual`) would compare the two values at that path:
 * every step goes through plain objects (Object.prototype's `valueOf` and
 * `toString`, an own key in both) or arrays (an index below both lengths), and the
 * two values at its end are not both objects. So on plain data its answer is always
 * the full comparison's (the property test in adaptive-equality.test.ts checks it
 * against fast-deep-equal). One deliberate exception, outside plain data: an own key
 * made non-enumerable with `Object.defineProperty`, which fast-deep-equal skips, is
 * read like any other, so items differing only there count as changed (one extra
 * event with equal content, never a missed change). Checking enumerability
 * (`propertyIsEnumerable`, a slow builtin) cost more than the shortcut saved on
 * derived outputs: krt-controllers measured 1.68 with it against 1.56 without.
 *
 * It backs off: after a few comparisons in a row where the path did not decide (the
 * items were equal, or differed elsewhere, or no differing value was found), it
 * stops using and learning paths for a while. Paths are walked, not compiled: the
 * issue that asked for this measured that compiling every new path cost 15% on
 * policy edits, and a walk of one or two keys costs about what calling a compiled
 * check does.
 *
 * An item that differs at the remembered path is not walked in full, so a cycle
 * inside it is not found by this comparison. Where that matters (derived outputs,
 * which the engine refuses when they contain a cycle) the shortcut is taken only when
 * the new item is a small finite tree: a walk of it, without a visited set, ends
 * within SMALL_ITEM_NODES objects, which no value with a cycle can do. A larger item
 * gets the full comparison, and counts as a miss towards backing off.
 */
import { deepEqual } from "./equality.js";

type Path = readonly (string | number)[];

/** Paths longer than this are not learnt: walking them costs what comparing does. */
const MAX_PATH_LENGTH = 6;
/** Comparisons in a row the path may fail to decide before the shortcut backs off. */
const MISSES_BEFORE_BACKOFF = 4;
/** How many comparisons a backed-off shortcut sits out. */
const BACKOFF_COMPARISONS = 256;
/** The most objects and arrays an item may hold for the cycle-safe shortcut. */
const SMALL_ITEM_NODES = 32;

const objectValueOf = Object.prototype.valueOf;
const objectToString = Object.prototype.toString;
const isEnumerable = Object.prototype.propertyIsEnumerable;
const hasOwn = Object.prototype.hasOwnProperty;

function isObject(v: unknown): v is Record<string | number, unknown> {
  return typeof v === "object" && v !== null;
}

/** An object fast-deep-equal compares key by key (not by `valueOf`, not as an array). */
function isPlainRecord(v: Record<string | number, unknown>): boolean {
  return !Array.isArray(v) && v.valueOf === objectValueOf && v.toString === objectToString;
}

/** Whether two values at the end of a path make the whole comparison unequal. */
function leavesDiffer(x: unknown, y: unknown): boolean {
  if (x === y) return false;
  if (isObject(x) && isObject(y)) return false; // not a leaf: only the full walk can tell
  return !(x !== x && y !== y); // NaN equals NaN
}

/** True when the values of `a` and `b` at `path` show that they are unequal. */
export function differsAt(a: unknown, b: unknown, path: Path): boolean {
  let x = a;
  let y = b;
  for (let i = 0; i < path.length; i++) {
    if (!isObject(x) || !isObject(y)) return false;
    const k = path[i]!;
    if (typeof k === "number") {
      if (!Array.isArray(x) || !Array.isArray(y) || k >= x.length || k >= y.length) return false;
    } else if (!isPlainRecord(x) || !isPlainRecord(y) || !hasOwn.call(x, k) || !hasOwn.call(y, k)) {
      return false;
    }
    x = x[k];
    y = y[k];
  }
  return leavesDiffer(x, y);
}

/**
 * The path of the first pair of leaves where `a` and `b` differ, visiting keys in
 * the order fast-deep-equal does, or undefined when no such path exists within
 * MAX_PATH_LENGTH (the items differ in shape: a length, a key set, a type).
 */
export function findDifference(a: unknown, b: unknown): Path | undefined {
  const path: (string | number)[] = [];
  return search(a, b, path) && path.length > 0 ? path : undefined;
}

function search(a: unknown, b: unknown, path: (string | number)[]): boolean {
  if (!isObject(a) || !isObject(b)) return leavesDiffer(a, b);
  if (path.length >= MAX_PATH_LENGTH) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return false;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      path.push(i);
      if (search(a[i], b[i], path)) return true;
      path.pop();
    }
    return false;
  }
  if (!isPlainRecord(a) || !isPlainRecord(b)) return false;
  for (const k of Object.keys(a)) {
    if (!isEnumerable.call(b, k)) continue;
    path.push(k);
    if (search(a[k], b[k], path)) return true;
    path.pop();
  }
  return false;
}

let nodesLeft = 0;

/**
 * Whether `value` is a finite tree of at most SMALL_ITEM_NODES objects and arrays: the
 * walk keeps no visited set, so a value with a cycle exhausts the count and fails.
 * (It follows every enumerable key, a superset of the own keys the comparison follows.)
 */
export function isSmallTree(value: unknown): boolean {
  nodesLeft = SMALL_ITEM_NODES;
  return walkSmall(value);
}

function walkSmall(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return true;
  if (--nodesLeft < 0) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!walkSmall(v[i])) return false;
    return true;
  }
  for (const k in v) if (!walkSmall((v as Record<string, unknown>)[k])) return false;
  return true;
}

/**
 * A new equality with its own learnt path; give each collection its own. With
 * `cycleSafe`, the shortcut is taken only for a new item (`b`) that `isSmallTree`.
 */
export function adaptiveEqual(cycleSafe = false): (a: unknown, b: unknown) => boolean {
  let path: Path | undefined;
  let misses = 0;
  let pause = 0;
  return function equals(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (path !== undefined) {
      if (differsAt(a, b, path) && (!cycleSafe || isSmallTree(b))) {
        misses = 0;
        return false;
      }
    } else if (pause > 0) {
      pause--;
      return deepEqual(a, b);
    }
    const same = deepEqual(a, b);
    const learnt = same ? undefined : findDifference(a, b);
    if (learnt !== undefined) path = learnt;
    if (++misses >= MISSES_BEFORE_BACKOFF) {
      path = undefined;
      misses = 0;
      pause = BACKOFF_COMPARISONS;
    }
    return same;
  };
}
