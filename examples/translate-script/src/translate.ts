// translate() from a script: `pnpm --filter @weft/example-translate-script start [file.yaml]`.
import { readFileSync } from "node:fs";
import { formatManifestError, loadManifests } from "@weft/api";
import { translate } from "@weft/gateway";
import { stringify } from "yaml";

const file = process.argv[2] ?? new URL("../data/hello.yaml", import.meta.url).pathname;
const { objects, errors } = loadManifests(readFileSync(file, "utf8"), file);
for (const e of errors) console.error(formatManifestError(e)); // file:line: document N, Kind ns/name: field: what is wrong

const result = translate(objects, { domainSuffix: "cluster.local" });
for (const vs of result.virtualServices) console.log(`---\n${stringify(vs, { aliasDuplicateObjects: false })}`);
// Every condition of a status, wherever it sits (top level, per listener, per route parent).
const conditions = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap(conditions) : typeof v === "object" && v !== null ? Object.entries(v).flatMap(([k, x]) => (k === "conditions" && Array.isArray(x) ? x.map((c) => `${c.type}=${c.status}`) : conditions(x))) : [];
for (const doc of result.statuses) console.log(`# ${doc.kind} ${doc.metadata.namespace}/${doc.metadata.name}: ${conditions(doc.status).join(" ")}`);
process.exitCode = errors.length + result.errors.length > 0 ? 1 : 0;
