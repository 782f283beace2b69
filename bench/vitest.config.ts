import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** The benchmarks' own tests (the root config covers packages only): `pnpm vitest run --config bench/vitest.config.ts`. */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["bench/**/*.test.ts"],
    testTimeout: 120_000,
  },
});
