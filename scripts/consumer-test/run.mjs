#!/usr/bin/env node
/**
 * `pnpm test:consumer`: Weft as a new user meets it. Builds and packs every package from
 * scratch, installs the tarballs with npm into a project outside the repository, and
 * checks what a consumer relies on: complete tarballs without tests, the README example
 * as plain ESM JavaScript, strict TypeScript (nodenext, skipLibCheck false) against the
 * consumer's own protobuf, gRPC and client-node at both ends of our peer ranges,
 * require() from CommonJS, the installed `weft` command, and two @weft/krt versions side
 * by side. Ends with one summary line; exits 1 if any check failed.
 *
 * WEFT_CONSUMER_KEEP=1 keeps the scratch folder; WEFT_CONFORMANCE_DIR overrides where
 * Istio's gateway corpus is looked for (default: ../shared/conformance/istio-gateway).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { addFixture, assertTreeValid, createProject, install, installedVersions, krtAtVersion, rangeEnds } from "./consumer-project.mjs";
import { assert, check, failures, kB, mustRun, passedCount, run, tail } from "./lib.mjs";
import { auditTarball, packAll, PEERS, publishedPackages } from "./tarballs.mjs";
import { readmeExample } from "./readme-example.mjs";
import { checkCli } from "./cli-checks.mjs";
import { checkRepository, checkTypedoc, startTypedoc } from "./repo-checks.mjs";

const started = Date.now();
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const scratch = mkdtempSync(join(tmpdir(), "weft-consumer-"));
const app = join(scratch, "app");
console.log(`consumer test: scratch folder ${scratch}`);

const tarballs = (await check("every package builds and packs from scratch (pnpm -r pack runs each prepack)", () => {
  const packed = packAll(root, join(scratch, "tarballs"));
  const missing = publishedPackages(root).filter((name) => packed[name] === undefined);
  assert(missing.length === 0, `no tarball for ${missing.join(", ")}`);
  return packed;
})) ?? {};

const typedoc = startTypedoc(root);

for (const [name, t] of Object.entries(tarballs)) {
  await check(`${name}: complete, no tests, no dangling maps, LICENSE, README links, metadata, ranges`, () => {
    const problems = auditTarball(t);
    assert(problems.length === 0, problems.join("\n"));
  });
}

// The consumer's own copies of our peers: the newest each range allows first.
const peerRanges = Object.fromEntries(Object.entries(PEERS).flatMap(([pkg, peers]) => peers.map((p) => [p, tarballs[pkg]?.pkg.peerDependencies?.[p]]).filter(([, r]) => r !== undefined)));
const ends = (await check("peer ranges resolve on the registry", () => Object.fromEntries(Object.entries(peerRanges).map(([p, r]) => [p, rangeEnds(p, r)])))) ?? {};
const atEnd = (which) => Object.entries(ends).map(([p, e]) => `${p}@${e[which]}`);

const installed = await check(`npm install of the tarballs with ${atEnd("max").join(", ") || "the peers"}`, () => {
  createProject(app, [...Object.values(tarballs).map((t) => t.file), "typescript@~5.9.3", "@types/node@^20.19.0", ...atEnd("max")]);
  assertTreeValid(app);
  return true;
});

if (installed) {
  await check("the README example runs as plain ESM JavaScript and prints what the README shows", () => {
    const { code, output } = readmeExample(join(root, "README.md"));
    const file = join(app, "readme-example.mjs");
    writeFileSync(file, code);
    const result = mustRun(process.execPath, [file], { cwd: app });
    assert(result.stdout.trim() === output.trim(), `printed:\n${result.stdout}\nthe README shows:\n${output}`);
  });

  const strict = (label) =>
    check(`strict TypeScript (nodenext, skipLibCheck false) with ${label}: compiles and runs`, () => {
      for (const f of ["strict.ts", "tsconfig.json"]) addFixture(fixtures, app, f);
      const tsc = run(process.execPath, [join(app, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: app });
      // The first line of each error (a clash between two protobuf copies runs to 50 lines).
      const errors = `${tsc.stdout}\n${tsc.stderr}`.split("\n").filter((l) => /error TS\d+/.test(l));
      assert(tsc.status === 0, `tsc:\n${(errors.length > 0 ? errors.slice(0, 15).join("\n") : tail(tsc.stdout + tsc.stderr, 30)).slice(0, 4000)}`);
      const out = JSON.parse(mustRun(process.execPath, ["out/strict.js"], { cwd: app }).stdout);
      assert(out.events.join() === "add default/a,add default/b" && out.virtualServices.length === 1 && out.leases === 1 && out.adsListened === true, `unexpected result ${JSON.stringify(out)}`);
    });
  await strict(atEnd("max").join(", "));

  await check("require() of every package and subpath from CommonJS (require(esm))", () => {
    addFixture(fixtures, app, "require-all.cjs");
    const result = mustRun(process.execPath, ["require-all.cjs"], { cwd: app });
    assert(Object.keys(JSON.parse(result.stdout)).length === 9, result.stdout);
  });

  await checkCli(app, root, tarballs["@weft/cli"]?.pkg.version);

  const low = atEnd("min");
  const lowInstalled = await check(`npm install of ${low.join(", ")} (the floors of the peer ranges)`, () => {
    install(app, low);
    assertTreeValid(app);
    return true;
  });
  if (lowInstalled) {
    await strict(low.join(", "));
    await check("weft translate --output xds with the lowest peers", () => {
      const result = mustRun("npx", ["--no-install", "weft", "translate", "--output", "xds", "--format", "json"], { cwd: app });
      assert(JSON.parse(result.stdout).xds.length > 0, "no xDS resources");
    });
  }
}

const krt = tarballs["@weft/krt"];
if (krt !== undefined && tarballs["@weft/gateway"] !== undefined && tarballs["@weft/api"] !== undefined && tarballs["@weft/mesh"] !== undefined) {
  const krtApp = join(scratch, "krt-versions");
  // @weft/gateway depends on @weft/mesh (its service index), which is not on the registry either.
  const base = [tarballs["@weft/api"].file, tarballs["@weft/mesh"].file, tarballs["@weft/gateway"].file];
  await check("@weft/gateway 0.1.x beside the application's @weft/krt patch release: one krt copy, and its collections work", () => {
    const next = krtAtVersion(krt, bump(krt.pkg.version, "patch"), scratch);
    createProject(krtApp, [...base, next]);
    const versions = installedVersions(krtApp, "@weft/krt");
    assert(versions.length === 1, `npm installed @weft/krt ${versions.join(" and ")}`);
    addFixture(fixtures, krtApp, "krt-one-copy.mjs");
    const out = mustRun(process.execPath, ["krt-one-copy.mjs"], { cwd: krtApp }).stdout;
    assert(JSON.parse(out).gateways === 1, out);
  });
  await check("two incompatible @weft/krt copies side by side: the error names both versions and how to dedupe", () => {
    // The application's own krt of the next minor, beside the one @weft/gateway uses.
    // (Installed under an alias: @weft/* is not on the registry, so npm cannot nest the
    // older copy under @weft/gateway by itself; the two copies are real all the same.)
    const next = bump(krt.pkg.version, "minor");
    install(krtApp, [`krt-next@file:${krtAtVersion(krt, next, scratch)}`]);
    addFixture(fixtures, krtApp, "krt-two-copies.mjs");
    const { error } = JSON.parse(mustRun(process.execPath, ["krt-two-copies.mjs", "krt-next"], { cwd: krtApp }).stdout);
    assert(typeof error === "string" && error.includes(`(${next})`) && error.includes(`(${bump(krt.pkg.version, "patch")})`) && error.includes("npm dedupe"), `got: ${error}`);
  });
}

await checkRepository(root);
await checkTypedoc(typedoc);

console.log("\ntarball sizes (packed / unpacked):");
for (const [name, t] of Object.entries(tarballs)) console.log(`  ${name.padEnd(14)} ${kB(t.packed).padStart(9)} / ${kB(t.unpacked).padStart(9)}`);
const sum = (k) => Object.values(tarballs).reduce((s, t) => s + t[k], 0);
if (process.env.WEFT_CONSUMER_KEEP !== "1") rmSync(scratch, { recursive: true, force: true });
const failed = failures();
console.log(
  `\nconsumer test: ${passedCount()} passed, ${failed.length} failed (${Object.keys(tarballs).length} tarballs, ${kB(sum("packed"))} packed, ${kB(sum("unpacked"))} unpacked) in ${Math.round((Date.now() - started) / 1000)} s` +
    (failed.length > 0 ? `; failed: ${failed.map((f) => f.name).join(" | ")}` : ""),
);
process.exit(failed.length > 0 ? 1 : 0);

function bump(version, part) {
  const [major, minor, patch] = version.split(".").map(Number);
  return part === "patch" ? `${major}.${minor}.${patch + 1}` : `${major}.${minor + 1}.0`;
}

