/**
 * `pnpm bench <name> [args]`: runs bench/<name>.ts, whose default export takes the
 * remaining arguments. Benchmarks print figures and ratios; they never assert times.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .map((f) => f.slice(0, -3))
  .sort();
const [name, ...args] = process.argv.slice(2);
if (name === undefined || !available.includes(name)) {
  console.error(`usage: pnpm bench <name> [args]\navailable: ${available.join(", ")}`);
  process.exit(2);
}
const mod = (await import(join(here, `${name}.ts`))) as { default: (args: string[]) => Promise<void> | void };
await mod.default(args);
