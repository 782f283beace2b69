/**
 * Which GatewayClasses this controller handles: a class object naming our
 * controllerName, or a built-in class name when no object for it exists.
 */
import type { GatewayFeatures, ResolvedOptions } from "../options.js";
import type { GatewayClass } from "../model/resources.js";

/** Classes Istio answers for without a GatewayClass object. */
const BUILTIN_CLASSES: Record<string, string> = {
  istio: "istio.io/gateway-controller",
  "istio-remote": "istio.io/unmanaged-gateway",
};

/** The controller responsible for a class name, given the class object if any. */
export function controllerOfClass(className: string, classObject: GatewayClass | undefined): string | undefined {
  return classObject?.spec?.controllerName ?? BUILTIN_CLASSES[className];
}

/** Whether Gateways of this class are translated by us. */
export function isOurClass(className: string, classObject: GatewayClass | undefined, opts: ResolvedOptions): boolean {
  return controllerOfClass(className, classObject) === opts.controllerName;
}

/**
 * Every class Istio builds in, by name, with its controller: the default class, the
 * remote class, and (when their features are on) waypoints and ambient east-west.
 */
export function builtinClassControllers(features: GatewayFeatures): Record<string, string> {
  return {
    ...BUILTIN_CLASSES,
    ...(features.ambientWaypoints ? { "istio-waypoint": "istio.io/mesh-controller" } : {}),
    ...(features.ambientMultiNetwork ? { "istio-east-west": "istio.io/eastwest-controller" } : {}),
  };
}
