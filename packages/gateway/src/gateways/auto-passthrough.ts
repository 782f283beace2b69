/**
 * Multi-network gateways: a TLS passthrough listener that forwards mTLS traffic
 * between networks by SNI alone (Istio's AUTO_PASSTHROUGH server mode), with no
 * route of its own. The Gateway API has no such mode, so Istio infers it: either
 * the listener asks for it explicitly through a TLS option, or the Gateway is
 * labelled with the network it serves and the listener is on the network gateway
 * port (15443, or the port the Gateway's label names).
 */
import type { Listener } from "../model/resources.js";

/** The TLS option that selects a listener mode beyond the Gateway API's. */
export const LISTENER_PROTOCOL_OPTION = "gateway.istio.io/listener-protocol";
export const AUTO_PASSTHROUGH_MODE = "auto-passthrough";
/** Marks a Gateway as the entry point of a network. */
export const NETWORK_LABEL = "topology.istio.io/network";
/** Overrides the port cross-network traffic arrives on. */
export const GATEWAY_PORT_LABEL = "networking.istio.io/gatewayPort";
const DEFAULT_NETWORK_PORT = "15443";

/** Whether a listener of a Gateway (or ListenerSet) with these labels is auto-passthrough. */
export function isAutoPassthrough(labels: Readonly<Record<string, string>> | undefined, listener: Pick<Listener, "port" | "tls">): boolean {
  if (listener.tls === undefined) return false;
  if (listener.tls.options?.[LISTENER_PROTOCOL_OPTION] === AUTO_PASSTHROUGH_MODE) return true;
  if (labels === undefined || !Object.hasOwn(labels, NETWORK_LABEL)) return false;
  // Compared as text, as the label is: a label that is not a port number matches nothing.
  const expected = Object.hasOwn(labels, GATEWAY_PORT_LABEL) ? labels[GATEWAY_PORT_LABEL] : DEFAULT_NETWORK_PORT;
  return String(listener.port) === expected;
}
