/**
 * The installed `weft` command, run through npx as a user would: its version, a case of
 * Istio's gateway corpus (the bundled example when the corpus is not beside the repo),
 * a reader that closes the pipe early, and an unknown option.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { assert, check, mustRun, run } from "./lib.mjs";

const weft = (args) => ["--no-install", "weft", ...args];

export async function checkCli(app, root, version) {
  const corpus = resolve(process.env.WEFT_CONFORMANCE_DIR ?? join(root, "..", "shared", "conformance", "istio-gateway"));
  const corpusCase = join(corpus, "cases", "http.yaml");
  const input = existsSync(corpusCase) ? corpusCase : join(app, "node_modules", "@weft", "cli", "examples", "bookinfo.yaml");

  await check(`npx weft --version prints weft ${version}`, () => {
    const out = mustRun("npx", weft(["--version"]), { cwd: app }).stdout.trim();
    assert(out === `weft ${version}`, `printed "${out}"`);
  });

  await check(`npx weft translate -f ${input.startsWith(corpus) ? "<corpus>/cases/http.yaml" : "the bundled example (no corpus beside the repo)"}`, () => {
    const result = mustRun("npx", weft(["translate", "-f", input, "--output", "istio"]), { cwd: app });
    assert(/^kind: VirtualService$/m.test(result.stdout) && /^kind: Gateway$/m.test(result.stdout), `no Gateway and VirtualService in:\n${result.stdout.slice(0, 400)}`);
  });

  await check("npx weft translate | a reader that closes at once: exit 0, no EPIPE stack", () => {
    const result = run("bash", ["-c", "set -o pipefail; npx --no-install weft translate --format json | true"], { cwd: app });
    assert(!/EPIPE|\n\s+at /.test(result.stderr), `stderr:\n${result.stderr.slice(-600)}`);
    assert(result.status === 0, `exit status ${result.status}`);
  });

  await check("npx weft translate --bogus: a usage error naming the option, without advice about positionals", () => {
    const result = run("npx", weft(["translate", "--bogus"]), { cwd: app });
    assert(result.status === 2, `exit status ${result.status}`);
    const first = result.stderr.split("\n")[0];
    assert(first === 'weft: unknown option "--bogus"', `first line: ${first}`);
    assert(!/positional/i.test(result.stderr), "mentions positionals");
  });
}
