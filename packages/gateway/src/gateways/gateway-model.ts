/**
 * A Gateway as the translator understands it: its listeners, the services behind
 * it, and its own conditions. Routes attach to it; its status and Istio Gateways
 * are derived from it.
 */
import type { Condition } from "../status/conditions.js";
import type { MeshService, ResolvedOptions } from "../options.js";
import type { Gateway, Namespace } from "../model/resources.js";
import { gatewayServiceHosts, programmedCondition, statusAddresses } from "./addresses.js";
import { listenerModel, type ListenerModel } from "./listeners.js";

export interface GatewayModel {
  /** namespace/name of the Kubernetes Gateway. */
  key: string;
  name: string;
  namespace: string;
  creationTimestamp?: string;
  listeners: ListenerModel[];
  serviceHosts: string[];
  /** The service account of the gateway's pods: Istio's own when it deploys them, else unknown (""). */
  serviceAccount: string;
  addresses: { type: string; value: string }[];
  conditions: Condition[];
}

export function gatewayModel(gateway: Gateway, namespaces: readonly Namespace[], registry: ReadonlyMap<string, MeshService>, opts: ResolvedOptions): GatewayModel {
  const namespace = gateway.metadata.namespace ?? "default";
  const frontend = gateway.spec?.tls?.frontend?.default?.validation?.caCertificateRefs ?? [];
  const listeners = (gateway.spec?.listeners ?? []).map((l) => listenerModel(l, namespace, namespaces, frontend));
  const serviceHosts = gatewayServiceHosts(gateway, opts.domainSuffix);
  return {
    key: `${namespace}/${gateway.metadata.name}`,
    name: gateway.metadata.name,
    namespace,
    ...(gateway.metadata.creationTimestamp === undefined ? {} : { creationTimestamp: gateway.metadata.creationTimestamp }),
    listeners,
    serviceHosts,
    serviceAccount: (gateway.spec?.addresses ?? []).length > 0 ? "" : `${gateway.metadata.name}-${gateway.spec?.gatewayClassName}`,
    addresses: statusAddresses(serviceHosts.map((h) => registry.get(h))),
    conditions: [
      { type: "Accepted", status: "True", reason: "Accepted", message: "Resource accepted" },
      programmedCondition(serviceHosts, registry, listeners.map((l) => l.port)),
      { type: "ResolvedRefs", status: "True", reason: "ResolvedRefs", message: "All references resolved" },
    ],
  };
}
