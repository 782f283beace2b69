// vitest globalSetup: the xDS message types are generated at build time (never
// committed); a test run straight after a fresh install generates them first. A no-op
// when they are up to date.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup() {
  const script = fileURLToPath(new URL("../packages/xds/scripts/generate.mjs", import.meta.url));
  const result = spawnSync(process.execPath, [script], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("generating the xDS types failed (packages/xds/scripts/generate.mjs)");
}
