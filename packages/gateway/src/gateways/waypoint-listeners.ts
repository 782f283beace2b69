/**
 * The listener shapes waypoint-style Gateways expect. A waypoint takes mesh traffic
 * on one HBONE listener (port 15008); an east-west gateway has that HBONE listener,
 * terminating the outer tunnel, plus any TLS passthrough listeners. Other shapes are
 * reported on the listener's Accepted condition but not rejected: Istio deploys the
 * proxy regardless, so the warning exists to keep future changes possible.
 */
import type { Listener } from "../model/resources.js";
import type { GatewayFlavour } from "./classes.js";

export const HBONE = "HBONE";
export const HBONE_PORT = 15008;

/** Whether the class may use Istio's HBONE listener protocol. */
export function allowsHBONE(flavour: GatewayFlavour): boolean {
  return flavour === "waypoint" || flavour === "east-west";
}

/** Why a listener does not have the shape its waypoint-style class expects, or undefined. */
export function waypointShapeProblem(flavour: GatewayFlavour, listener: Pick<Listener, "port" | "protocol" | "tls">): string | undefined {
  if (flavour === "waypoint") {
    return listener.port === HBONE_PORT && listener.protocol === HBONE ? undefined : `Expected a single listener on port ${HBONE_PORT} with protocol "${HBONE}"`;
  }
  if (flavour === "east-west") {
    const ok =
      listener.port === HBONE_PORT
        ? // The API's default TLS mode is Terminate.
          listener.protocol === HBONE && listener.tls !== undefined && (listener.tls.mode ?? "Terminate") === "Terminate"
        : listener.protocol === "TLS" && listener.tls !== undefined && listener.tls.mode === "Passthrough";
    return ok ? undefined : `East-west gateway listeners must be either port ${HBONE_PORT} with protocol "${HBONE}" and TLS.Mode == Terminate, or TLS with TLS.Mode == Passthrough`;
  }
  return undefined;
}

/**
 * Whether Istio generates route config (an Istio Gateway, route attachment) for a
 * listener. Waypoints take their configuration from policies attached to services,
 * and the east-west HBONE listener only tunnels; neither is a route parent.
 */
export function carriesRoutes(flavour: GatewayFlavour, listener: Pick<Listener, "port">): boolean {
  if (flavour === "waypoint") return false;
  if (flavour === "east-west") return listener.port !== HBONE_PORT;
  return true;
}
