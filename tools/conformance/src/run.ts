/**
 * Running corpus cases: each case's input goes through a translator (the adapter to
 * `translate()` of @weft/gateway) and both outputs are compared with the goldens.
 * A translator that throws fails its case; it never stops the run.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createTwoFilesPatch } from "diff";
import { stringify } from "yaml";
import { firstDocumentDifference } from "./compare.js";
import { fakeTransitionTimes, orderConfig, orderStatuses, parseDocuments, type Doc } from "./documents.js";

/** What a translator gets for one case. */
export interface CaseInput {
  name: string;
  caseText: string;
  casePath: string;
  environmentText: string;
  environmentPath: string;
}

/** What a translator returns: Istio config and status documents, in any order. */
export interface CaseOutput {
  config: Doc[];
  statuses: Doc[];
}

export type CaseTranslator = (input: CaseInput) => CaseOutput;

export interface CaseResult {
  name: string;
  passed: boolean;
  /** The first difference, with its path, when the case failed. */
  difference?: string;
  /** Whole unified diffs of config and statuses, when asked for. */
  diff?: string;
}

/** Case names: every cases/NAME.yaml in the folder, sorted. */
export function listCases(folder: string): string[] {
  const dir = join(folder, "cases");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

function readGolden(path: string): Doc[] {
  if (!existsSync(path)) throw new Error(`no golden file ${path}`);
  return parseDocuments(readFileSync(path, "utf8"), path);
}

function yamlOf(docs: readonly Doc[]): string {
  return docs.map((d) => stringify(d, { sortMapEntries: true, lineWidth: 0 })).join("---\n");
}

/** Translates one case and compares both outputs with their goldens. */
export function runCase(folder: string, name: string, translate: CaseTranslator, withDiff = false): CaseResult {
  const casePath = join(folder, "cases", `${name}.yaml`);
  const environmentPath = join(folder, "environment.yaml");
  try {
    const expectedConfig = readGolden(join(folder, "cases", `${name}.yaml.golden`));
    const expectedStatuses = readGolden(join(folder, "cases", `${name}.status.yaml.golden`)).map(fakeTransitionTimes);
    const output = translate({
      name,
      casePath,
      caseText: readFileSync(casePath, "utf8"),
      environmentPath,
      environmentText: readFileSync(environmentPath, "utf8"),
    });
    // Round-trip through YAML-compatible JSON so undefined fields vanish as they would on disk.
    const actualConfig = orderConfig(JSON.parse(JSON.stringify(output.config)) as Doc[]);
    const actualStatuses = orderStatuses(JSON.parse(JSON.stringify(output.statuses)) as Doc[]).map(fakeTransitionTimes);
    const configDiff = firstDocumentDifference(expectedConfig, actualConfig);
    const statusDiff = firstDocumentDifference(expectedStatuses, actualStatuses);
    if (configDiff === undefined && statusDiff === undefined) return { name, passed: true };
    const difference = configDiff !== undefined ? `config ${configDiff}` : `status ${statusDiff}`;
    if (!withDiff) return { name, passed: false, difference };
    const diff = [
      createTwoFilesPatch(`${name}.yaml.golden`, "translated", yamlOf(expectedConfig), yamlOf(actualConfig)),
      createTwoFilesPatch(`${name}.status.yaml.golden`, "translated", yamlOf(expectedStatuses), yamlOf(actualStatuses)),
    ].join("\n");
    return { name, passed: false, difference, diff };
  } catch (error) {
    return { name, passed: false, difference: `error: ${error instanceof Error ? error.message : String(error)}` };
  }
}
