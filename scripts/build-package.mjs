#!/usr/bin/env node
/**
 * `prepack` of every published package: builds the package's dist/ from a clean slate, so
 * `pnpm pack` / `pnpm publish` from a fresh clone ship complete tarballs.
 *
 * It compiles the package's tsconfig.build.json (no tests or test helpers, no source or
 * declaration maps: src/ is not shipped, so maps would point at missing files), after
 * emptying dist/ — the workspace's type-check (`tsc -b`, tsconfig.json) writes compiled
 * tests and maps into the same folder. The type-check's build info is removed with it so
 * the next `pnpm typecheck` rebuilds what it needs instead of trusting a dist/ it did not
 * write. The repository's LICENSE is copied in: pnpm pack would add the workspace root's
 * LICENSE by itself, npm pack would not (a package ships only its own).
 *
 * Run from the package's folder (npm and pnpm run lifecycle scripts there).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = process.cwd();
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));

function run(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: pkgDir, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`build-package: ${what} failed for ${pkg.name}`);
    process.exit(result.status ?? 1);
  }
}

// @weft/xds's Envoy message types are generated, not committed; several packages import
// them through @weft/xds. Cheap when already generated (the script keeps a stamp).
run([join(root, "packages/xds/scripts/generate.mjs")], "generating @weft/xds's message types");

rmSync(join(pkgDir, "dist"), { recursive: true, force: true });
rmSync(join(pkgDir, "tsconfig.tsbuildinfo"), { force: true });
rmSync(join(pkgDir, "tsconfig.build.tsbuildinfo"), { force: true });
const tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
run([tsc, "-b", "tsconfig.build.json"], "tsc -b tsconfig.build.json");
copyFileSync(join(root, "LICENSE"), join(pkgDir, "LICENSE"));
