/**
 * The scratch projects the consumer test installs the tarballs into: outside the
 * repository (os.tmpdir()), with npm, as a user would, and the peers at a chosen version.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assert, mustRun, run } from "./lib.mjs";

const NPM_QUIET = ["--no-audit", "--no-fund", "--loglevel=error"];

/** Creates an ESM project at `dir` and npm-installs `specs` (tarball paths or name@range). */
export function createProject(dir, specs) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "weft-consumer", private: true, type: "module" }, null, 2)}\n`);
  install(dir, specs);
}

export function install(dir, specs) {
  mustRun("npm", ["install", ...NPM_QUIET, ...specs], { cwd: dir });
}

/** `npm ls --all` must be clean: no missing or invalid (peer) dependencies. */
export function assertTreeValid(dir) {
  const ls = run("npm", ["ls", "--all", "--json"], { cwd: dir });
  const problems = JSON.parse(ls.stdout || "{}").problems ?? [];
  assert(ls.status === 0 && problems.length === 0, `npm ls reports: ${problems.join("; ") || ls.stderr}`);
}

/** The versions of `name` installed anywhere in the project's tree. */
export function installedVersions(dir, name) {
  const ls = run("npm", ["ls", name, "--all", "--json"], { cwd: dir });
  const versions = new Set();
  const walk = (deps) => {
    for (const [n, info] of Object.entries(deps ?? {})) {
      if (n === name && info.version !== undefined) versions.add(info.version);
      walk(info.dependencies);
    }
  };
  walk(JSON.parse(ls.stdout || "{}").dependencies);
  return [...versions].sort();
}

/** Lowest and highest published versions a peer range allows (its floor and the newest). */
export function rangeEnds(name, range) {
  const floor = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
  assert(floor !== undefined, `${name}'s peer range "${range}" is not ^x.y.z`);
  const listed = JSON.parse(mustRun("npm", ["view", `${name}@${range}`, "version", "--json"]).stdout);
  // npm lists them in publication order, not by version.
  const versions = (Array.isArray(listed) ? listed : [listed]).sort(compareVersions);
  return { min: floor, max: versions[versions.length - 1] };
}

function compareVersions(a, b) {
  const pa = a.split(/[.+-]/).map(Number);
  const pb = b.split(/[.+-]/).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** Copies a fixture into the project. */
export function addFixture(fixtures, dir, file) {
  cpSync(join(fixtures, file), join(dir, file));
}

/**
 * A copy of the @weft/krt tarball republished as `version` (package.json and the brand's
 * version constant), as the next release of it would be.
 */
export function krtAtVersion(krt, version, workDir) {
  const dir = join(workDir, `krt-${version}`);
  cpSync(krt.dir, join(dir, "package"), { recursive: true });
  const pkgFile = join(dir, "package", "package.json");
  writeFileSync(pkgFile, JSON.stringify({ ...JSON.parse(readFileSync(pkgFile, "utf8")), version }, null, 2));
  const versionFile = join(dir, "package", "dist", "version.js");
  const text = readFileSync(versionFile, "utf8");
  assert(text.includes(`"${krt.pkg.version}"`), "dist/version.js does not hold the package version");
  writeFileSync(versionFile, text.replace(`"${krt.pkg.version}"`, `"${version}"`));
  const tarball = join(workDir, `weft-krt-${version}.tgz`);
  mustRun("tar", ["-czf", tarball, "-C", dir, "package"]);
  return tarball;
}
