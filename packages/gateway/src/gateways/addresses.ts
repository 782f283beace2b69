/**
 * Which Service backs a Gateway, the addresses reported in its status, and its
 * Programmed condition: every listener port must exist on the backing service.
 */
import { compareStrings, namespaceOf, type GatewayProgrammedReason, type ListenerSetProgrammedReason, type TypedCondition } from "@weft/api";
import { isIP } from "node:net";
import { items, records } from "../model/lists.js";
import type { MeshService } from "../options.js";
import type { Gateway } from "../model/resources.js";
import { serviceHostname } from "../names.js";
import { humanReadableJoin } from "../status/messages.js";

/**
 * Whether Istio deploys the Gateway itself (its Deployment and Service): when it names
 * no address, or exactly one IP address, with or without a value (an IPAddress entry
 * without one asks for an address to be assigned; one with a value asks for that IP).
 * Any other set of addresses names the Services the Gateway runs behind.
 */
export function isDeployedByIstio(gateway: Gateway): boolean {
  const addresses = records(gateway.spec?.addresses);
  if (addresses.length === 0) return true;
  return addresses.length === 1 && (addresses[0]!.type ?? "IPAddress") === "IPAddress";
}

/**
 * The hostnames of the services a Gateway is deployed behind. `nameSuffix` is the
 * class's naming: `<name>-<class>`, or the bare name for waypoint-style classes.
 */
export function gatewayServiceHosts(gateway: Gateway, domainSuffix: string, nameSuffix = true): string[] {
  const namespace = namespaceOf(gateway);
  if (isDeployedByIstio(gateway)) return [serviceHostname(deployedName(gateway, nameSuffix), namespace, domainSuffix)];
  // A short name is a Service in the Gateway's namespace.
  return records(gateway.spec?.addresses)
    .filter((a) => (a.type === undefined || a.type === "Hostname") && typeof a.value === "string")
    .map((a) => (a.value!.includes(".") ? a.value! : serviceHostname(a.value!, namespace, domainSuffix)));
}

/** The name of what Istio deploys for a Gateway (its Service and service account). */
export function deployedName(gateway: Gateway, nameSuffix = true): string {
  return nameSuffix ? `${gateway.metadata.name}-${gateway.spec?.gatewayClassName}` : gateway.metadata.name;
}

/**
 * The addresses a Gateway asks for that cannot be honoured: a Gateway Istio does not
 * deploy runs behind Service hostnames, so any address of another type rejects it
 * (and the ListenerSets attached to it).
 */
export function unsupportedAddresses(gateway: Gateway): string[] {
  if (isDeployedByIstio(gateway)) return [];
  return records(gateway.spec?.addresses)
    .filter((a) => a.type !== undefined && a.type !== "Hostname")
    .map((a) => a.value ?? "");
}

/** Which listener ports each backing service has, and what could not be assigned. */
export interface Assignment {
  assigned: string[];
  /** Addresses that cannot be used (no such Service, no such port). */
  problems: string[];
  /** Addresses that can be used but are not assigned yet (a LoadBalancer's, pending). */
  pending: string[];
  /** Services that got at least one port: their addresses are the Gateway's. */
  used: MeshService[];
}

export function assignPorts(hosts: readonly string[], services: ReadonlyMap<string, MeshService>, ports: readonly number[]): Assignment {
  const out: Assignment = { assigned: [], problems: [], pending: [], used: [] };
  const distinct = [...new Set(ports)];
  for (const host of hosts) {
    const svc = services.get(host);
    if (svc === undefined) {
      out.problems.push(`hostname ${JSON.stringify(host)} not found`);
      continue;
    }
    let any = false;
    for (const port of distinct) {
      if (svc.ports.some((p) => p.port === port)) {
        out.assigned.push(`${host}:${port}`);
        any = true;
      } else {
        // A common mistake: naming the workload's port instead of the Service's.
        const meant = svc.ports.filter((p) => p.targetPort === port).map((p) => p.port);
        const hint = meant.length > 0 ? ` (hint: the service port should be specified, not the workload port. Did you mean one of these ports: [${meant.join(" ")}]?)` : "";
        out.problems.push(`port ${port} not found for hostname ${JSON.stringify(host)}${hint}`);
      }
    }
    if (any) out.used.push(svc);
    // Usable, but not reachable from outside yet: the load balancer has given no address.
    if (any && isPending(svc)) out.pending.push(`address pending for hostname ${JSON.stringify(host)}`);
  }
  return out;
}

/** The address types a class reports when its services have no external address ("" for both). */
export type ReportedAddressType = "IPAddress" | "Hostname" | "";

/** The annotation that overrides the class's reported address type on one Gateway. */
export const ADDRESS_TYPE_ANNOTATION = "networking.istio.io/address-type";

/** A LoadBalancer Service in use that has no external address yet. */
export function isPending(svc: MeshService): boolean {
  return svc.type === "LoadBalancer" && items(svc.externalAddresses).length === 0;
}

/**
 * Status addresses, as Istio reports them: the external addresses of the services in
 * use when there are any; else the internal ones the address type asks for, cluster
 * IPs (for IPAddress) and service hostnames (for Hostname; not those of a pending
 * LoadBalancer, whose address is still to come), both when the type is "".
 */
export function statusAddresses(services: readonly MeshService[], addressType: ReportedAddressType = "IPAddress"): { type: string; value: string }[] {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort(compareStrings);
  let report = sorted(services.flatMap((svc) => items(svc.externalAddresses)));
  if (report.length === 0) {
    if (addressType !== "Hostname") report = sorted(services.flatMap((svc) => items(svc.clusterIPs)));
    if (addressType !== "IPAddress") {
      for (const host of sorted(services.filter((svc) => !isPending(svc)).map((svc) => svc.hostname))) if (!report.includes(host)) report.push(host);
    }
  }
  return report.map((value) => ({ type: isIP(value) === 0 ? "Hostname" : "IPAddress", value }));
}

/** A Programmed condition from an address assignment: one a Gateway and a ListenerSet may both give. */
export type AssignmentProgrammedCondition = TypedCondition<"Programmed", GatewayProgrammedReason & ListenerSetProgrammedReason>;

/** The Programmed condition of an assignment. */
export function programmedCondition(a: Assignment): AssignmentProgrammedCondition {
  const assignedText = humanReadableJoin([...a.assigned].sort(compareStrings));
  const problemText = humanReadableJoin([...a.problems, ...a.pending]);
  // Only pending addresses: nothing is wrong, the address is still to come.
  const reason: AssignmentProgrammedCondition["reason"] = a.problems.length === 0 ? "AddressNotAssigned" : "AddressNotUsable";
  if (a.problems.length === 0 && a.pending.length === 0) {
    // Nothing to assign (no listener binds a port) is not a problem, just nothing to list.
    const message = a.assigned.length === 0 ? "Resource programmed" : `Resource programmed, assigned to service(s) ${assignedText}`;
    return { type: "Programmed", status: "True", reason: "Programmed", message };
  }
  if (a.assigned.length === 0) {
    return { type: "Programmed", status: "False", reason, message: `Failed to assign to any requested addresses: ${problemText}` };
  }
  return {
    type: "Programmed",
    status: "False",
    reason,
    message: `Assigned to service(s) ${assignedText}, but failed to assign to all requested addresses: ${problemText}`,
  };
}
