/**
 * Whether the class of a ListenerSet's parent Gateway takes ListenerSets. Only Istio's
 * default gateway class merges them. Istio's other classes (waypoints, east-west,
 * remote) are still Istio's, so a set attached to one of their Gateways is told it is
 * not supported; a class of another controller is not ours to answer for at all.
 */
import { classInfo } from "../gateways/classes.js";
import type { GatewayClass } from "../model/resources.js";
import type { ResolvedOptions } from "../options.js";

export type ListenerSetSupport = "supported" | "unsupported" | "not-ours";

export function listenerSetSupport(className: string, classObject: GatewayClass | undefined, opts: ResolvedOptions): ListenerSetSupport {
  const info = classInfo(className, classObject, opts);
  if (info === undefined) return "not-ours";
  return info.supportsListenerSets ? "supported" : "unsupported";
}
