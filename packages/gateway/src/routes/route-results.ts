/**
 * What translating one route gives, whatever its kind: its own VirtualServices (layer
 * 4), its fragments of shared ones (HTTP), and the listeners it is attached to, which
 * the Gateway and ListenerSet statuses count.
 */
import type { VirtualService } from "../model/istio.js";
import type { ParentResolution } from "./parents.js";
import type { Fragment } from "./virtual-services.js";

/** Which listener of which Gateway (or ListenerSet) a route is attached to. */
export interface Attachment {
  key: string;
  gatewayKey: string;
  listener: string;
}

/** One route's contribution to the outputs. */
export interface RouteResult {
  /** `kind/namespace/name`: routes of different kinds may share a namespace/name. */
  key: string;
  virtualServices: VirtualService[];
  attachments: Attachment[];
  fragments: Fragment[];
}

/** One attachment per listener the route bound to, on every parent. */
export function attachmentsOf(key: string, parents: readonly ParentResolution[]): Attachment[] {
  return parents.flatMap((p) => (p.gateway === undefined ? [] : p.bound.map((b) => ({ key: `${key}/${p.gateway!.key}/${b.listener.name}`, gatewayKey: p.gateway!.key, listener: b.listener.name }))));
}

/** The key every route result and status is filed under. */
export function routeKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}
