import { describe, expect, it } from "vitest";
import { formatManifestError } from "./errors.js";
import { loadManifests } from "./load-manifests.js";

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

/** A block mapping nested `depth` levels, deep enough to exhaust the parser's stack. */
function deepBlock(depth: number): string {
  const lines = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: deep", "data:"];
  for (let i = 0; i < depth; i++) lines.push(`${" ".repeat(i + 2)}a:`);
  lines.push(`${" ".repeat(depth + 2)}x`);
  return `${lines.join("\n")}\n`;
}

describe("document isolation", () => {
  it("a document nested too deep to parse costs only itself and is named by its own index and line", () => {
    const text = [configMap("first"), deepBlock(5000), configMap("last")].join("---\n");
    const result = loadManifests(text, "deep.yaml");
    expect(result.objects.map((o) => o.metadata.name)).toEqual(["first", "last"]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ source: "deep.yaml", documentIndex: 1, line: 6 });
    expect(result.errors[0]?.message).toMatch(/^cannot parse YAML: .*nested too deep/);
    expect(result.origins.map((o) => [o.documentIndex, o.line])).toEqual([
      [0, 1],
      [2, 5013],
    ]);
  });

  it("several deep documents, first and last included, are each reported and the rest load", () => {
    const text = [deepBlock(5000), configMap("a"), deepBlock(6000), deepBlock(5000), configMap("b"), deepBlock(5000)].join("---\n");
    const result = loadManifests(text, "deep.yaml");
    expect(result.objects.map((o) => o.metadata.name)).toEqual(["a", "b"]);
    expect(result.origins.map((o) => o.documentIndex)).toEqual([1, 4]);
    expect(result.errors.map((e) => e.documentIndex)).toEqual([0, 2, 3, 5]);
  });

  it("a deep document after comments and an explicit start marker is still found", () => {
    const text = `${configMap("a")}---\n# a comment\n\n---\n${deepBlock(5000)}---\n${configMap("b")}`;
    const result = loadManifests(text, "deep.yaml");
    expect(result.objects.map((o) => o.metadata.name)).toEqual(["a", "b"]);
    expect(result.errors).toHaveLength(1);
  });
});

describe("UTF-8 input", () => {
  const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));

  it("a document holding invalid UTF-8 gets an error naming its line, and the others load", () => {
    const input = bytes(configMap("good"), "---\n", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n  k: \"", [0xff, 0xfe], "\"\n---\n", configMap("also-good"));
    const result = loadManifests(input, "bytes.yaml");
    expect(result.objects.map((o) => o.metadata.name)).toEqual(["good", "also-good"]);
    expect(result.errors.map(formatManifestError)).toEqual(["bytes.yaml:11: document 1: invalid UTF-8 in this document; it was not loaded"]);
  });

  it("overlong forms, surrogates and truncated sequences are invalid; real multi-byte text and a BOM are not", () => {
    for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]]) {
      expect(loadManifests(bytes(configMap("x"), "data: {k: \"", bad, "\"}\n"), "b").errors, String(bad)).toHaveLength(1);
    }
    const fine = loadManifests(bytes([0xef, 0xbb, 0xbf], configMap("x"), "data: {k: \"héllo € 𝄞 \uFFFD\"}\n"), "b");
    expect(fine.errors).toEqual([]);
    expect((fine.objects[0] as { data?: Record<string, string> }).data?.k).toBe("héllo € 𝄞 \uFFFD");
  });
});
