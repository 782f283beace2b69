/**
 * Attaching a route to its parents. A parentRef names a Gateway, and maybe one of
 * its listeners by sectionName or port. Those listeners are the candidates; the
 * route binds to each candidate that accepts its kind from its namespace and
 * shares a hostname with it. When nothing binds, the reason says why: no candidate
 * at all (NoMatchingParent, one message per listener), or the candidates' own
 * objections (kind or namespace not allowed, no hostname in common).
 */
import type { GatewayModel } from "../gateways/gateway-model.js";
import type { ListenerModel } from "../gateways/listeners.js";
import type { ParentReference } from "../status/route-parents.js";
import { routeHostsOnListener } from "./hostnames.js";

/** One listener a route binds to, with the hostnames it serves there. */
export interface ListenerBinding {
  listener: ListenerModel;
  hosts: string[];
}

/** What one parentRef came to. */
export interface ParentResolution {
  ref: ParentReference;
  gateway: GatewayModel;
  bound: ListenerBinding[];
  /** Why nothing bound, when nothing did. */
  failure?: { reason: string; message: string };
}

/** The key (namespace/name) of the Gateway a parentRef names, if it names a Gateway. */
export function parentGatewayKey(ref: ParentReference, routeNamespace: string): string | undefined {
  if ((ref.group ?? "gateway.networking.k8s.io") !== "gateway.networking.k8s.io" || (ref.kind ?? "Gateway") !== "Gateway") return undefined;
  return `${ref.namespace ?? routeNamespace}/${ref.name}`;
}

function candidateProblem(ref: ParentReference, l: ListenerModel): string | undefined {
  if (ref.sectionName !== undefined && ref.sectionName !== l.name) return `sectionName ${JSON.stringify(ref.sectionName)} not found`;
  if (ref.port !== undefined && ref.port !== l.port) return `port ${ref.port} not found`;
  return undefined;
}

/** Resolves one parentRef against the Gateway it names. */
export function resolveParent(ref: ParentReference, gateway: GatewayModel, kind: string, routeNamespace: string, routeHosts: readonly string[]): ParentResolution {
  const notCandidates: string[] = [];
  const objections: { reason: string; message: string }[] = [];
  const bound: ListenerBinding[] = [];
  for (const l of gateway.listeners) {
    const problem = candidateProblem(ref, l);
    if (problem !== undefined) {
      notCandidates.push(problem);
      continue;
    }
    if (!l.supportedKinds.some((k) => k.kind === kind)) {
      objections.push({ reason: "NotAllowedByListeners", message: `kind ${kind} is not allowed` });
      continue;
    }
    if (l.scope.kind !== "all" && !l.scope.namespaces.includes(routeNamespace)) {
      objections.push({ reason: "NotAllowedByListeners", message: `kind ${kind} is not allowed from namespace ${JSON.stringify(routeNamespace)}` });
      continue;
    }
    const hosts = routeHostsOnListener(l.hostname, routeHosts);
    if (hosts.length === 0) {
      objections.push({ reason: "NoMatchingListenerHostname", message: `no hostnames matched parent hostname ${JSON.stringify(l.hostname ?? "*")}` });
      continue;
    }
    bound.push({ listener: l, hosts });
  }
  if (bound.length > 0) return { ref, gateway, bound };
  if (objections.length === 0) return { ref, gateway, bound, failure: { reason: "NoMatchingParent", message: notCandidates.join("; ") } };
  return { ref, gateway, bound, failure: { reason: objections[0]!.reason, message: objections.map((o) => o.message).join("; ") } };
}
