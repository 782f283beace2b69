/**
 * Zero violations over everything Weft builds from real inputs: every Istio corpus case's
 * xDS (the path `weft translate --xds` takes: @weft/xds's pipeline, controlPlaneCollections) and
 * the xDS of the gateway fuzz test's damaged inputs. Without the corpus (see
 * @weft/gateway/testing's CORPUS) the suite is skipped, and says why.
 */
import { dispose, setErrorSink } from "@weft/krt";
import { staticInputs, type translate } from "@weft/gateway";
import { CORPUS, damage, damagePicks, loadCases } from "@weft/gateway/testing";
import { loadManifests } from "@weft/api";
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { controlPlaneCollections } from "../control-plane.js";
import { resourceViolations } from "./validate-resource.js";

/** A fifth of the gateway fuzz test's count (GATEWAY_FUZZ_RUNS, default 1,000): each input here is also built into xDS and validated. */
const RUNS = Math.ceil(Number(process.env.GATEWAY_FUZZ_RUNS ?? 1000) / 5);
const DOMAIN = "domain.suffix";
const cases = loadCases();
if (cases.length === 0) console.warn(`@weft/xds: corpus validation skipped (no cases at ${CORPUS})`);

type Objects = Parameters<typeof translate>[0];

/** Every violation in the xDS built from `objects`, as `<resource key> <path>: <message>`. */
function violationsOf(objects: Objects): string[] {
  // As translate() does, a transform that throws on damaged input is not this test's concern (the gateway fuzz test's).
  const previousSink = setErrorSink(() => undefined);
  const inputs = staticInputs(objects);
  const pipeline = controlPlaneCollections({ gateway: inputs }, { domainSuffix: DOMAIN, translate: { now: "validation" } });
  try {
    const out = pipeline.xds;
    const built = [...out.listeners.list(), ...out.routes.list(), ...out.clusters.list(), ...out.endpoints.list()];
    return built.flatMap((r) => resourceViolations(r).map((v) => `${r.key} ${v.path}: ${v.message}`));
  } finally {
    pipeline.dispose();
    for (const c of Object.values(inputs)) dispose(c);
    setErrorSink(previousSink);
  }
}

describe("validation rules over built xDS", () => {
  it.runIf(cases.length > 0)(`every corpus case's xDS breaks no rule (${cases.length} cases)`, () => {
    const found = cases.flatMap((objects, i) => violationsOf(objects).map((v) => `case ${i}: ${v}`));
    expect(found).toEqual([]);
  });

  it.runIf(cases.length > 0)(`the xDS of ${RUNS} damaged corpus inputs breaks no rule`, { timeout: Math.max(120_000, RUNS * 1000) }, () => {
    fc.assert(
      fc.property(fc.nat(), damagePicks(4), (caseIndex, picks) => {
        // As `weft translate --xds` reads them: through the loader, which drops or reports what does not parse.
        const damaged = damage(cases[caseIndex % cases.length]!, picks).filter((o) => o !== undefined);
        const loaded = loadManifests(damaged.map((o) => stringify(o, { lineWidth: 0 })).join("---\n"), "fuzz.yaml");
        expect(violationsOf(loaded.objects as Objects)).toEqual([]);
      }),
      { numRuns: RUNS, ...(process.env.GATEWAY_FUZZ_SEED ? { seed: Number(process.env.GATEWAY_FUZZ_SEED) } : {}) },
    );
  });
});
