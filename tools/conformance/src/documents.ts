/**
 * Reading golden files and putting translator output in golden order. The ordering
 * rules are those of the harness that wrote the goldens: config sorted by kind
 * group (Gateways, VirtualServices, DestinationRules), then creationTimestamp,
 * namespace and name; statuses by kind rank (kinds outside the harness's list rank
 * before it), then namespace and name (the harness dumps statuses without
 * timestamps, so creationTimestamp never decides).
 */
import { parseAllDocuments } from "yaml";

/** A parsed YAML document: any JSON-like value. */
export type Doc = unknown;

/** The documents of a golden file; an empty file has none. */
export function parseDocuments(text: string, source: string): Doc[] {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  const out: Doc[] = [];
  for (const [i, doc] of docs.entries()) {
    if (doc.errors.length > 0) throw new Error(`${source}: document ${i}: ${doc.errors[0]!.message}`);
    const value = doc.toJS({ maxAliasCount: 100 }) as Doc;
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

interface Meta {
  kind?: string;
  metadata?: { name?: string; namespace?: string; creationTimestamp?: string };
}

const CONFIG_KINDS = ["Gateway", "VirtualService", "DestinationRule"];
const STATUS_KINDS = ["GatewayClass", "Gateway", "HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute"];

function compareStrings(a: string | undefined, b: string | undefined): number {
  const x = a ?? "";
  const y = b ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

function timestampOf(doc: Meta): number {
  const raw = doc.metadata?.creationTimestamp;
  if (raw === undefined) return 0;
  const t = Date.parse(String(raw));
  return Number.isNaN(t) ? 0 : t;
}

/** Istio config in golden order. */
export function orderConfig(docs: readonly Doc[]): Doc[] {
  return [...(docs as Meta[])].sort(
    (a, b) =>
      CONFIG_KINDS.indexOf(a.kind ?? "") - CONFIG_KINDS.indexOf(b.kind ?? "") ||
      timestampOf(a) - timestampOf(b) ||
      compareStrings(a.metadata?.namespace, b.metadata?.namespace) ||
      compareStrings(a.metadata?.name, b.metadata?.name),
  );
}

/** Status documents in golden order. */
export function orderStatuses(docs: readonly Doc[]): Doc[] {
  return [...(docs as Meta[])].sort(
    (a, b) =>
      STATUS_KINDS.indexOf(a.kind ?? "") - STATUS_KINDS.indexOf(b.kind ?? "") ||
      compareStrings(a.metadata?.namespace, b.metadata?.namespace) ||
      compareStrings(a.metadata?.name, b.metadata?.name) ||
      compareStrings(a.kind, b.kind),
  );
}

/** A copy with every `lastTransitionTime` replaced by "fake", as the goldens have it. */
export function fakeTransitionTimes(doc: Doc): Doc {
  if (Array.isArray(doc)) return doc.map(fakeTransitionTimes);
  if (typeof doc !== "object" || doc === null) return doc;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) out[k] = k === "lastTransitionTime" ? "fake" : fakeTransitionTimes(v);
  return out;
}
