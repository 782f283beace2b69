/**
 * Property: loadManifests never throws, and every document of the text is accounted
 * for: it yields an object, or a located error, or it is empty (nothing, null, an empty
 * List). Inputs are random YAML-ish text, corpus files mutated as text, and corpus
 * objects mutated as data. API_FUZZ_RUNS sets the runs per property (default 1,000),
 * e.g. API_FUZZ_RUNS=100000 pnpm vitest run packages/api/src/fuzz.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Document, parseAllDocuments, stringify } from "yaml";
import { loadManifests, type LoadResult } from "./load-manifests.js";
import { isListKind, isMapping, parseObject } from "./parse-object.js";

const RUNS = Number(process.env.API_FUZZ_RUNS ?? 1_000);

const corpus = join(fileURLToPath(new URL("../../../", import.meta.url)), "..", "shared", "conformance", "istio-gateway", "cases");

const FALLBACK = [
  "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  namespace: b\nspec:\n  ports:\n  - port: 80\n    targetPort: 8080\n",
  "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  gatewayClassName: istio\n  listeners:\n  - name: http\n    port: 80\n    protocol: HTTP\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: n}\n",
];

/** The corpus input files as text, or a small built-in sample when it is absent. */
function corpusTexts(): string[] {
  if (!existsSync(corpus)) return FALLBACK;
  return readdirSync(corpus)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => readFileSync(join(corpus, f), "utf8"));
}

const texts = corpusTexts();
const corpusObjects: unknown[] = texts.flatMap((t) => loadManifests(t, "corpus").objects);

const TOKENS = [
  "\n", "---\n", "...\n", "  ", "- ", ": ", ":", ",", "[", "]", "{", "}", "'", '"', "#", "&a ", "*a", "!!str ", "!!int ",
  "!!binary ", "|\n", ">-\n", "? ", "~", "null", "\t", "%YAML 1.2\n", "<<: *a\n", "__proto__: ", "constructor: ",
  "apiVersion: v1\n", "apiVersion: gateway.networking.k8s.io/v1\n", "apiVersion: networking.istio.io/v1\n",
  "kind: Service\n", "kind: Gateway\n", "kind: HTTPRoute\n", "kind: List\n", "kind: GatewayList\n", "items:\n",
  "metadata:\n", "  name: x\n", "metadata: {name: y}\n", "spec:\n", "  listeners:\n", "  - port: 80\n", "port: '80'\n",
  "1e999", ".nan", "-.inf", "0x1F", "2024-01-01T00:00:00Z", "yes", "on",
];

const yamlish = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 }), fc.nat(99999).map(String)), { maxLength: 60 })
  .map((parts) => parts.join(""));

type Mutation = { op: "delete" | "insert" | "duplicate" | "swap" | "indent" | "truncate"; at: number; len: number; token: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("delete", "insert", "duplicate", "swap", "indent", "truncate"),
  at: fc.nat(),
  len: fc.nat(40),
  token: fc.constantFrom(...TOKENS),
});

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % text.length;
  const lines = text.split("\n");
  const line = lines.length === 0 ? 0 : m.at % lines.length;
  const other = lines.length === 0 ? 0 : (m.at + m.len) % lines.length;
  switch (m.op) {
    case "delete":
      return text.slice(0, at) + text.slice(at + m.len);
    case "insert":
      return text.slice(0, at) + m.token + text.slice(at);
    case "duplicate":
      lines.splice(line, 0, lines[line] ?? "");
      return lines.join("\n");
    case "swap":
      [lines[line], lines[other]] = [lines[other] ?? "", lines[line] ?? ""];
      return lines.join("\n");
    case "indent":
      lines[line] = m.len % 2 === 0 ? ` ${lines[line] ?? ""}` : (lines[line] ?? "").replace(/^ /, "");
      return lines.join("\n");
    case "truncate":
      return text.slice(0, at);
  }
}

const mutatedText = fc
  .tuple(fc.constantFrom(...texts), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([text, ms]) => ms.reduce(mutate, text));

/** Every path to a value inside a value, outermost first. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (isMapping(value)) for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** A corpus object with one value replaced (or removed), serialized as YAML. */
const mutatedObject = fc
  .tuple(fc.constantFrom(...corpusObjects), fc.nat(), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }))
  .map(([object, pick, replacement]) => {
    const copy = structuredClone(object);
    const all = paths(copy).filter((p) => p.length > 0);
    const path = all[pick % Math.max(all.length, 1)];
    if (path !== undefined) {
      const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], copy);
      const key = path[path.length - 1] as string | number;
      if (replacement === undefined && !Array.isArray(parent)) delete (parent as Record<string | number, unknown>)[key];
      else (parent as Record<string | number, unknown>)[key] = replacement ?? null;
    }
    return copy;
  });

/** A document that may rightly yield neither object nor error. */
function isEmptyDocument(doc: Document.Parsed): boolean {
  if (doc.errors.length > 0) return false;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return false;
  }
  if (value === null || value === undefined) return true;
  if (!isMapping(value) || typeof value.kind !== "string" || !isListKind(value.kind, value)) return false;
  return Array.isArray(value.items) && value.items.length === 0;
}

function checkAccounted(text: string, result: LoadResult): void {
  expect(result.objects.length).toBe(result.origins.length);
  let documents: Document.Parsed[];
  try {
    documents = Array.from(parseAllDocuments(text, { merge: true, logLevel: "silent" }));
  } catch {
    expect(result.errors.length).toBeGreaterThan(0);
    return;
  }
  for (const e of result.errors) {
    expect(e.source).toBe("fuzz.yaml");
    expect(e.documentIndex).toBeGreaterThanOrEqual(0);
    expect(e.documentIndex).toBeLessThan(Math.max(documents.length, 1));
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(typeof e.path).toBe("string");
    expect(e.message.length).toBeGreaterThan(0);
  }
  for (const [i, doc] of documents.entries()) {
    const accounted =
      result.origins.some((o) => o.documentIndex === i) || result.errors.some((e) => e.documentIndex === i);
    if (!accounted) expect(isEmptyDocument(doc), `document ${i} of:\n${text}`).toBe(true);
  }
}

function load(text: string): LoadResult {
  let result: LoadResult | undefined;
  expect(() => {
    result = loadManifests(text, "fuzz.yaml");
  }).not.toThrow();
  return result as LoadResult;
}

describe("loadManifests under random input", () => {
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  it(`accounts for every document of random YAML-ish text (${RUNS} runs)`, () => {
    fc.assert(fc.property(yamlish, (text) => checkAccounted(text, load(text))), { numRuns: RUNS });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  });

  it(`accounts for every document of mutated corpus files (${RUNS} runs)`, () => {
    fc.assert(fc.property(mutatedText, (text) => checkAccounted(text, load(text))), { numRuns: RUNS });
  });

  it(`returns an object or located errors for corpus objects with one value changed (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(mutatedObject, (object) => {
        const text = stringify(object);
        const result = load(text);
        checkAccounted(text, result);
        const direct = parseObject(object, { source: "fuzz.yaml" });
        expect(direct.ok).toBe(result.objects.length === 1 && result.errors.length === 0);
        if (!direct.ok) for (const e of direct.errors) expect(e.message.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });
});
