/**
 * What the repository tells a new user before they install anything: the root scripts
 * (none hidden behind a pnpm command of the same name), the README's install notes, and the
 * API reference building without "referenced but not included" gaps.
 */
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { assert, check, filesUnder, readJson } from "./lib.mjs";

/** pnpm commands that win over a root script of the same name (`pnpm docs` opens npm's page). */
const PNPM_COMMANDS = ["add", "audit", "bin", "bugs", "cache", "config", "create", "dedupe", "deploy", "dlx", "docs", "env", "exec", "fetch", "home", "import", "init", "install", "licenses", "link", "list", "ls", "outdated", "pack", "patch", "prune", "publish", "rebuild", "remove", "repo", "root", "self-update", "server", "setup", "store", "unlink", "update", "why"];

function markdownFiles(root) {
  const docs = filesUnder(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => join("docs", f));
  const packages = readdirSync(join(root, "packages")).map((d) => join("packages", d, "README.md"));
  return ["README.md", "RELEASING.md", ...docs, ...packages];
}

export async function checkRepository(root) {
  await check("no root script is shadowed by a pnpm command, and no doc names one (pnpm docs -> pnpm docs:api)", () => {
    const shadowed = Object.keys(readJson(join(root, "package.json")).scripts ?? {}).filter((s) => PNPM_COMMANDS.includes(s));
    assert(shadowed.length === 0, `root scripts ${shadowed.join(", ")} never run: pnpm runs its own command of that name`);
    const named = [];
    for (const file of markdownFiles(root)) {
      let text;
      try {
        text = readFileSync(join(root, file), "utf8");
      } catch {
        continue;
      }
      if (/`pnpm (-s )?docs`/.test(text)) named.push(file);
    }
    assert(named.length === 0, `\`pnpm docs\` (pnpm's own command) is named in ${named.join(", ")}`);
  });

  await check("the README tells how to install, and that the packages are ESM only (require(esm) on Node >= 20.19)", () => {
    const text = readFileSync(join(root, "README.md"), "utf8");
    const start = text.indexOf("\n## Install");
    assert(start >= 0, "README.md has no ## Install section");
    const section = text.slice(start, text.indexOf("\n## ", start + 1));
    for (const needle of ["npm install @weft/", "ESM", "require(", "20.19"]) assert(section.includes(needle), `the Install section does not mention ${needle}`);
  });
}

/**
 * Starts typedoc in the background, once the packages are packed (it reads the referenced
 * projects' dist/ declarations, which packing rewrites), so it overlaps the npm installs;
 * `checkTypedoc` waits for it.
 */
export function startTypedoc(root) {
  return new Promise((resolvePromise) => {
    const child = spawn("pnpm", ["-s", "docs:api", "--emit", "none"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolvePromise({ status: 1, output: String(error) }));
    child.on("close", (status) => resolvePromise({ status: status ?? 1, output }));
  });
}

export async function checkTypedoc(running) {
  await check("the API reference (typedoc) builds with no \"referenced but not included\" warnings", async () => {
    const { status, output } = await running;
    const gaps = output.split("\n").filter((l) => l.includes("but not included in the documentation"));
    assert(status === 0, `typedoc exited ${status}:\n${output.slice(-1500)}`);
    assert(gaps.length === 0, `${gaps.length} warnings:\n${gaps.slice(0, 10).join("\n")}`);
  });
}
