import { describe, expect, it } from "vitest";
import { formatManifestError } from "./errors.js";
import { loadManifests } from "./load-manifests.js";

const configMap = (metadata: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n${metadata}`;

describe("Kubernetes size limits", () => {
  it("a name longer than 253 characters or a namespace longer than 63 gets a located error, quoted short", () => {
    const huge = "n".repeat(2_000_000);
    const text = [configMap(`  name: ok\n`), configMap(`  name: ${huge}\n`), configMap(`  name: x\n  namespace: ${"s".repeat(64)}\n`)].join("---\n");
    const result = loadManifests(text, "big.yaml");
    expect(result.objects.map((o) => o.metadata.name)).toEqual(["ok"]);
    const lines = result.errors.map(formatManifestError);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^big\.yaml:9: document 1, ConfigMap n{100}… \(2000000 characters\): metadata\.name: a name must be at most 253 characters, got 2000000$/);
    expect(lines[1]).toBe(`big.yaml:15: document 2, ConfigMap ${"s".repeat(64)}/x: metadata.namespace: a namespace must be at most 63 characters, got 64`);
    // Nothing the input repeats makes its errors large.
    expect(lines.join("\n").length).toBeLessThan(1000);
  });

  it("names at the limits are accepted", () => {
    const result = loadManifests(configMap(`  name: ${"n".repeat(253)}\n  namespace: ${"s".repeat(63)}\n  labels: {${"p".repeat(253)}/${"k".repeat(63)}: ${"v".repeat(63)}}\n`), "edge.yaml");
    expect(result.errors).toEqual([]);
  });

  it("label keys and values, and annotation keys, are held to Kubernetes' lengths, each error naming the key", () => {
    const key = "k".repeat(64);
    const text = configMap(`  name: x\n  labels:\n    ${key}: v\n    ok: ${"v".repeat(64)}\n    ${"p".repeat(254)}/k: v\n  annotations:\n    ${key}: v\n`);
    const lines = loadManifests(text, "labels.yaml").errors.map((e) => `${e.path}: ${e.message}`);
    expect(lines).toEqual([
      `metadata.labels.${key}: the name part of a key must be at most 63 characters, got 64`,
      "metadata.labels.ok: a label value must be at most 63 characters, got 64",
      `metadata.labels["${"p".repeat(100)}… (256 characters)"]: the prefix of a key must be at most 253 characters, got 254`,
      `metadata.annotations.${key}: the name part of a key must be at most 63 characters, got 64`,
    ]);
  });

  it("annotations together may hold at most 256 KiB", () => {
    const big = "a".repeat(200_000);
    const errors = loadManifests(configMap(`  name: x\n  annotations:\n    one: ${big}\n    two: ${big}\n`), "ann.yaml").errors;
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual(["metadata.annotations: annotations must be at most 262144 bytes in total, got 400006"]);
  });
});
