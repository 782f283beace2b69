/**
 * Small helpers of the consumer test: running commands, recording named checks (a failed
 * check is reported and the run goes on, so one run lists every problem), reading tarballs.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The environment a new user's shell would have: without the npm_config_*, npm_package_*
 * and npm_lifecycle_* variables pnpm sets for the script running us (npm would read
 * pnpm's settings, e.g. `reporter`, and warn about them on stderr).
 */
function userEnvironment() {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_(config|package|lifecycle)_/i.test(name)) env[name] = value;
  }
  return env;
}

/** Runs a command without a shell; never throws. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options, env: { ...userEnvironment(), ...options.env } });
  return { status: result.status ?? 1, stdout: result.stdout ?? "", stderr: result.stderr ?? String(result.error ?? ""), command: [command, ...args].join(" ") };
}

/** Like `run`, but a non-zero exit is an error carrying the command's output. */
export function mustRun(command, args, options = {}) {
  const result = run(command, args, options);
  if (result.status !== 0) throw new Error(`\`${result.command}\` exited ${result.status}\n${tail(`${result.stdout}\n${result.stderr}`)}`);
  return result;
}

/** The last lines of a command's output, for a failure message. */
export function tail(text, lines = 25) {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

const results = [];

/** Runs one named check; a throw is its failure. Returns the check's value, or undefined. */
export async function check(name, fn) {
  const started = Date.now();
  try {
    const value = await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return value;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    results.push({ name, ok: false, message });
    console.log(`FAIL ${name}\n${message.replace(/^/gm, "     ")}`);
    return undefined;
  }
}

export function failures() {
  return results.filter((r) => !r.ok);
}

export function passedCount() {
  return results.filter((r) => r.ok).length;
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Every file under `dir`, as paths relative to it with "/" separators. */
export function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path).split("\\").join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

export function sizeOf(dir) {
  return filesUnder(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

export function kB(bytes) {
  return `${(bytes / 1024).toFixed(1)} kB`;
}
