/**
 * Which GatewayClasses this translator handles, and how. Istio runs several
 * controllers behind one translator, each a flavour of Gateway:
 *  - our own controllerName: ordinary ingress/egress gateways;
 *  - `istio.io/unmanaged-gateway` (class `istio-remote`): a gateway of another
 *    cluster, known only so that multi-network discovery can use its address;
 *    it gets a status and never any config;
 *  - `istio.io/mesh-controller` (class `istio-waypoint`): ambient waypoints, which
 *    read policy from elsewhere, so no route config is generated for them;
 *  - `istio.io/eastwest-controller` (class `istio-east-west`): ambient east-west
 *    gateways, waypoints whose extra TLS passthrough listeners act as ordinary ones.
 * A GatewayClass object counts only when its controller is one of these: objects
 * naming other controllers are invisible, so a built-in class name still applies.
 */
import type { ResolvedOptions } from "../options.js";
import type { ReportedAddressType } from "./addresses.js";
import type { GatewayClass } from "../model/resources.js";

export const UNMANAGED_CONTROLLER = "istio.io/unmanaged-gateway";
export const MESH_CONTROLLER = "istio.io/mesh-controller";
export const EAST_WEST_CONTROLLER = "istio.io/eastwest-controller";

/** What kind of Gateway a class makes. */
export type GatewayFlavour = "gateway" | "remote" | "waypoint" | "east-west";

export interface ClassInfo {
  flavour: GatewayFlavour;
  controller: string;
  /**
   * Whether deployed names (Service, service account) are `<gateway>-<class>`.
   * Waypoint-style classes use the Gateway's name alone, since workloads address
   * their waypoint by it.
   */
  nameSuffix: boolean;
  /** Whether ListenerSets may attach to its Gateways (only ordinary gateways merge listeners). */
  supportsListenerSets: boolean;
  /** What a Gateway's status reports when its services have no external address: service hostnames, or cluster IPs for waypoint-style classes. */
  addressType: ReportedAddressType;
}

/** The controllers this translator answers for, given the enabled features. */
function knownControllers(opts: ResolvedOptions): Map<string, ClassInfo> {
  const known = new Map<string, ClassInfo>([
    [opts.controllerName, { flavour: "gateway", controller: opts.controllerName, nameSuffix: true, supportsListenerSets: true, addressType: "Hostname" }],
    // Multi-network discovery of remote gateways is always on.
    [UNMANAGED_CONTROLLER, { flavour: "remote", controller: UNMANAGED_CONTROLLER, nameSuffix: true, supportsListenerSets: false, addressType: "Hostname" }],
  ]);
  if (opts.features.ambientWaypoints) known.set(MESH_CONTROLLER, { flavour: "waypoint", controller: MESH_CONTROLLER, nameSuffix: false, supportsListenerSets: false, addressType: "IPAddress" });
  if (opts.features.ambientMultiNetwork) known.set(EAST_WEST_CONTROLLER, { flavour: "east-west", controller: EAST_WEST_CONTROLLER, nameSuffix: false, supportsListenerSets: false, addressType: "IPAddress" });
  return known;
}

/** Class names that work without a GatewayClass object, and their controllers. */
export function builtinClasses(opts: ResolvedOptions): Record<string, string> {
  return {
    istio: opts.controllerName,
    "istio-remote": UNMANAGED_CONTROLLER,
    ...(opts.features.ambientWaypoints ? { "istio-waypoint": MESH_CONTROLLER } : {}),
    ...(opts.features.ambientMultiNetwork ? { "istio-east-west": EAST_WEST_CONTROLLER } : {}),
  };
}

/** How Gateways of a class are handled, or undefined when the class is not ours at all. */
export function classInfo(className: string, classObject: GatewayClass | undefined, opts: ResolvedOptions): ClassInfo | undefined {
  const known = knownControllers(opts);
  const fromObject = classObject?.spec?.controllerName;
  if (fromObject !== undefined && known.has(fromObject)) return known.get(fromObject);
  const builtins = builtinClasses(opts);
  const builtin = Object.hasOwn(builtins, className) ? builtins[className] : undefined;
  return builtin === undefined ? undefined : known.get(builtin);
}

/** Whether a GatewayClass object names one of our controllers (and so gets a status). */
export function isKnownController(controllerName: string | undefined, opts: ResolvedOptions): boolean {
  return controllerName !== undefined && knownControllers(opts).has(controllerName);
}

/** Whether Gateways of this class are ordinary gateways translated by us. */
export function isOurClass(className: string, classObject: GatewayClass | undefined, opts: ResolvedOptions): boolean {
  return classInfo(className, classObject, opts)?.flavour === "gateway";
}

/**
 * Whether a waypoint Gateway of this class belongs to another implementation, so
 * that routes on the services using it are left to that implementation. Only a
 * GatewayClass object can say so: a class name without an object is presumed ours.
 */
export function isForeignWaypointClass(classObject: GatewayClass | undefined, opts: ResolvedOptions): boolean {
  const controller = classObject?.spec?.controllerName;
  return controller !== undefined && controller !== MESH_CONTROLLER && controller !== opts.controllerName;
}

