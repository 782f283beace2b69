/**
 * Which Service backs a Gateway, the addresses reported in its status, and its
 * Programmed condition: every listener port must exist on the backing service.
 */
import { items, records } from "../model/lists.js";
import type { Condition } from "../status/conditions.js";
import type { MeshService } from "../options.js";
import type { Gateway } from "../model/resources.js";
import { compareStrings, serviceHostname } from "../names.js";
import { humanReadableJoin } from "../status/messages.js";

/**
 * The hostnames of the services a Gateway is deployed behind. `nameSuffix` is the
 * class's naming: `<name>-<class>`, or the bare name for waypoint-style classes.
 */
export function gatewayServiceHosts(gateway: Gateway, domainSuffix: string, nameSuffix = true): string[] {
  const namespace = gateway.metadata.namespace ?? "default";
  const hostnames = items(gateway.spec?.addresses)
    .filter((a) => a.type === "Hostname" && typeof a.value === "string")
    .map((a) => a.value as string);
  if (hostnames.length > 0) return hostnames.map((h) => (h.includes(".") ? h : serviceHostname(h, namespace, domainSuffix)));
  // Without addresses Istio deploys the gateway itself.
  return [serviceHostname(deployedName(gateway, nameSuffix), namespace, domainSuffix)];
}

/** The name of what Istio deploys for a Gateway (its Service and service account). */
export function deployedName(gateway: Gateway, nameSuffix = true): string {
  return nameSuffix ? `${gateway.metadata.name}-${gateway.spec?.gatewayClassName}` : gateway.metadata.name;
}

/**
 * The addresses a Gateway asks for that cannot be honoured: Istio deploys behind a
 * Service hostname, so any other address type rejects the Gateway (and the
 * ListenerSets attached to it).
 */
export function unsupportedAddresses(gateway: Gateway): string[] {
  return records(gateway.spec?.addresses)
    .filter((a) => (a.type ?? "IPAddress") !== "Hostname")
    .map((a) => a.value ?? "");
}

/** Which listener ports each backing service has, and what could not be assigned. */
export interface Assignment {
  assigned: string[];
  problems: string[];
  /** Services that got at least one port: their addresses are the Gateway's. */
  used: MeshService[];
}

export function assignPorts(hosts: readonly string[], services: ReadonlyMap<string, MeshService>, ports: readonly number[]): Assignment {
  const out: Assignment = { assigned: [], problems: [], used: [] };
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
  }
  return out;
}

/** Status addresses: the external addresses of the services in use. */
export function statusAddresses(services: readonly MeshService[]): { type: string; value: string }[] {
  const out: { type: string; value: string }[] = [];
  for (const svc of services) for (const a of items(svc.externalAddresses)) out.push({ type: /^[\d.]+$|:/.test(a) ? "IPAddress" : "Hostname", value: a });
  return out;
}

/** The Programmed condition of an assignment. */
export function programmedCondition(a: Assignment): Condition {
  const assignedText = humanReadableJoin([...a.assigned].sort(compareStrings));
  const problemText = humanReadableJoin(a.problems);
  if (a.problems.length === 0) {
    // Nothing to assign (no listener binds a port) is not a problem, just nothing to list.
    const message = a.assigned.length === 0 ? "Resource programmed" : `Resource programmed, assigned to service(s) ${assignedText}`;
    return { type: "Programmed", status: "True", reason: "Programmed", message };
  }
  if (a.assigned.length === 0) {
    return { type: "Programmed", status: "False", reason: "AddressNotUsable", message: `Failed to assign to any requested addresses: ${problemText}` };
  }
  return {
    type: "Programmed",
    status: "False",
    reason: "AddressNotUsable",
    message: `Assigned to service(s) ${assignedText}, but failed to assign to all requested addresses: ${problemText}`,
  };
}
