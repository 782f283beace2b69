/**
 * Memory of loadManifests on big inputs, per MB of input: the peak resident set while
 * loading and the heap still held afterwards (the loaded objects), for two shapes:
 *
 * - big-file: one file of large documents (ConfigMaps of 100 KB of data each), --mb MB
 *   in all (default 100);
 * - many-documents: --docs small documents (HTTPRoutes, default 100 000).
 *
 * Each case runs in its own child process, so one case's garbage and peak do not count
 * against the next. The input is written to a temporary file and read as bytes, as the
 * CLI reads it (--text: decoded first, and a string given to the loader). Figures only;
 * nothing is asserted.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadManifests } from "@weft/api";
import { collectGarbage, fmt, numberArg, table } from "./lib/stats.js";

const CASES = ["big-file", "many-documents"] as const;
type Case = (typeof CASES)[number];

function configMap(i: number, dataBytes: number): string {
  const line = "x".repeat(76);
  const lines = Math.max(1, Math.floor(dataBytes / 80));
  const body = Array.from({ length: lines }, () => `    ${line}`).join("\n");
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: data-${i}\n  namespace: apps\ndata:\n  blob: |\n${body}\n`;
}

function httpRoute(i: number): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: route-${i}
  namespace: apps
  labels: {app: web, tier: "${i % 7}"}
spec:
  parentRefs: [{name: gw, namespace: infra, sectionName: http}]
  hostnames: ["host-${i}.example.com"]
  rules:
  - matches: [{path: {type: PathPrefix, value: "/v${i}"}}]
    backendRefs: [{name: web, port: 80, weight: 1}]
`;
}

function input(which: Case, args: readonly string[]): string {
  if (which === "big-file") {
    const mb = numberArg(args, "mb", 100);
    const docSize = 100_000;
    return Array.from({ length: Math.ceil((mb * 1e6) / docSize) }, (_, i) => configMap(i, docSize)).join("---\n");
  }
  const docs = numberArg(args, "docs", 100_000);
  return Array.from({ length: docs }, (_, i) => httpRoute(i)).join("---\n");
}

const MB = 1024 * 1024;

/** In the child: load the file, report one JSON line of figures. */
function measure(file: string, asText: boolean): void {
  const bytes = readFileSync(file);
  // --text: hand the loader a string, as callers that decoded the file themselves do.
  const input = asText ? bytes.toString("utf8") : bytes;
  collectGarbage();
  const before = process.memoryUsage();
  const result = loadManifests(input, file);
  const peakRss = process.resourceUsage().maxRSS * 1024; // KiB to bytes; the process's peak so far
  collectGarbage();
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({
      inputMB: bytes.length / MB,
      objects: result.objects.length,
      errors: result.errors.length,
      peakRssMB: peakRss / MB,
      baseRssMB: before.rss / MB,
      retainedHeapMB: (after.heapUsed - before.heapUsed) / MB,
    }),
  );
}

export default function main(args: string[]): void {
  const childFile = args[args.indexOf("--measure") + 1];
  if (args.includes("--measure") && childFile !== undefined) return measure(childFile, args.includes("--text"));

  const dir = mkdtempSync(join(tmpdir(), "weft-bench-load-"));
  const rows: (string | number)[][] = [];
  try {
    for (const which of CASES) {
      const file = join(dir, `${which}.yaml`);
      writeFileSync(file, input(which, args));
      const child = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", process.argv[1]!, "--measure", file, ...(args.includes("--text") ? ["--text"] : [])], { encoding: "utf8" });
      rmSync(file);
      const line = child.stdout.trim().split("\n").pop() ?? "";
      if (child.status !== 0 || !line.startsWith("{")) {
        rows.push([which, "failed", child.stderr.trim().split("\n").pop() ?? `exit ${child.status}`, "", "", "", ""]);
        continue;
      }
      const f = JSON.parse(line) as { inputMB: number; objects: number; errors: number; peakRssMB: number; baseRssMB: number; retainedHeapMB: number };
      rows.push([which, fmt(f.inputMB, 1), f.objects, f.errors, fmt(f.peakRssMB, 0), fmt((f.peakRssMB - f.baseRssMB) / f.inputMB, 2), fmt(f.retainedHeapMB / f.inputMB, 2)]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  table(["case", "input MB", "objects", "errors", "peak RSS MB", "peak RSS growth / input MB", "retained heap / input MB"], rows);
}
