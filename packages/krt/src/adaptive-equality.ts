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
 * structural fallback of `deepEqual`) would find the two items unequal: every step
 * goes through plain objects (Object.prototype as prototype, its `valueOf` and
 * `toString`) or arrays (an index below both lengths), and the two values at its end
 * differ and are not both objects. A key own in only one of the two objects makes
 * their key sets differ, so it needs no own-key check. So on plain data its answer is always
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
 * stops using and learning paths for a while. A new path is walked (`differsAt`);
 * once it has decided COMPILE_AFTER_HITS comparisons it is compiled into a function
 * of its own (`compilePathCheck`), whose property reads each see one object shape
 * (the walk's generic reads see every shape of every collection): krt-controllers
 * measured 0.79 -> 0.64 ms an iteration. Compiling every new path at once cost 15%
 * on policy edits (measured by the issue that asked for this), hence the wait.
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
/** How many comparisons a walked path must decide before it is compiled. */
export const COMPILE_AFTER_HITS = 16;

const objectPrototype = Object.prototype;
const objectValueOf = Object.prototype.valueOf;
const objectToString = Object.prototype.toString;
const isEnumerable = Object.prototype.propertyIsEnumerable;

function isObject(v: unknown): v is Record<string | number, unknown> {
  return typeof v === "object" && v !== null;
}

/**
 * An object fast-deep-equal compares key by key (not by `valueOf`, not as an array),
 * whose inherited keys are Object.prototype's. Reading a key of two such objects
 * tells their comparison apart without asking whether the key is their own: own in
 * both, the values are compared; own in one only, the key sets differ; own in
 * neither, both read the same inherited value, which decides nothing.
 */
function isPlainRecord(v: Record<string | number, unknown>): boolean {
  // Prototype last, for the reason compilePathCheck gives.
  return v.valueOf === objectValueOf && v.toString === objectToString && Object.getPrototypeOf(v) === objectPrototype;
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
    } else if (!isPlainRecord(x) || !isPlainRecord(y)) {
      return false;
    }
    x = x[k];
    y = y[k];
  }
  return leavesDiffer(x, y);
}

/** Whether code can be compiled here (a host may forbid it: then paths stay walked). */
let compiling = true;

/**
 * `differsAt` for one path, as a function of its own: the keys are literals in its
 * source (JSON-quoted, so any key, `__proto__` or a quote included, reads as data),
 * so each read sees one object shape. Undefined where the host forbids compiling.
 */
export function compilePathCheck(path: Path): ((a: unknown, b: unknown) => boolean) | undefined {
  if (!compiling) return undefined;
  const bothObjects = "typeof x === 'object' && x !== null && typeof y === 'object' && y !== null";
  let body = "let x = a, y = b;\n";
  for (const k of path) {
    body += `if (!(${bothObjects})) return false;\n`;
    if (typeof k === "number") {
      if (!Number.isSafeInteger(k) || k < 0) return undefined;
      body += `if (!Array.isArray(x) || !Array.isArray(y) || ${k} >= x.length || ${k} >= y.length) return false;\n`;
      body += `x = x[${k}]; y = y[${k}];\n`;
    } else {
      // The prototype check comes last on purpose: after the property reads, the
      // optimising compiler knows both objects' shapes and folds getProto into a
      // constant; first, it is a call into the runtime (36 against 6 ns for a
      // two-key path in a probe; krt-controllers went from 1.30 to 1.16 times the
      // bare-map controller).
      body += "if (x.valueOf !== VALUE_OF || y.valueOf !== VALUE_OF || x.toString !== TO_STRING || y.toString !== TO_STRING || getProto(x) !== OBJECT || getProto(y) !== OBJECT) return false;\n";
      body += `x = x[${JSON.stringify(k)}]; y = y[${JSON.stringify(k)}];\n`;
    }
  }
  body += `if (x === y || (${bothObjects})) return false;\nreturn !(x !== x && y !== y);`;
  try {
    const make = new Function("getProto", "OBJECT", "VALUE_OF", "TO_STRING", `return function differsAtPath(a, b) {\n${body}\n};`);
    return make(Object.getPrototypeOf, objectPrototype, objectValueOf, objectToString) as (a: unknown, b: unknown) => boolean;
  } catch {
    compiling = false;
    return undefined;
  }
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

/**
 * Whether `value` is a finite tree of at most SMALL_ITEM_NODES objects and arrays: the
 * walk keeps no visited set, so a value with a cycle exhausts the count and fails.
 * (It follows every enumerable key, a superset of the own keys the comparison follows.)
 */
export function isSmallTree(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  return walkSmall(value, SMALL_ITEM_NODES) >= 0;
}

/**
 * Walks `v` (an object or array) with `budget` objects left; returns what is left, or
 * -1 once the budget is spent. The budget is passed and returned rather than kept in a
 * module variable, which each visit had to load, check for initialisation and store
 * (krt-controllers: 1.10 against 1.12 times the bare-map controller, lower in 8 of 10
 * paired rounds). The walk as a whole is about 10% of that benchmark's update (1.00
 * with it removed, which would store a cyclic output the full comparison refuses); in
 * that benchmark reading only the one object-valued key measured the same as the for-in,
 * though a micro-probe put the for-in at about 30 ns of it. Values that are
 * neither objects nor arrays are not called for (most of them are leaves).
 */
function walkSmall(v: object, budget: number): number {
  if (--budget < 0) return -1;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === "object" && x !== null && (budget = walkSmall(x, budget)) < 0) return -1;
    }
    return budget;
  }
  for (const k in v) {
    const x: unknown = (v as Record<string, unknown>)[k];
    if (typeof x === "object" && x !== null && (budget = walkSmall(x, budget)) < 0) return -1;
  }
  return budget;
}

/**
 * A new equality with its own learnt path; give each collection its own. With
 * `cycleSafe`, the shortcut is taken only for a new item (`b`) that `isSmallTree`.
 */
export function adaptiveEqual(cycleSafe = false, compileAfter = COMPILE_AFTER_HITS): (a: unknown, b: unknown) => boolean {
  let path: Path | undefined;
  /** The path's compiled check, once it has decided `compileAfter` comparisons. */
  let compiled: ((a: unknown, b: unknown) => boolean) | undefined;
  let hits = 0;
  let misses = 0;
  let pause = 0;
  return function equals(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (path !== undefined) {
      if ((compiled !== undefined ? compiled(a, b) : differsAt(a, b, path)) && (!cycleSafe || isSmallTree(b))) {
        misses = 0;
        if (compiled === undefined && ++hits >= compileAfter) {
          compiled = compilePathCheck(path);
          // Not compilable here: stop counting, keep walking.
          if (compiled === undefined) hits = -Infinity;
        }
        return false;
      }
    } else if (pause > 0) {
      pause--;
      return deepEqual(a, b);
    }
    const same = deepEqual(a, b);
    const learnt = same ? undefined : findDifference(a, b);
    if (learnt !== undefined) {
      path = learnt;
      compiled = undefined;
      hits = 0;
    }
    if (++misses >= MISSES_BEFORE_BACKOFF) {
      path = compiled = undefined;
      hits = misses = 0;
      pause = BACKOFF_COMPARISONS;
    }
    return same;
  };
}
