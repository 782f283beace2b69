import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "examples/*/src/**/*.test.ts", "tools/*/src/**/*.test.ts", "bench/**/*.test.ts"],
    // The leak test needs a collectable heap; every other test runs fine with it too.
    execArgv: ["--expose-gc"],
    // Generates packages/xds/src/gen (not committed) when it is missing or stale.
    globalSetup: ["scripts/vitest-generate.mjs"],
    testTimeout: 120_000,
  },
});
