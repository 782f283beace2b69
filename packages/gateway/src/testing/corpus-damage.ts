/**
 * Damaged corpus inputs, for fuzz tests here and in packages built on the translator
 * (@weft/xds checks what it builds from them): the corpus cases with random damage,
 * fields dropped, values of the wrong type, huge strings, `__proto__`/`constructor`
 * keys, invalid regular expressions, and references that point back at themselves.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parseAllDocuments } from "yaml";
import type { InputObject } from "../model/resources.js";

/**
 * The Istio conformance corpus's cases: beside the repository (`../shared`), absent in
 * some checkouts. WEFT_ISTIO_CORPUS names another corpus folder (the one holding
 * `cases/`), as it does for @weft/api's corpus test.
 */
export const CORPUS = join(process.env.WEFT_ISTIO_CORPUS ?? join(import.meta.dirname, "../../../../../shared/conformance/istio-gateway"), "cases");

/** Every corpus case as its objects (none when the corpus is absent). */
export function loadCases(): InputObject[][] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) =>
      parseAllDocuments(readFileSync(join(CORPUS, f), "utf8"))
        .map((d) => d.toJS() as InputObject | null)
        .filter((d): d is InputObject => d !== null),
    );
}

/** Every path to a value inside `value`, as key lists (each object visited once). */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = [], seen = new WeakSet<object>()): (string | number)[][] {
  out.push(prefix);
  if (typeof value !== "object" || value === null || seen.has(value)) return out;
  seen.add(value);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out, seen));
  else for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out, seen);
  return out;
}

export type Damage = (current: unknown, self: InputObject) => unknown;

/** One kind of damage to a value: gone, wrong type, huge, prototype keys, a bad regex, a self-reference. */
export const damages: fc.Arbitrary<Damage> = fc.oneof(
  fc.constant<Damage>(() => undefined),
  fc.constantFrom<unknown>(null, 0, -1, 1e308, "", "x", true, [], {}, [null], { nested: { deeper: [] } }).map((v) => () => structuredClone(v)),
  fc.constant<Damage>(() => "h".repeat(1_000_000)),
  fc.constant<Damage>(() => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "toString": "x"}')),
  fc.constantFrom("(", "[a-", "a{2,1}", "*", "(?<", "\\").map((re) => () => re),
  fc.constant<Damage>((_c, self) => ({ name: self?.metadata?.name, namespace: self?.metadata?.namespace, kind: self?.kind })),
);

/** A copy of `objects` with each pick's damage applied at a path chosen by its numbers. */
export function damage(objects: InputObject[], picks: { object: number; path: number; harm: Damage }[]): InputObject[] {
  const copy = structuredClone(objects) as unknown as Record<string | number, unknown>[];
  for (const pick of picks) {
    if (copy.length === 0) break;
    const target = copy[pick.object % copy.length]!;
    const all = paths(target).filter((p) => p.length > 0);
    if (all.length === 0) continue;
    const path = all[pick.path % all.length]!;
    let parent: Record<string | number, unknown> = target;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    const last = path.at(-1)!;
    const next = pick.harm(parent[last], target as unknown as InputObject);
    if (next === undefined) delete parent[last];
    // defineProperty: a plain assignment to "__proto__" would set the prototype instead.
    else Object.defineProperty(parent, last, { value: next, writable: true, enumerable: true, configurable: true });
  }
  return copy as unknown as InputObject[];
}

/** A damage plan for fast-check: which objects and paths, and what to do there. */
export const damagePicks = (maxLength: number) => fc.array(fc.record({ object: fc.nat(), path: fc.nat(), harm: damages }), { minLength: 1, maxLength });
