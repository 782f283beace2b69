/**
 * Zero violations over everything Weft builds from real inputs: every Istio corpus case's
 * xDS (the path `weft translate --xds` takes: translator, service index, builders) and
 * the xDS of the gateway fuzz test's damaged inputs. Without the corpus (see
 * @weft/gateway/testing's CORPUS) the suite is skipped, and says why.
 */
import { dispose, staticCollection } from "@weft/krt";
import { translate, type TranslateResult } from "@weft/gateway";
import { CORPUS, damage, damagePicks, loadCases } from "@weft/gateway/testing";
import { serviceIndex } from "@weft/mesh";
import { loadManifests } from "@weft/api";
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { xdsCollections } from "../collections.js";
import { endpointsCollection, xdsInputsFromGateway } from "../inputs.js";
import { resourceViolations } from "./validate-resource.js";

/** A fifth of the gateway fuzz test's count (GATEWAY_FUZZ_RUNS, default 1,000): each input here is also built into xDS and validated. */
const RUNS = Math.ceil(Number(process.env.GATEWAY_FUZZ_RUNS ?? 1000) / 5);
const DOMAIN = "domain.suffix";
const cases = loadCases();
if (cases.length === 0) console.warn(`@weft/xds: corpus validation skipped (no cases at ${CORPUS})`);

type Objects = Parameters<typeof translate>[0];

/** Every violation in the xDS built from `objects`, as `<resource key> <path>: <message>`. */
function violationsOf(objects: Objects): string[] {
  const translated: TranslateResult = translate(objects, { domainSuffix: DOMAIN, now: "validation" });
  const key = (o: { metadata: { name: string; namespace?: string | undefined } }) => `${o.metadata.namespace ?? "default"}/${o.metadata.name}`;
  const istio = {
    gateways: staticCollection(translated.gateways, { name: "Gateways", key }),
    virtualServices: staticCollection(translated.virtualServices, { name: "VirtualServices", key }),
    destinationRules: staticCollection(translated.destinationRules, { name: "DestinationRules", key }),
  };
  const services = staticCollection(objects.filter((o) => o?.kind === "Service" && o.apiVersion === "v1") as never[], { name: "Services" });
  const serviceEntries = staticCollection(objects.filter((o) => o?.kind === "ServiceEntry") as never[], { name: "ServiceEntries" });
  const endpoints = endpointsCollection();
  try {
    const out = xdsCollections(xdsInputsFromGateway(istio, serviceIndex(services, serviceEntries, { domainSuffix: DOMAIN }).services, endpoints), { domainSuffix: DOMAIN });
    const built = [...out.listeners.list(), ...out.routes.list(), ...out.clusters.list(), ...out.endpoints.list()];
    return built.flatMap((r) => resourceViolations(r).map((v) => `${r.key} ${v.path}: ${v.message}`));
  } finally {
    for (const c of [...Object.values(istio), services, serviceEntries, endpoints]) dispose(c);
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
