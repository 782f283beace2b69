/**
 * A Gateway as the translator understands it: its listeners, the services behind
 * it, and its own conditions. Routes attach to it; its status and Istio Gateways
 * are derived from it.
 */
import { records } from "../model/lists.js";
import type { Condition } from "../status/conditions.js";
import type { MeshService, ResolvedOptions } from "../options.js";
import type { Gateway, Namespace } from "../model/resources.js";
import { backendClientCertificateCondition } from "./backend-client-certificate.js";
import { assignPorts, gatewayServiceHosts, programmedCondition, statusAddresses } from "./addresses.js";
import type { ReferenceLookup } from "./listener-tls.js";
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
  /** False when the Gateway was rejected as a whole: its listeners get no status then. */
  reportListeners: boolean;
  addresses: { type: string; value: string }[];
  conditions: Condition[];
}

const ACCEPTED: Condition = { type: "Accepted", status: "True", reason: "Accepted", message: "Resource accepted" };

/** Why `spec.infrastructure.parametersRef` is unusable: only an existing ConfigMap is. */
function parametersProblem(gateway: Gateway, namespace: string, lookup: ReferenceLookup): string | undefined {
  const ref = gateway.spec?.infrastructure?.parametersRef;
  if (ref === undefined) return undefined;
  if ((ref.group ?? "") !== "" || ref.kind !== "ConfigMap") return `Unsupported parametersRef group/kind ${ref.group ?? ""}/${ref.kind}, only ConfigMap is supported`;
  if (lookup.configMap(namespace, ref.name) === undefined) return `parametersRef ConfigMap ${namespace}/${ref.name} does not exist`;
  return undefined;
}

export function gatewayModel(
  gateway: Gateway,
  namespaces: readonly Namespace[],
  registry: ReadonlyMap<string, MeshService>,
  lookup: ReferenceLookup,
  opts: ResolvedOptions,
): GatewayModel {
  const namespace = gateway.metadata.namespace ?? "default";
  const base = {
    key: `${namespace}/${gateway.metadata.name}`,
    name: gateway.metadata.name,
    namespace,
    ...(gateway.metadata.creationTimestamp === undefined ? {} : { creationTimestamp: gateway.metadata.creationTimestamp }),
    serviceHosts: gatewayServiceHosts(gateway, opts.domainSuffix),
    serviceAccount: records(gateway.spec?.addresses).length > 0 ? "" : `${gateway.metadata.name}-${gateway.spec?.gatewayClassName}`,
    reportListeners: true,
  };
  const frontend = records(gateway.spec?.tls?.frontend?.default?.validation?.caCertificateRefs);
  const listeners = records(gateway.spec?.listeners).map((l) => listenerModel(l, namespace, namespaces, frontend, lookup));
  const resolvedRefs = backendClientCertificateCondition(gateway, namespace, lookup);
  // Istio deploys behind a Service hostname; other address types cannot be honoured.
  const ips = records(gateway.spec?.addresses).filter((a) => (a.type ?? "IPAddress") !== "Hostname").map((a) => a.value);
  if (ips.length > 0) {
    return {
      ...base,
      reportListeners: false,
      listeners: listeners.map((l) => ({ ...l, server: undefined })),
      addresses: [],
      conditions: [
        { type: "Accepted", status: "False", reason: "UnsupportedAddress", message: `only Hostname is supported, ignoring [${ips.join(" ")}]` },
        { type: "Programmed", status: "False", reason: "UnsupportedAddress", message: "Failed to assign to any requested addresses" },
        resolvedRefs,
      ],
    };
  }
  const assignment = assignPorts(base.serviceHosts, registry, listeners.map((l) => l.port));
  const valid = listeners.filter((l) => l.server !== undefined).length;
  const parameters = parametersProblem(gateway, namespace, lookup);
  return {
    ...base,
    listeners,
    addresses: statusAddresses(assignment.used),
    conditions: [
      parameters !== undefined
        ? { type: "Accepted", status: "False", reason: "InvalidParameters", message: parameters }
        : valid === listeners.length
        ? ACCEPTED
        : valid > 0
          ? { type: "Accepted", status: "True", reason: "ListenersNotValid", message: "One or more of the Gateway's listeners are invalid" }
          : { type: "Accepted", status: "False", reason: "ListenersNotValid", message: "None of the Gateway's listeners are valid" },
      programmedCondition(assignment),
      resolvedRefs,
    ],
  };
}
