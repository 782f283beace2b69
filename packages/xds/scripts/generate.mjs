#!/usr/bin/env node
/**
 * Generates the Envoy message types (protobuf-es v2) this package uses into src/gen/.
 *
 * The .proto sources are the ones `@grpc/grpc-js-xds` ships in its `deps/` folder, so a
 * fresh clone needs nothing beyond the npm registry. Only the import closure of the
 * ROOTS below is compiled: the Envoy API has thousands of files and generating all of
 * them would dominate the build. The closure is copied into one directory (buf treats it
 * as a single module; well-known types come with buf) and compiled with buf and
 * protoc-gen-es from node_modules.
 *
 * Re-running is cheap: a stamp of the inputs (tool versions, roots, this script) is kept
 * beside the output, and generation is skipped while it matches. `--force` regenerates.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The messages the builders and the ADS server use; everything they import follows. */
const ROOTS = [
  "envoy/service/discovery/v3/ads.proto",
  "envoy/config/listener/v3/listener.proto",
  "envoy/config/route/v3/route.proto",
  "envoy/config/cluster/v3/cluster.proto",
  "envoy/config/endpoint/v3/endpoint.proto",
  "envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto",
  "envoy/extensions/filters/network/tcp_proxy/v3/tcp_proxy.proto",
  "envoy/extensions/filters/http/router/v3/router.proto",
  "envoy/extensions/filters/listener/tls_inspector/v3/tls_inspector.proto",
  "envoy/extensions/transport_sockets/tls/v3/tls.proto",
  "envoy/extensions/upstreams/http/v3/http_protocol_options.proto",
  "envoy/extensions/retry/host/previous_hosts/v3/previous_hosts.proto",
  "envoy/extensions/retry/priority/previous_priorities/v3/previous_priorities_config.proto",
];

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..");
const outDir = join(pkg, "src", "gen");
const stampFile = join(outDir, ".stamp");
const work = join(pkg, "node_modules", ".cache", "xds-protos");
const require = createRequire(join(pkg, "package.json"));

const xdsPackageJson = require.resolve("@grpc/grpc-js-xds/package.json");
const depsDir = join(dirname(xdsPackageJson), "deps");
// Search order of the include roots, as grpc-js-xds's own type generation uses them.
const INCLUDE_ROOTS = ["envoy-api", "xds", "googleapis", "protoc-gen-validate"].map((d) => join(depsDir, d));

function versionOf(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;
}

function stamp() {
  const h = createHash("sha256");
  h.update(JSON.stringify({ roots: ROOTS, xds: versionOf("@grpc/grpc-js-xds"), es: versionOf("@bufbuild/protoc-gen-es"), buf: versionOf("@bufbuild/buf") }));
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  return h.digest("hex");
}

function locate(protoPath) {
  for (const root of INCLUDE_ROOTS) {
    const candidate = join(root, protoPath);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Every .proto reachable from ROOTS by imports, with where it lives; well-known types excepted. */
function importClosure() {
  const found = new Map();
  const pending = [...ROOTS];
  while (pending.length > 0) {
    const path = pending.pop();
    if (found.has(path) || path.startsWith("google/protobuf/")) continue;
    const file = locate(path);
    if (file === undefined) throw new Error(`generate: ${path} is not in ${depsDir}`);
    found.set(path, file);
    for (const m of readFileSync(file, "utf8").matchAll(/^import\s+(?:public\s+|weak\s+)?"([^"]+)"/gm)) pending.push(m[1]);
  }
  return found;
}

/**
 * The protoc-gen-validate copy grpc-js-xds ships predates StringRules.ignore_empty, which
 * a few Envoy fields use in their (validation-only) annotations; without it the files do
 * not compile. Adds the field with its upstream number when it is missing.
 */
function patchValidateRules(file) {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf("message StringRules {");
  if (start < 0) throw new Error(`generate: no StringRules in ${file}`);
  const body = text.slice(start, text.indexOf("\n}", start));
  if (/\bignore_empty\b/.test(body)) return;
  const at = start + "message StringRules {".length;
  writeFileSync(file, `${text.slice(0, at)}\n    optional bool ignore_empty = 26;${text.slice(at)}`);
}

function binary(name) {
  const bin = join(pkg, "node_modules", ".bin", name);
  if (!existsSync(bin)) throw new Error(`generate: ${bin} is missing; run pnpm install`);
  return bin;
}

const force = process.argv.includes("--force");
const want = stamp();
// The stamp alone could outlive a deleted output, so one generated file must be there too.
const sentinel = join(outDir, "envoy", "service", "discovery", "v3", "discovery_pb.ts");
if (!force && existsSync(stampFile) && existsSync(sentinel) && readFileSync(stampFile, "utf8") === want) process.exit(0);

const started = Date.now();
const closure = importClosure();
rmSync(work, { recursive: true, force: true });
for (const [path, file] of closure) {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  cpSync(file, join(work, path));
}
patchValidateRules(join(work, "validate", "validate.proto"));
// One plugin run for every file: the default (one run per directory) starts node ~40 times.
const template = {
  version: "v2",
  plugins: [{ local: binary("protoc-gen-es"), out: outDir, strategy: "all", opt: ["target=ts", "import_extension=js"] }],
};
rmSync(outDir, { recursive: true, force: true });
const result = spawnSync(binary("buf"), ["generate", work, "--template", JSON.stringify(template)], { cwd: pkg, stdio: "inherit" });
if (result.status !== 0) {
  console.error(`generate: buf generate failed (${result.error?.message ?? `exit ${result.status}`})`);
  process.exit(1);
}
writeFileSync(stampFile, want);
console.error(`generate: ${closure.size} protos -> src/gen in ${Date.now() - started} ms`);
