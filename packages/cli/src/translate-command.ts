/**
 * `weft translate`: read the manifests, load them with @weft/api (errors name the file,
 * document and field), translate what loaded with @weft/gateway's `translate()` (and,
 * for xDS, @weft/xds's pipeline over the same objects and options), print the sections asked for on stdout, and tell on stderr what went wrong and which
 * statuses report problems. Bad documents cost only themselves: everything valid is
 * still translated and printed, and the exit status says something was wrong.
 */
import { admitCreated, crdDefaulter, formatManifestError, loadManifests, type KubeObject, type ObjectOrigin } from "@weft/api";
import { parseAllDocuments } from "yaml";
import { resolveOptions, translate, type StatusDocument } from "@weft/gateway";
import type { TranslateCommand } from "./args.js";
import { BUNDLED_EXAMPLE, BUNDLED_NOTE } from "./bundled-example.js";
import { statusProblems } from "./problems.js";
import { describeIstio, render, type Sections } from "./render.js";
import { readSources, type Source } from "./sources.js";
import { buildXds, describeXds } from "./xds.js";

/** Where the command reads and writes; the bin wires it to the process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  readStdin(): Promise<string | Uint8Array>;
}

/** Exit statuses. */
export const EXIT = { ok: 0, inputProblems: 1, usage: 2 } as const;

const nowToSeconds = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");

function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ""}/${name}`;
}

/** The documents of the CRD files given with --crds (other kinds in them are ignored by the defaulter). */
async function readCrds(paths: readonly string[], io: Io): Promise<{ documents: unknown[]; problems: string[] }> {
  const { sources, problems } = await readSources(paths, { cwd: io.cwd, recursive: true, readStdin: () => io.readStdin() });
  const documents: unknown[] = [];
  for (const source of sources) {
    // CRDs are read as text; a file that is not UTF-8 is reported, not half-read.
    let text: string;
    try {
      text = typeof source.text === "string" ? source.text : new TextDecoder("utf-8", { fatal: true }).decode(source.text);
    } catch {
      problems.push(`${source.name}: not valid UTF-8`);
      continue;
    }
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) problems.push(`${source.name}: ${doc.errors[0]!.message}`);
      else documents.push(doc.toJS());
    }
  }
  return { documents, problems };
}

export async function runTranslate(cmd: TranslateCommand, io: Io): Promise<number> {
  const say = (line: string) => io.stderr(`weft: ${line}\n`);
  let exit: number = EXIT.ok;

  const paths = cmd.files.length === 0 ? [BUNDLED_EXAMPLE] : cmd.files;
  if (cmd.files.length === 0) io.stderr(`${BUNDLED_NOTE}\n`);
  const { sources, problems } = await readSources(paths, { cwd: io.cwd, recursive: cmd.recursive, readStdin: () => io.readStdin() });
  for (const p of problems) say(p);
  if (problems.length > 0) exit = EXIT.inputProblems;

  const objects: KubeObject[] = [];
  const origins = new Map<string, string>();
  for (const source of sources) {
    const loaded = load(source);
    for (const e of loaded.errors) say(formatManifestError(e));
    if (loaded.errors.length > 0) exit = EXIT.inputProblems;
    loaded.objects.forEach((o, i) => {
      objects.push(o);
      origins.set(objectKey(o.kind, o.metadata.namespace, o.metadata.name), where(loaded.origins[i]!));
    });
  }

  const now = cmd.now ?? nowToSeconds();
  if (cmd.crds.length > 0) {
    const crds = await readCrds(cmd.crds, io);
    for (const p of crds.problems) say(p);
    if (crds.problems.length > 0) exit = EXIT.inputProblems;
    // Admitted in file order, as `kubectl apply` would create them.
    objects.splice(0, objects.length, ...admitCreated(objects, { defaulter: crdDefaulter(crds.documents), now: new Date(now) }));
  }

  const options = {
    ...(cmd.domainSuffix === undefined ? {} : { domainSuffix: cmd.domainSuffix }),
    ...(cmd.controllerName === undefined ? {} : { controllerName: cmd.controllerName }),
    features: cmd.features,
    now,
    rejectExpiredCertificates: cmd.rejectExpiredCertificates,
  };
  const result = translate(objects, options);
  for (const e of result.errors) say(`could not translate ${e.key ?? "an input"} (${e.step}): ${e.message}`);
  if (result.errors.length > 0) exit = EXIT.inputProblems;

  const resolved = resolveOptions(options);
  const sections: Sections = {};
  if (cmd.output === "istio" || cmd.output === "all") sections.istio = result;
  if (cmd.output === "status" || cmd.output === "all") sections.status = result.statuses;
  if (cmd.output === "xds" || cmd.output === "all") {
    try {
      sections.xds = await buildXds(objects, options, result.errors);
    } catch (error) {
      say(`could not build xDS: ${error instanceof Error ? error.message : String(error)}`);
      exit = EXIT.inputProblems;
    }
  }
  io.stdout(render(sections, cmd.format));

  const files = sources.length === 1 ? sources[0]!.name : `${sources.length} files`;
  const xdsSummary = sections.xds === undefined ? "" : `; xDS: ${describeXds(sections.xds)} (endpoints from ${sections.xds.endpointSlices} EndpointSlice${sections.xds.endpointSlices === 1 ? "" : "s"})`;
  say(`translated ${objects.length} object${objects.length === 1 ? "" : "s"} from ${files}: ${describeIstio(result)}, ${result.statuses.length} statuses${xdsSummary}`);
  const controllerName = resolved.controllerName;
  const origin = (doc: StatusDocument) => origins.get(objectKey(doc.kind, doc.metadata.namespace, doc.metadata.name));
  const reported = statusProblems(result.statuses, controllerName, origin);
  if (reported.length > 0) {
    say(`${reported.length} problem${reported.length === 1 ? "" : "s"} reported in statuses (the objects still translated; see each status):`);
    for (const line of reported) io.stderr(`  ${line}\n`);
  }
  const xdsProblems = sections.xds?.problems ?? [];
  if (xdsProblems.length > 0) {
    say(`${xdsProblems.length} xDS problem${xdsProblems.length === 1 ? "" : "s"} (what the builders left out or worked around):`);
    for (const p of xdsProblems) io.stderr(`  ${p.source}: ${p.message}\n`);
  }
  return exit;
}

function load(source: Source) {
  return loadManifests(source.text, source.name);
}

function where(origin: ObjectOrigin): string {
  const item = origin.itemIndex === undefined ? "" : ` item ${origin.itemIndex}`;
  return `${origin.source}:${origin.line}: document ${origin.documentIndex}${item}`;
}

