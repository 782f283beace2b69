/**
 * What attached ListenerSets change in their parent Gateway's status. The parent
 * serves the valid listeners of every set it admits, so their ports join its own in
 * the Programmed condition (and in the addresses that follow from it), and
 * `attachedListenerSets` counts the sets with at least one such listener. A Gateway
 * rejected as a whole serves nothing, so its sets change nothing.
 */
import type { GatewayCondition } from "@weft/api";
import { assignPorts, programmedCondition, statusAddresses } from "../gateways/addresses.js";
import type { GatewayModel } from "../gateways/gateway-model.js";
import type { MeshService } from "../options.js";
import { isAttached, servedPorts, type ListenerSetModel } from "./listener-set-model.js";

export interface ParentStatusParts {
  addresses: GatewayModel["addresses"];
  conditions: GatewayCondition[];
  /** Absent when no set is attached (the API omits a zero count). */
  attachedListenerSets?: number;
}

/**
 * The parent's addresses, conditions and set count, given the sets filed under it.
 * `service` is read only when a set is attached, so a Gateway without sets does not
 * depend on the registry twice.
 */
export function parentStatusParts(model: GatewayModel, sets: readonly ListenerSetModel[], service: (hostname: string) => MeshService | undefined): ParentStatusParts {
  const attached = model.reportListeners ? sets.filter(isAttached) : [];
  if (attached.length === 0) return { addresses: model.addresses, conditions: model.conditions };
  const ports = [...model.listeners.filter((l) => l.bindsPort).map((l) => l.port), ...attached.flatMap(servedPorts)];
  const services = new Map<string, MeshService>();
  for (const host of model.serviceHosts) {
    const svc = service(host);
    if (svc !== undefined) services.set(host, svc);
  }
  const assignment = assignPorts(model.serviceHosts, services, ports);
  const programmed = programmedCondition(assignment);
  return {
    addresses: statusAddresses(assignment.used, model.addressType),
    conditions: model.conditions.map((c) => (c.type === "Programmed" ? programmed : c)),
    attachedListenerSets: attached.length,
  };
}
