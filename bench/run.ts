/**
 * `pnpm bench <name> [args]`: bundles bench/<name>.ts with esbuild and runs it with
 * plain node (with --expose-gc for heap figures). Bundling rather than running under
 * tsx matters: tsx keeps function names by wrapping every closure it creates, which
 * adds a property definition to each closure and distorts closure-heavy code.
 * Benchmarks print figures and ratios; they never assert times.
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && !["run.ts", "entry.ts"].includes(f) && !f.endsWith(".d.ts"))
  .map((f) => f.slice(0, -3))
  .sort();
const [name, ...args] = process.argv.slice(2);
if (name === undefined || !available.includes(name)) {
  console.error(`usage: pnpm bench <name> [args]\navailable: ${available.join(", ")}`);
  process.exit(2);
}
// Benchmarks import @weft/xds, whose message types are generated (not committed).
const generated = spawnSync(process.execPath, [join(here, "..", "packages", "xds", "scripts", "generate.mjs")], { stdio: "inherit" });
if (generated.status !== 0) process.exit(generated.status ?? 1);
const outDir = join(here, "..", "node_modules", ".cache", "weft-bench");
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, `${name}.mjs`);
await build({
  entryPoints: [join(here, "entry.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile,
  logLevel: "warning",
  plugins: [
    {
      name: "bench-entry",
      setup(b) {
        b.onResolve({ filter: /^bench-main$/ }, () => ({ path: join(here, `${name}.ts`) }));
      },
    },
  ],
  packages: "bundle",
  // CommonJS dependencies bundled into an ES module still call require().
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
});
const result = spawnSync(process.execPath, ["--expose-gc", outfile, ...args], { stdio: "inherit" });
process.exit(result.status ?? 1);
