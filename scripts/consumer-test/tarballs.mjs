/**
 * Packs every published package the way a release does (`pnpm -r pack`: each package's
 * prepack builds its dist/ from scratch) and audits what the tarballs hold.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { assert, filesUnder, mustRun, readJson, sizeOf } from "./lib.mjs";

/** Test code and test data that must not ship (the public @weft/kube/testing helpers may). */
const TEST_FILE = /(^|\/)[^/]*\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)(test-support|e2e-support|fixtures|test-streams)\.(js|d\.ts)$|(^|\/)(golden|__tests__)\//;
/** Libraries whose types appear in our declarations: the consumer must share their copy. */
export const PEERS = { "@weft/xds": ["@bufbuild/protobuf", "@grpc/grpc-js"], "@weft/kube": ["@kubernetes/client-node"] };

/**
 * `pnpm -r pack` into `dest`, after removing every package's dist/ so the tarballs hold
 * only what prepack builds, as on a fresh clone. Returns { name: tarball facts }.
 */
export function packAll(root, dest) {
  mkdirSync(dest, { recursive: true });
  for (const d of readdirSync(join(root, "packages"))) {
    rmSync(join(root, "packages", d, "dist"), { recursive: true, force: true });
    for (const info of ["tsconfig.tsbuildinfo", "tsconfig.build.tsbuildinfo"]) rmSync(join(root, "packages", d, info), { force: true });
  }
  mustRun("pnpm", ["-r", "--reporter=append-only", "pack", "--pack-destination", dest], { cwd: root });
  const tarballs = {};
  for (const file of readdirSync(dest).filter((f) => f.endsWith(".tgz"))) {
    const unpacked = join(dest, "unpacked", file.replace(/\.tgz$/, ""));
    mkdirSync(unpacked, { recursive: true });
    mustRun("tar", ["-xzf", join(dest, file), "-C", unpacked]);
    const pkg = readJson(join(unpacked, "package", "package.json"));
    tarballs[pkg.name] = { file: join(dest, file), dir: join(unpacked, "package"), pkg, packed: statSync(join(dest, file)).size, unpacked: sizeOf(join(unpacked, "package")) };
  }
  return tarballs;
}

/** The published packages of the workspace (packages/*, not private). */
export function publishedPackages(root) {
  return readdirSync(join(root, "packages"))
    .map((d) => join(root, "packages", d, "package.json"))
    .filter((f) => existsSync(f))
    .map((f) => readJson(f))
    .filter((p) => p.private !== true)
    .map((p) => p.name)
    .sort();
}

/** Every file an `exports` map or `bin` names. */
function entryFiles(pkg) {
  const out = [];
  const visit = (v) => {
    if (typeof v === "string") out.push(v);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(visit);
  };
  visit(pkg.exports);
  visit(typeof pkg.bin === "string" ? { weft: pkg.bin } : pkg.bin);
  return out.map((f) => normalize(f).replace(/^\.\//, ""));
}

/** Everything wrong with one unpacked tarball, as a list of sentences. */
export function auditTarball({ dir, pkg }) {
  const problems = [];
  const files = filesUnder(dir);
  const has = new Set(files);
  for (const f of entryFiles(pkg)) if (!has.has(f)) problems.push(`exports/bin name ${f}, which is not in the tarball (was dist/ built?)`);
  if (!files.some((f) => f.startsWith("dist/") && f.endsWith(".js"))) problems.push("no compiled JavaScript in dist/");
  const tests = files.filter((f) => TEST_FILE.test(f));
  if (tests.length > 0) problems.push(`ships tests: ${tests.slice(0, 5).join(", ")}${tests.length > 5 ? ` and ${tests.length - 5} more` : ""}`);
  const maps = files.filter((f) => f.endsWith(".map"));
  const shipsSrc = files.some((f) => f.startsWith("src/"));
  if (maps.length > 0 && !shipsSrc) problems.push(`ships ${maps.length} source/declaration maps that point at src/, which is not shipped`);
  const mapped = files.filter((f) => /\.(js|d\.ts)$/.test(f) && /\/\/# sourceMappingURL=/.test(readFileSync(join(dir, f), "utf8")));
  const dangling = mapped.filter((f) => !has.has(join(dirname(f), /\/\/# sourceMappingURL=(\S+)/.exec(readFileSync(join(dir, f), "utf8"))[1]).split("\\").join("/")));
  if (dangling.length > 0) problems.push(`${dangling.length} files name a source map that is not shipped (${dangling[0]})`);
  for (const f of ["LICENSE", "README.md", "CHANGELOG.md"]) if (!has.has(f)) problems.push(`no ${f}`);
  if (has.has("LICENSE") && !/Apache License\s+Version 2\.0/.test(readFileSync(join(dir, "LICENSE"), "utf8"))) problems.push("LICENSE is not the Apache-2.0 text");
  if (pkg.license !== "Apache-2.0") problems.push(`license is ${pkg.license}`);
  for (const field of ["repository", "homepage", "bugs"]) if (pkg[field] === undefined) problems.push(`no ${field} field`);
  if (has.has("README.md")) problems.push(...readmeLinkProblems(dir, files));
  for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies })) {
    if (String(range).startsWith("workspace:")) problems.push(`dependency ${name} is still ${range}`);
    if (name.startsWith("@weft/") && !/^\^\d/.test(range)) problems.push(`depends on ${name} "${range}": a patch release of it would install a second copy (use a ^ range)`);
  }
  for (const peer of PEERS[pkg.name] ?? []) {
    if (pkg.peerDependencies?.[peer] === undefined) problems.push(`${peer} is not a peer dependency, though its types are part of ${pkg.name}'s API`);
    if (pkg.dependencies?.[peer] !== undefined) problems.push(`${peer} is a plain dependency: a consumer with their own copy gets two`);
  }
  return problems;
}

/** README links that do not lead anywhere once the package is on npm. */
function readmeLinkProblems(dir, files) {
  const text = readFileSync(join(dir, "README.md"), "utf8");
  const problems = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^(https?:|mailto:|#)/.test(target)) continue;
    const path = normalize(target.split("#")[0]).split("\\").join("/");
    if (path.startsWith("..") || !files.some((f) => f === path || f.startsWith(`${path}/`))) problems.push(`README links to ${target}, which is not in the package (use an absolute URL)`);
  }
  return problems;
}
