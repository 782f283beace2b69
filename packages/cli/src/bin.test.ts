import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

describe("the weft executable", () => {
  it("runs as a process: output on stdout, notes on stderr, the exit status of the command", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "packages/cli/src/bin.ts", "translate", "--output", "istio", "--format", "json"], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { istio: unknown[] }).istio).toHaveLength(4);
    expect(run.stderr).toContain("bundled example");
    const failing = spawnSync(process.execPath, ["--import", "tsx", "packages/cli/src/bin.ts", "translate", "-f", "no-such-file.yaml"], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(failing.status).toBe(1);
    expect(failing.stderr).toContain("no-such-file.yaml: cannot read: no such file or folder");
  });
});
