/**
 * xDS output: the Envoy resources of @weft/xds's pipeline (`controlPlaneCollections`) over
 * the command's objects, with the options the printed Istio config was translated with
 * (so the xDS shown is built from exactly that config), the mesh's services among the
 * inputs and their EndpointSlices. @weft/xds is loaded only when xDS is asked for: its
 * message types are generated at build time, and the other outputs must not depend on them.
 */
import { compareStrings, type EndpointSlice, type KubeObject } from "@weft/api";
import { staticInputs, type InputObject, type TranslateError, type TranslateOptions } from "@weft/gateway";
import { dispose, setErrorSink, staticCollection } from "@weft/krt";

/** One resource as printed: what it is, for whom, and its protobuf JSON. */
export interface PrintedXdsResource {
  typeUrl: string;
  scope: string;
  name: string;
  resource: unknown;
}

export interface XdsSection {
  resources: PrintedXdsResource[];
  problems: { source: string; message: string }[];
  endpointSlices: number;
}

const TYPE_ORDER = ["Listener", "RouteConfiguration", "Cluster", "ClusterLoadAssignment"];
const shortType = (typeUrl: string) => typeUrl.slice(typeUrl.lastIndexOf(".") + 1);

/**
 * Builds the xDS resources; rejects with a message naming the fix when @weft/xds cannot
 * load. The pipeline translates the objects again (the same code path as the printed
 * config): a failure `translate()` already reported (`reported`) is not told twice, any
 * other becomes an xDS problem.
 */
export async function buildXds(objects: readonly KubeObject[], options: TranslateOptions, reported: readonly TranslateError[] = []): Promise<XdsSection> {
  let xds: typeof import("@weft/xds");
  try {
    xds = await import("@weft/xds");
  } catch (error) {
    throw new Error(`cannot load @weft/xds (its Envoy types are generated at build time: run pnpm generate): ${error instanceof Error ? error.message : String(error)}`);
  }
  const told = new Set(reported.map((e) => `${e.step}|${e.key ?? ""}|${e.message}`));
  const failures: { source: string; message: string }[] = [];
  // Built and read synchronously, so no other graph runs while this sink is in place.
  const previousSink = setErrorSink((error, context) => {
    const message = error instanceof Error ? error.message : String(error);
    if (told.has(`${context.source}|${context.key ?? ""}|${message}`)) return;
    failures.push({ source: context.key === undefined ? context.source : `${context.source} ${context.key}`, message: `could not build: ${message}` });
  });
  const inputs = staticInputs(objects as InputObject[]);
  const sliceObjects = objects.filter((o): o is EndpointSlice => o.kind === "EndpointSlice");
  const slices = staticCollection(sliceObjects, { name: "EndpointSlices" });
  try {
    const { domainSuffix, ...translate } = options;
    const pipeline = xds.controlPlaneCollections({ gateway: inputs, endpointSlices: slices }, { ...(domainSuffix === undefined ? {} : { domainSuffix }), translate });
    try {
      const resources = pipeline.xds.resources
        .list()
        .map((r) => ({ typeUrl: r.typeUrl, scope: r.scope, name: r.name, resource: xds.resourceToJson(r) }))
        .sort((a, b) => TYPE_ORDER.indexOf(shortType(a.typeUrl)) - TYPE_ORDER.indexOf(shortType(b.typeUrl)) || compareStrings(a.scope, b.scope) || compareStrings(a.name, b.name));
      return {
        resources,
        problems: [...pipeline.xds.problems.list().map((p) => ({ source: p.source, message: p.message })), ...failures],
        endpointSlices: sliceObjects.length,
      };
    } finally {
      pipeline.dispose();
    }
  } finally {
    for (const c of [...Object.values(inputs), slices]) dispose(c);
    setErrorSink(previousSink);
  }
}

/** One line counting the resources by type. */
export function describeXds(section: XdsSection): string {
  const counts = TYPE_ORDER.map((t) => {
    const n = section.resources.filter((r) => shortType(r.typeUrl) === t).length;
    return `${n} ${t}${n === 1 ? "" : "s"}`;
  });
  return counts.join(", ");
}
