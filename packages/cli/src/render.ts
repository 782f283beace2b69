/**
 * Printing the results: YAML (documents separated by `---`, each section introduced by
 * a comment) or JSON (one object with a list per section: istio, status, xds). Statuses are ordered as
 * Istio's own tests print them: by kind, then namespace and name.
 */
import { compareStrings } from "@weft/api";
import { stringify } from "yaml";
import type { StatusDocument, TranslateResult } from "@weft/gateway";
import type { Format } from "./args.js";
import { describeXds, type XdsSection } from "./xds.js";

/** What to print: the sections asked for. */
export interface Sections {
  istio?: TranslateResult;
  status?: StatusDocument[];
  xds?: XdsSection;
}

const STATUS_KIND_ORDER = ["GatewayClass", "Gateway", "HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute"];

const rank = (kind: string) => {
  const i = STATUS_KIND_ORDER.indexOf(kind);
  return i < 0 ? STATUS_KIND_ORDER.length : i;
};
const text = (s: string | undefined) => s ?? "";

/** Statuses by kind (in the order above, others after), then namespace and name. */
export function orderStatuses(statuses: readonly StatusDocument[]): StatusDocument[] {
  return [...statuses].sort(
    (a, b) =>
      rank(a.kind) - rank(b.kind) ||
      compareStrings(a.kind, b.kind) ||
      compareStrings(text(a.metadata.namespace), text(b.metadata.namespace)) ||
      compareStrings(a.metadata.name, b.metadata.name),
  );
}

/** The Istio objects in the order kubectl would apply them. */
export function istioObjects(result: TranslateResult): unknown[] {
  return [...result.gateways, ...result.virtualServices, ...result.destinationRules];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** One line counting the Istio objects. */
export function describeIstio(result: TranslateResult): string {
  return `${plural(result.gateways.length, "Gateway")}, ${plural(result.virtualServices.length, "VirtualService")}, ${plural(result.destinationRules.length, "DestinationRule")}`;
}

function yamlDocuments(values: readonly unknown[]): string {
  // No anchors: a reader of Kubernetes YAML expects every document to stand alone.
  return values.map((v) => `---\n${stringify(v, { aliasDuplicateObjects: false, lineWidth: 0 })}`).join("");
}

export function render(sections: Sections, format: Format): string {
  if (format === "json") {
    const out: Record<string, unknown> = {};
    if (sections.istio !== undefined) out.istio = istioObjects(sections.istio);
    if (sections.status !== undefined) out.status = orderStatuses(sections.status);
    if (sections.xds !== undefined) out.xds = sections.xds.resources;
    return `${JSON.stringify(out, null, 2)}\n`;
  }
  let out = "";
  if (sections.istio !== undefined) {
    out += `# Istio config: ${describeIstio(sections.istio)}\n${yamlDocuments(istioObjects(sections.istio))}`;
  }
  if (sections.status !== undefined) {
    out += `${out === "" ? "" : "\n"}# Statuses: what a controller writes to each object's status subresource (${plural(sections.status.length, "object")})\n`;
    out += yamlDocuments(orderStatuses(sections.status));
  }
  if (sections.xds !== undefined) {
    out += `${out === "" ? "" : "\n"}# xDS: ${describeXds(sections.xds)}; listeners and routes per gateway proxy (scope), clusters and endpoints shared\n`;
    out += yamlDocuments(sections.xds.resources);
  }
  return out;
}
