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
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadManifests } from "@weft/api";
import { stringify } from "yaml";
import { damage, damages, loadCases } from "./testing/corpus-damage.js";
import type { InputObject } from "./model/resources.js";
import { translate } from "./translate.js";

const RUNS = Number(process.env.GATEWAY_FUZZ_RUNS ?? 1000);
const LOADER_RUNS = Math.ceil(RUNS / 4);
/** A hang still fails; a long run documented above does not. */
const TIMEOUT_MS = Math.max(120_000, RUNS * 30);
const LOADER_TIMEOUT_MS = Math.max(120_000, LOADER_RUNS * 200);

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
