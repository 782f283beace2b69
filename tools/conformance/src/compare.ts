/**
 * The first difference between two document lists, with the path where it is, so a
 * failing case says exactly what is wrong: `[1] VirtualService default/x: spec.http[0].name: expected "a", got "b"`.
 * Maps compare regardless of key order; lists compare in order.
 */
import type { Doc } from "./documents.js";

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? (path === "" ? key : `${path}.${key}`) : `${path}[${JSON.stringify(key)}]`;
}

/** The first place where `actual` differs from `expected`, or undefined when equal. */
export function firstDifference(expected: unknown, actual: unknown, path = ""): string | undefined {
  const where = path === "" ? "(root)" : path;
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return `${where}: expected ${show(expected)}, got ${show(actual)}`;
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
      const d = firstDifference(expected[i], actual[i], join(path, i));
      if (d !== undefined) return d;
    }
    if (expected.length !== actual.length) {
      const extra = expected.length > actual.length ? `missing ${show(expected[actual.length])}` : `unexpected ${show(actual[expected.length])}`;
      return `${where}: expected ${expected.length} items, got ${actual.length} (${extra})`;
    }
    return undefined;
  }
  const isMap = (v: unknown) => typeof v === "object" && v !== null;
  if (isMap(expected) || isMap(actual)) {
    if (!isMap(expected) || !isMap(actual)) return `${where}: expected ${show(expected)}, got ${show(actual)}`;
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])].sort();
    for (const k of keys) {
      const d = firstDifference(e[k], a[k], join(path, k));
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : `${where}: expected ${show(expected)}, got ${show(actual)}`;
}

function label(doc: Doc): string {
  const d = doc as { kind?: string; metadata?: { name?: string; namespace?: string } } | null;
  const ns = d?.metadata?.namespace;
  return `${d?.kind ?? "?"} ${ns ? `${ns}/` : ""}${d?.metadata?.name ?? "?"}`;
}

/** The first difference between two ordered document lists, naming the document. */
export function firstDocumentDifference(expected: readonly Doc[], actual: readonly Doc[]): string | undefined {
  for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
    const d = firstDifference(expected[i], actual[i]);
    if (d !== undefined) return `[${i}] ${label(expected[i])}: ${d}`;
  }
  if (expected.length > actual.length) return `[${actual.length}] missing ${label(expected[actual.length])} (${expected.length} documents expected, got ${actual.length})`;
  if (actual.length > expected.length) return `[${expected.length}] unexpected ${label(actual[expected.length])} (${expected.length} documents expected, got ${actual.length})`;
  return undefined;
}
