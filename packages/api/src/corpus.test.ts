/**
 * The Istio gateway-conversion corpus (../shared/conformance/istio-gateway from the repo
 * root) must load without a single error: every input case, the objects of
 * environment.yaml, the benchmark input, the Istio config the goldens expect (outputs
 * of the translator, so the Istio schemas must accept them), and every status the
 * status goldens expect (checked against the status schemas). The files are read where
 * they are, never copied in (WEFT_ISTIO_CORPUS overrides where). Without the folder the
 * suite is skipped, and says why.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { formatManifestError } from "./errors.js";
import { loadManifests } from "./load-manifests.js";
import { isMapping, parseObject } from "./parse-object.js";
import { groupKindKey, groupKindOf, groupOf, objectKey } from "./registry.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
// WEFT_ISTIO_CORPUS points elsewhere (a git worktree is not beside ../shared).
const corpus = process.env.WEFT_ISTIO_CORPUS ?? join(repoRoot, "..", "shared", "conformance", "istio-gateway");
const present = existsSync(join(corpus, "cases"));
const title = present ? "istio-gateway corpus" : `istio-gateway corpus (skipped: no folder at ${corpus})`;
if (!present) console.warn(`@weft/api: ${title}`);

function read(path: string): string {
  return readFileSync(path, "utf8");
}

function files(suffix: string): string[] {
  return readdirSync(join(corpus, "cases"))
    .filter((f) => f.endsWith(suffix))
    .sort();
}

function inputCases(): string[] {
  return files(".yaml");
}

describe.skipIf(!present)(title, () => {
  it("has input cases to check", () => {
    expect(inputCases().length).toBeGreaterThan(0);
  });

  it("loads every document of every input case with zero errors", () => {
    let total = 0;
    for (const name of inputCases()) {
      const text = read(join(corpus, "cases", name));
      const result = loadManifests(text, name);
      expect(result.errors.map(formatManifestError), name).toEqual([]);
      const nonEmpty = parseAllDocuments(text).filter((d) => d.toJS() != null).length;
      expect(result.objects.length, name).toBe(nonEmpty);
      total += result.objects.length;
    }
    expect(total).toBeGreaterThan(100);
  });

  it("parses every object listed in environment.yaml", () => {
    const env: unknown = parse(read(join(corpus, "environment.yaml")));
    const objects = isMapping(env) && Array.isArray(env.objects) ? env.objects : [];
    expect(objects.length).toBeGreaterThan(0);
    for (const [index, value] of objects.entries()) {
      const result = parseObject(value, { source: "environment.yaml", documentIndex: index });
      expect(result.ok ? [] : result.errors.map(formatManifestError)).toEqual([]);
    }
  });

  it("loads the benchmark input with zero errors", () => {
    const result = loadManifests(read(join(corpus, "benchmark-httproute.yaml")), "benchmark-httproute.yaml");
    expect(result.errors.map(formatManifestError)).toEqual([]);
    expect(result.objects.length).toBeGreaterThan(0);
  });

  it("accepts the Istio config the goldens expect", () => {
    for (const name of files(".yaml.golden").filter((f) => !f.endsWith(".status.yaml.golden"))) {
      const result = loadManifests(read(join(corpus, "cases", name)), name);
      expect(result.errors.map(formatManifestError), name).toEqual([]);
    }
  });

  it("accepts every status the status goldens expect", () => {
    let checked = 0;
    for (const name of files(".status.yaml.golden")) {
      const input = loadManifests(read(join(corpus, "cases", name.replace(".status.yaml.golden", ".yaml"))), name);
      const specs = new Map(input.objects.map((o) => [`${groupKindOf(o)} ${objectKey(o)}`, (o as { spec?: unknown }).spec]));
      // A status golden carries `spec: null`; put back the input's spec so the whole
      // object, and so its status, can be checked by the kind's schema.
      for (const [index, doc] of parseAllDocuments(read(join(corpus, "cases", name))).entries()) {
        const value: unknown = doc.toJS();
        if (!isMapping(value)) continue;
        const { apiVersion, kind, metadata } = value as { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };
        const key = `${groupKindKey(groupOf(apiVersion), kind)} ${objectKey({ metadata })}`;
        expect(specs.has(key), `${name}: ${key} has an input`).toBe(true);
        const result = parseObject({ ...value, spec: specs.get(key) }, { source: name, documentIndex: index });
        expect(result.ok ? [] : result.errors.map(formatManifestError), name).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
