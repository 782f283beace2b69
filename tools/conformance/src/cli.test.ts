import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "./cli.js";
import { firstDifference, firstDocumentDifference } from "./compare.js";
import { orderStatuses } from "./documents.js";
import type { CaseTranslator } from "./run.js";

/** A corpus folder with two cases whose goldens a fake translator can match or not. */
function corpus() {
  const dir = mkdtempSync(join(tmpdir(), "weft-conformance-"));
  mkdirSync(join(dir, "cases"));
  writeFileSync(join(dir, "environment.yaml"), "options: {}\n");
  const gw = "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: ns\nspec:\n  servers: []\n";
  const status = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: ns\nspec: null\nstatus:\n  conditions:\n  - lastTransitionTime: fake\n    type: Accepted\n";
  for (const name of ["good", "bad"]) {
    writeFileSync(join(dir, "cases", `${name}.yaml`), `# ${name}\n`);
    writeFileSync(join(dir, "cases", `${name}.yaml.golden`), gw);
    writeFileSync(join(dir, "cases", `${name}.status.yaml.golden`), status);
  }
  const expectFile = join(dir, "expect.txt");
  return { dir, expectFile };
}

const translator: CaseTranslator = ({ name }) => ({
  config: [{ apiVersion: "networking.istio.io/v1", kind: "Gateway", metadata: { name: "gw", namespace: "ns" }, spec: { servers: name === "good" ? [] : [{ port: { number: 80 } }] } }],
  statuses: [{ apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name: "gw", namespace: "ns" }, spec: null, status: { conditions: [{ lastTransitionTime: "2026-01-01T00:00:00Z", type: "Accepted" }] } }],
});

function run(args: string[], t: CaseTranslator = translator) {
  const lines: string[] = [];
  const code = main(args, t, (l) => lines.push(l));
  return { code, lines };
}

describe("conformance runner", () => {
  it("prints PASS/FAIL with the first difference and its path, then the totals", () => {
    const { dir } = corpus();
    const { code, lines } = run([dir]);
    expect(lines).toEqual(["FAIL bad: config [0] Gateway ns/gw: spec.servers: expected 0 items, got 1 (unexpected {\"port\":{\"number\":80}})", "PASS good", "1 passed, 1 failed"]);
    expect(code).toBe(1);
  });

  it("--case runs one case; --diff prints whole diffs", () => {
    const { dir } = corpus();
    const { code, lines } = run([dir, "--case", "bad", "--diff"]);
    expect(code).toBe(1);
    expect(lines.join("\n")).toContain("+    - port:");
    expect(lines.at(-1)).toBe("0 passed, 1 failed");
    expect(run([dir, "--case", "nope"]).code).toBe(2);
  });

  it("--expect fails only on listed cases and points out new passes", () => {
    const { dir, expectFile } = corpus();
    writeFileSync(expectFile, "# cases that pass\n");
    const quiet = run([dir, "--expect", expectFile]);
    expect(quiet.code).toBe(0);
    expect(quiet.lines).toContain("NEW PASS good: add it to the expect file");
    writeFileSync(expectFile, "good\nbad\n");
    const strict = run([dir, "--expect", expectFile]);
    expect(strict.code).toBe(1);
    expect(strict.lines).toContain("REGRESSION bad is listed as passing but failed");
  });

  it("a translator that throws fails its case without stopping the run", () => {
    const { dir } = corpus();
    const { lines } = run([dir], ({ name }) => {
      if (name === "bad") throw new Error("boom");
      return translator({ name, caseText: "", casePath: "", environmentText: "", environmentPath: "" });
    });
    expect(lines).toEqual(["FAIL bad: error: boom", "PASS good", "1 passed, 1 failed"]);
  });
});

describe("comparison", () => {
  it("ignores map key order, not list order, and names the path", () => {
    expect(firstDifference({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBeUndefined();
    expect(firstDifference({ b: [1, 2] }, { b: [2, 1] })).toBe("b[0]: expected 1, got 2");
    expect(firstDifference({ "a.b": { c: "x" } }, { "a.b": { c: "y" } })).toBe('["a.b"].c: expected "x", got "y"');
    expect(firstDifference({ a: "1" }, { a: 1 })).toBe('a: expected "1", got 1');
    expect(firstDocumentDifference([{ kind: "A" }], [])).toMatch(/missing A/);
  });

  it("orders statuses as the golden harness does: unlisted kinds first, then namespace and name", () => {
    const doc = (kind: string, namespace: string, name: string) => ({ kind, metadata: { name, namespace } });
    const ordered = orderStatuses([doc("HTTPRoute", "a", "r"), doc("Gateway", "z", "g"), doc("XBackendTrafficPolicy", "b", "p"), doc("GatewayClass", "", "istio"), doc("BackendTLSPolicy", "a", "t")]);
    expect(ordered.map((d) => (d as { kind: string }).kind)).toEqual(["BackendTLSPolicy", "XBackendTrafficPolicy", "GatewayClass", "Gateway", "HTTPRoute"]);
  });
});
