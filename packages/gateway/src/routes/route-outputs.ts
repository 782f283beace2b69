/**
 * What the route collections add up to: the VirtualServices (layer-4 routes' own, and
 * HTTP routes' merged from their fragments), the attachments the Gateway and
 * ListenerSet statuses count, and the routes' status documents.
 */
import { namespacedKey } from "@weft/api";
import { collection, filter, index, join, manyCollection, type Collection, type Index, type StatusItem } from "@weft/krt";
import type { VirtualService } from "../model/istio.js";
import { statusKey, type StatusDocument } from "../status/documents.js";
import type { Attachment, RouteResult } from "./route-results.js";
import { mergeFragments } from "./virtual-services.js";

export interface RouteOutputs {
  virtualServices: Collection<VirtualService>;
  attachments: Collection<Attachment>;
  /** Attachments by the key of the Gateway or ListenerSet they are on. */
  attachmentsByGateway: Index<string, Attachment>;
}

/** The VirtualServices shared by HTTP routes, each merged from its fragments. */
function httpVirtualServices(routeResults: Collection<RouteResult>): Collection<VirtualService> {
  const fragments = manyCollection(routeResults, (_ctx, r) => r.fragments, { name: "Fragments", key: (f) => f.key });
  const byVirtualService = index(fragments, (f) => [f.vsKey]);
  const vsKeys = manyCollection(fragments, (_ctx, f) => [{ key: f.vsKey }], { name: "VirtualServiceKeys", key: (k) => k.key });
  return collection(vsKeys, (ctx, k) => mergeFragments(ctx.fetch(fragments, filter.index(byVirtualService, k.key))), { name: "HTTPVirtualServices", key: namespacedKey });
}

/** The VirtualServices and attachments of every route, from the route collections' outputs (in the order given). */
export function routeOutputs(results: readonly Collection<RouteResult>[]): RouteOutputs {
  const routeResults = join([...results], { name: "RouteResults" });
  const l4VirtualServices = manyCollection(routeResults, (_ctx, r) => r.virtualServices, { name: "L4VirtualServices", key: namespacedKey });
  const virtualServices = join([l4VirtualServices, httpVirtualServices(routeResults)], { name: "VirtualServices", key: namespacedKey });
  const attachments = manyCollection(routeResults, (_ctx, r) => r.attachments, { name: "Attachments", key: (a) => a.key });
  const attachmentsByGateway = index(attachments, (a) => [a.gatewayKey]);
  return { virtualServices, attachments, attachmentsByGateway };
}

/**
 * The status documents of every route, from each kind's status items (in the order
 * given). Status items are keyed by their route's namespace/name, which routes of
 * different kinds may share: each is re-keyed by its document before they are joined.
 */
export function routeStatuses(byKind: readonly (readonly [kind: string, statuses: Collection<StatusItem<StatusDocument>>])[]): Collection<StatusDocument> {
  const byDocument = (kind: string, c: Collection<StatusItem<StatusDocument>>) => collection(c, (_ctx, s) => s.status, { name: `${kind}Statuses`, key: statusKey });
  return join(
    byKind.map(([kind, c]) => byDocument(kind, c)),
    { name: "RouteStatuses", key: statusKey },
  );
}
