#!/usr/bin/env node
/**
 * After `changeset version` (the root `version-packages` script): copies each package's
 * new version into the constants that must equal it. Today that is @weft/krt's
 * KRT_VERSION, the version its collections' brand names in the two-copies error
 * (packages/krt/src/brand.ts); a krt test fails if the two ever differ.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const targets = [{ pkg: "packages/krt/package.json", file: "packages/krt/src/version.ts", constant: "KRT_VERSION" }];

for (const { pkg, file, constant } of targets) {
  const { version } = JSON.parse(readFileSync(join(root, pkg), "utf8"));
  const path = join(root, file);
  const text = readFileSync(path, "utf8");
  const pattern = new RegExp(`(export const ${constant} = )"[^"]*"`);
  if (!pattern.test(text)) throw new Error(`sync-versions: no ${constant} in ${file}`);
  const next = text.replace(pattern, `$1"${version}"`);
  if (next !== text) {
    writeFileSync(path, next);
    console.error(`sync-versions: ${file}: ${constant} = "${version}"`);
  }
}
