/**
 * Bad input is data: translate() must never throw or hang, whatever the objects it
 * is given. Inputs are the corpus cases with random damage: fields dropped, values
 * of the wrong type, huge strings, `__proto__`/`constructor` keys, invalid regular
 * expressions, and references that point back at themselves.
 *
 * GATEWAY_FUZZ_RUNS sets how many damaged inputs to try (default 1,000; the loader test
 * tries a quarter as many). Timeouts grow with it, never under vitest's 120 s: 30 ms per
 * direct input and 200 ms per input through the loader. With GATEWAY_FUZZ_RUNS=100000 on
 * a shared 2-core machine where the run got 24% of a core, the direct test took 1,048 s
 * and the loader test 1,842 s; the timeouts (3,000 s and 5,000 s) are only there to
 * catch a hang.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadManifests } from "@weft/api";
import { parseAllDocuments, stringify } from "yaml";
import type { InputObject } from "./model/resources.js";
import { translate } from "./translate.js";

const RUNS = Number(process.env.GATEWAY_FUZZ_RUNS ?? 1000);
const LOADER_RUNS = Math.ceil(RUNS / 4);
/** A hang still fails; a long run documented above does not. */
const TIMEOUT_MS = Math.max(120_000, RUNS * 30);
const LOADER_TIMEOUT_MS = Math.max(120_000, LOADER_RUNS * 200);
const CORPUS = join(import.meta.dirname, "../../../../shared/conformance/istio-gateway/cases");

function loadCases(): InputObject[][] {
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

type Damage = (current: unknown, self: InputObject) => unknown;

const damages: fc.Arbitrary<Damage> = fc.oneof(
  fc.constant<Damage>(() => undefined),
  fc.constantFrom<unknown>(null, 0, -1, 1e308, "", "x", true, [], {}, [null], { nested: { deeper: [] } }).map((v) => () => structuredClone(v)),
  fc.constant<Damage>(() => "h".repeat(1_000_000)),
  fc.constant<Damage>(() => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "toString": "x"}')),
  fc.constantFrom("(", "[a-", "a{2,1}", "*", "(?<", "\\").map((re) => () => re),
  fc.constant<Damage>((_c, self) => ({ name: self?.metadata?.name, namespace: self?.metadata?.namespace, kind: self?.kind })),
);

function damage(objects: InputObject[], picks: { object: number; path: number; harm: Damage }[]): InputObject[] {
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

describe("translate() on damaged corpus inputs", () => {
  const cases = loadCases();

  it.runIf(cases.length > 0)(`never throws or hangs, over ${RUNS} damaged inputs`, () => {
    // A hang fails through the test timeout; the time per input is reported, not asserted,
    // because this machine is shared and wall-clock limits in tests only add noise.
    const slowest = { ms: 0 };
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.record({ object: fc.nat(), path: fc.nat(), harm: damages }), { minLength: 1, maxLength: 4 }),
        (caseIndex, picks) => {
          const input = damage(cases[caseIndex % cases.length]!, picks);
          const started = performance.now();
          const result = translate(input, { domainSuffix: "domain.suffix", now: "fuzz" });
          const ms = performance.now() - started;
          slowest.ms = Math.max(slowest.ms, ms);
          expect(Array.isArray(result.statuses)).toBe(true);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: RUNS, ...(process.env.GATEWAY_FUZZ_SEED ? { seed: Number(process.env.GATEWAY_FUZZ_SEED) } : {}) },
    );
    console.log(`slowest damaged input: ${slowest.ms.toFixed(1)} ms`);
  }, TIMEOUT_MS);

  it.runIf(cases.length > 0)(`through the loader, every damaged document is translated or reported with its location (${LOADER_RUNS} inputs)`, () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.record({ object: fc.nat(), path: fc.nat(), harm: damages }), { minLength: 1, maxLength: 3 }),
        (caseIndex, picks) => {
          const input = damage(cases[caseIndex % cases.length]!, picks).filter((o) => o !== undefined);
          const text = input.map((o) => stringify(o, { lineWidth: 0 })).join("---\n");
          const loaded = loadManifests(text, "fuzz.yaml");
          // Every document either loaded or has an error naming its index and a field path.
          for (let i = 0; i < input.length; i++) {
            const answered = loaded.origins.some((o) => o.documentIndex === i) || loaded.errors.some((e) => e.documentIndex === i && e.source === "fuzz.yaml");
            expect(answered, `document ${i}`).toBe(true);
          }
          const result = translate(loaded.objects, { domainSuffix: "domain.suffix", now: "fuzz" });
          expect(Array.isArray(result.statuses)).toBe(true);
        },
      ),
      { numRuns: LOADER_RUNS },
    );
  }, LOADER_TIMEOUT_MS);

  it("reports unusable objects instead of throwing", () => {
    const result = translate([{ kind: "Gateway", apiVersion: "gateway.networking.k8s.io/v1" } as unknown as InputObject, null as unknown as InputObject, 42 as unknown as InputObject]);
    expect(result.errors.length).toBeGreaterThanOrEqual(3);
    expect(result.errors[0]!.message).toMatch(/metadata\.name|object/);
  });
});
