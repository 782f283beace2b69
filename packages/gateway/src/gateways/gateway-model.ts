/**
 * A Gateway as the translator understands it: its listeners, the services behind
 * it, and its own conditions. Routes attach to it; its status and Istio Gateways
 * are derived from it.
 */
import { namespaceOf, type GatewayCondition, type ListenerConflictReason, type StatusCondition, namespacedKeyOf } from "@weft/api";
import { records } from "../model/lists.js";
import type { MeshService, ResolvedOptions } from "../options.js";
import type { Gateway, Namespace } from "../model/resources.js";
import { backendClientCertificateCondition } from "./backend-client-certificate.js";
import { ADDRESS_TYPE_ANNOTATION, assignPorts, deployedName, gatewayServiceHosts, isDeployedByIstio, programmedCondition, statusAddresses, unsupportedAddresses, type ReportedAddressType } from "./addresses.js";
import type { ReferenceLookup } from "./listener-tls.js";
import { listenerModel, type ListenerModel } from "./listeners.js";
import { frontendValidationFor, insecureFrontendCondition } from "./frontend-validation.js";
import type { ClassInfo } from "./classes.js";

/** The class assumed when a caller does not say: an ordinary Istio gateway. */
const ORDINARY_CLASS: ClassInfo = { flavour: "gateway", controller: "", nameSuffix: true, supportsListenerSets: true, addressType: "Hostname" };

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
  /** Status addresses; a type left out of a spec address stays out. */
  addresses: { type?: string; value: string }[];
  /** Which internal addresses status reports without external ones (the class's, or the Gateway's annotation). */
  addressType: ReportedAddressType;
  /** metadata.generation, written as the observedGeneration of every condition. */
  generation?: number;
  /** The status already written: kept transition times, and addresses once reported. */
  previous?: PreviousStatus;
  conditions: GatewayCondition[];
}

/** The parts of a status already written that the next one builds on. */
export interface PreviousStatus {
  addresses?: readonly { type?: string; value: string }[];
  conditions?: readonly StatusCondition[];
  listeners?: readonly { name: string; conditions?: readonly StatusCondition[] }[];
}

/** The status of an object as last written, read loosely (it comes from the cluster). */
export function previousStatus(status: unknown): PreviousStatus | undefined {
  if (typeof status !== "object" || status === null) return undefined;
  const s = status as PreviousStatus;
  return {
    ...(Array.isArray(s.addresses) ? { addresses: s.addresses } : {}),
    ...(Array.isArray(s.conditions) ? { conditions: s.conditions } : {}),
    ...(Array.isArray(s.listeners) ? { listeners: s.listeners } : {}),
  };
}

const ACCEPTED: GatewayCondition = { type: "Accepted", status: "True", reason: "Accepted", message: "Resource accepted" };

/** Why `spec.infrastructure.parametersRef` is unusable: only an existing ConfigMap is. */
function parametersProblem(gateway: Gateway, namespace: string, lookup: ReferenceLookup): string | undefined {
  const ref = gateway.spec?.infrastructure?.parametersRef;
  if (ref === undefined) return undefined;
  if ((ref.group ?? "") !== "" || ref.kind !== "ConfigMap") return `Unsupported parametersRef group/kind ${ref.group ?? ""}/${ref.kind}, only ConfigMap is supported`;
  if (lookup.configMap(namespace, ref.name) === undefined) return `parametersRef ConfigMap ${namespace}/${ref.name} does not exist`;
  return undefined;
}

/**
 * The service account of a Gateway's pods: Istio's own (`<name>-<class>`) when it
 * deploys them, unknown ("") when the Gateway names an existing Service to run behind.
 */
export function gatewayServiceAccount(gateway: Gateway, nameSuffix = true): string {
  return isDeployedByIstio(gateway) ? deployedName(gateway, nameSuffix) : "";
}

/** The class's reported address type, unless the Gateway's annotation overrides it (any value, as Istio reads it). */
export function reportedAddressType(gateway: Gateway, cls: ClassInfo): ReportedAddressType {
  const override = gateway.metadata.annotations?.[ADDRESS_TYPE_ANNOTATION];
  if (override === undefined) return cls.addressType;
  return override === "IPAddress" || override === "Hostname" ? override : "";
}

/** What a Gateway's model is built with besides the Gateway itself. */
export interface GatewayModelContext {
  /** The cluster's namespaces (needed only when a listener selects route namespaces by label). */
  namespaces: readonly Namespace[];
  /** The registry entries of the Gateway's own Service hosts, by host. */
  services: ReadonlyMap<string, MeshService>;
  lookup: ReferenceLookup;
  opts: ResolvedOptions;
  /** The Gateway's class. Default: an ordinary Istio gateway class. */
  cls?: ClassInfo;
  /** The listeners that lost a conflict to a ListenerSet's, with the reason, by name. */
  conflicts?: Readonly<Record<string, ListenerConflictReason>> | undefined;
}

export function gatewayModel(gateway: Gateway, context: GatewayModelContext): GatewayModel {
  const { namespaces, services: registry, lookup, opts, cls = ORDINARY_CLASS, conflicts = {} } = context;
  const namespace = namespaceOf(gateway);
  const base = {
    key: namespacedKeyOf(namespace, gateway.metadata.name),
    name: gateway.metadata.name,
    namespace,
    ...(gateway.metadata.creationTimestamp === undefined ? {} : { creationTimestamp: gateway.metadata.creationTimestamp }),
    serviceHosts: gatewayServiceHosts(gateway, opts.domainSuffix, cls.nameSuffix),
    serviceAccount: gatewayServiceAccount(gateway, cls.nameSuffix),
    reportListeners: true,
    addressType: reportedAddressType(gateway, cls),
    ...(gateway.metadata.generation === undefined ? {} : { generation: gateway.metadata.generation }),
    ...(gateway.status === undefined ? {} : { previous: previousStatus(gateway.status) }),
  };
  const listeners = records(gateway.spec?.listeners).map((l) => {
    const frontend = frontendValidationFor(gateway, l.port);
    return listenerModel(l, { namespace, namespaces, frontend: frontend.caCertificateRefs, lookup }, {
      flavour: cls.flavour,
      ...(frontend.insecureFallback ? { insecureFallback: true } : {}),
      ...(gateway.metadata.labels === undefined ? {} : { labels: gateway.metadata.labels }),
      conflict: Object.hasOwn(conflicts, l.name) ? conflicts[l.name] : undefined,
    });
  });
  const ips = unsupportedAddresses(gateway);
  const resolvedRefs = backendClientCertificateCondition(gateway, namespace, lookup);
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
  const assignment = assignPorts(base.serviceHosts, registry, listeners.filter((l) => l.bindsPort).map((l) => l.port));
  const valid = listeners.filter((l) => l.valid).length;
  const parameters = parametersProblem(gateway, namespace, lookup);
  const insecure = insecureFrontendCondition(gateway);
  return {
    ...base,
    listeners,
    addresses: statusAddresses(assignment.used, base.addressType),
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
      ...(insecure === undefined ? [] : [insecure]),
    ],
  };
}
