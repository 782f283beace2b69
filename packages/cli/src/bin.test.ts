import { spawn, spawnSync } from "node:child_process";
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

  it("a reader that closes stdout early (weft translate | head -1) ends the command quietly with its own status", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "packages/cli/src/bin.ts", "translate", "--format", "json"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    // Closed before the first write: every write of the ~60 kB of output meets EPIPE.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    expect(stderr).not.toMatch(/EPIPE|Error|    at /);
    expect(stderr).toContain("weft: translated");
    expect(status).toBe(0);
  });
});
