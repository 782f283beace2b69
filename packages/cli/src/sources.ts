/**
 * Where manifests come from: files, folders (their .yaml, .yml and .json files, in name
 * order, recursively with -R) and stdin (`-`). A path that cannot be read is a problem
 * to report, not a reason to skip the others.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";

/**
 * One input to load, named as the user will recognise it. Files and stdin stay bytes, so
 * the loader can report invalid UTF-8 by document and line instead of reading it as
 * replacement characters.
 */
export interface Source {
  name: string;
  text: string | Uint8Array;
}

export interface SourceOptions {
  cwd: string;
  recursive: boolean;
  readStdin: () => Promise<string | Uint8Array>;
}

const MANIFEST = /\.(ya?ml|json)$/i;

/** The path as shown: relative to the working directory when inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

async function filesOf(folder: string, recursive: boolean): Promise<string[]> {
  const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (recursive) out.push(...(await filesOf(path, true)));
    } else if (MANIFEST.test(entry.name)) out.push(path);
  }
  return out;
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (code === "ENOENT") return "no such file or folder";
  if (code === "EACCES") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}

/** Reads every path given; `problems` says which could not be read and why. */
export async function readSources(paths: readonly string[], opts: SourceOptions): Promise<{ sources: Source[]; problems: string[] }> {
  const sources: Source[] = [];
  const problems: string[] = [];
  for (const given of paths) {
    if (given === "-") {
      sources.push({ name: "<stdin>", text: await opts.readStdin() });
      continue;
    }
    const path = resolve(opts.cwd, given);
    try {
      if ((await stat(path)).isDirectory()) {
        const files = await filesOf(path, opts.recursive);
        if (files.length === 0) problems.push(`${given}: no .yaml, .yml or .json files in this folder${opts.recursive ? "" : " (use -R for subfolders)"}`);
        for (const file of files) sources.push({ name: displayPath(file, opts.cwd), text: await readFile(file) });
      } else sources.push({ name: displayPath(path, opts.cwd), text: await readFile(path) });
    } catch (error) {
      problems.push(`${given}: cannot read: ${reason(error)}`);
    }
  }
  return { sources, problems };
}
