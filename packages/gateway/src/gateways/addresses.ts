/**
 * Which Service backs a Gateway, the addresses reported in its status, and its
 * Programmed condition: every listener port must exist on the backing service.
 */
import type { Condition } from "../status/conditions.js";
import type { MeshService } from "../options.js";
import type { Gateway } from "../model/resources.js";
import { compareStrings, serviceHostname } from "../names.js";
import { humanReadableJoin } from "../status/messages.js";

/** The hostnames of the services a Gateway is deployed behind. */
export function gatewayServiceHosts(gateway: Gateway, domainSuffix: string): string[] {
  const namespace = gateway.metadata.namespace ?? "default";
  const hostnames = (gateway.spec?.addresses ?? []).filter((a) => a.type === "Hostname").map((a) => a.value);
  if (hostnames.length > 0) return hostnames.map((h) => (h.includes(".") ? h : serviceHostname(h, namespace, domainSuffix)));
  // Without addresses Istio deploys the gateway itself, as <name>-<class>.
  return [serviceHostname(`${gateway.metadata.name}-${gateway.spec?.gatewayClassName}`, namespace, domainSuffix)];
}

/** Status addresses: the external addresses of the backing services. */
export function statusAddresses(services: readonly (MeshService | undefined)[]): { type: string; value: string }[] {
  const out: { type: string; value: string }[] = [];
  for (const svc of services) for (const a of svc?.externalAddresses ?? []) out.push({ type: /^[\d.]+$|:/.test(a) ? "IPAddress" : "Hostname", value: a });
  return out;
}

/** The Programmed condition: each distinct listener port checked on each service. */
export function programmedCondition(hosts: readonly string[], services: ReadonlyMap<string, MeshService>, ports: readonly number[]): Condition {
  const assigned: string[] = [];
  const problems: string[] = [];
  const distinct = [...new Set(ports)];
  for (const host of hosts) {
    const svc = services.get(host);
    if (svc === undefined) {
      problems.push(`hostname ${JSON.stringify(host)} not found`);
      continue;
    }
    for (const port of distinct) {
      if (svc.ports.some((p) => p.port === port)) assigned.push(`${host}:${port}`);
      else problems.push(`port ${port} not found for hostname ${JSON.stringify(host)}`);
    }
  }
  const assignedText = humanReadableJoin(assigned.sort(compareStrings));
  const problemText = humanReadableJoin(problems);
  if (problems.length === 0) {
    return { type: "Programmed", status: "True", reason: "Programmed", message: `Resource programmed, assigned to service(s) ${assignedText}` };
  }
  if (assigned.length === 0) {
    return { type: "Programmed", status: "False", reason: "AddressNotUsable", message: `Failed to assign to any requested addresses: ${problemText}` };
  }
  return {
    type: "Programmed",
    status: "False",
    reason: "AddressNotUsable",
    message: `Assigned to service(s) ${assignedText}, but failed to assign to all requested addresses: ${problemText}`,
  };
}
