/**
 * A ListenerSet as the translator understands it: whether its parent Gateway takes
 * it, its listeners (checked as a Gateway's are, but in the set's own namespace and
 * with the set as the referrer of its certificates), and its own conditions. Its valid
 * listeners become Istio Gateways and route parents, served by the parent's Service.
 */
import { namespaceOf, type ListenerCondition, type ListenerConflictReason, type ListenerSetAcceptedReason, type ListenerSetCondition, type ListenerSetProgrammedReason } from "@weft/api";
import { assignPorts, gatewayServiceHosts, programmedCondition, unsupportedAddresses } from "../gateways/addresses.js";
import { gatewayServiceAccount, previousStatus, type PreviousStatus } from "../gateways/gateway-model.js";
import { frontendValidationFor } from "../gateways/frontend-validation.js";
import type { ReferenceLookup } from "../gateways/listener-tls.js";
import { listenerModel, type ListenerModel } from "../gateways/listeners.js";
import { records } from "../model/lists.js";
import type { Gateway, ListenerSet, Namespace } from "../model/resources.js";
import type { MeshService } from "../options.js";
import { allowsListenersFrom } from "./allowed-listeners.js";
import { conflictOf } from "./conflicts.js";
import { entryListener, listenerSetKey } from "./identity.js";

export interface ListenerSetModel {
  /** The set's key as a route parent and in status: `ListenerSet/<namespace>/<name>`. */
  key: string;
  name: string;
  namespace: string;
  creationTimestamp?: string;
  /** namespace/name of the parent Gateway. */
  parentKey: string;
  parentNamespace: string;
  /** The parent's Service hostnames and service account: the set's listeners run on the parent's pods. */
  serviceHosts: string[];
  serviceAccount: string;
  /** In spec order; empty when the set was rejected before its listeners were read. */
  listeners: ListenerModel[];
  /** False when the set was rejected as a whole: its status lists no listeners then. */
  reportListeners: boolean;
  conditions: ListenerSetCondition[];
  /** metadata.generation, written as the observedGeneration of every condition. */
  generation?: number;
  /** The status already written, whose unchanged conditions keep their transition times. */
  previous?: PreviousStatus;
}

/** How the set's checks read the world (each read recording a dependency). */
export interface ListenerSetLookups extends ReferenceLookup {
  /** A Namespace object, for the parent's allowedListeners selector. */
  namespace(name: string): Namespace | undefined;
  /** Every Namespace, for listeners whose allowedRoutes select namespaces by label. */
  namespaces(): readonly Namespace[];
  /** A registry service by hostname (the parent's Services). */
  service(hostname: string): MeshService | undefined;
}

export interface ListenerSetParent {
  gateway: Gateway;
  className: string;
  /** Whether the parent's class takes ListenerSets (a class that is not Istio's gives no model at all). */
  supported: boolean;
  /** The set's listeners that lost a conflict on the parent, with the reason, by name. */
  conflicts: Readonly<Record<string, ListenerConflictReason>>;
}

const ACCEPTED: ListenerSetCondition = { type: "Accepted", status: "True", reason: "Accepted", message: "Resource accepted" };
const NONE_VALID = "None of the ListenerSet's listeners are valid";

/** Accepted and Programmed, both False for the same reason. */
function rejected(reason: ListenerSetAcceptedReason & ListenerSetProgrammedReason, message: string): ListenerSetCondition[] {
  return [
    { type: "Accepted", status: "False", reason, message },
    { type: "Programmed", status: "False", reason, message },
  ];
}

/** Whether the set has a listener its parent serves (and so counts among the parent's attached sets). */
export function isAttached(model: ListenerSetModel): boolean {
  return model.listeners.some((l) => l.server !== undefined);
}

/** The ports of the set's listeners that its parent serves. */
export function servedPorts(model: ListenerSetModel): number[] {
  return model.listeners.filter((l) => l.server !== undefined).map((l) => l.port);
}

/** A set listener whose port could not be defaulted: not Accepted, and never served. */
function withoutPort(model: ListenerModel, problem: string): ListenerModel {
  const { server: _unserved, ...rest } = model;
  // An unsupported protocol already says why; it is the more useful message.
  if (model.conditions.some((c) => c.type === "Accepted" && c.reason === "UnsupportedProtocol")) return { ...rest, valid: false };
  const conditions = model.conditions.map((c): ListenerCondition => (c.type === "Accepted" ? { type: "Accepted", status: "False", reason: "UnsupportedProtocol", message: problem } : c));
  return { ...rest, conditions, valid: false };
}

export function listenerSetModel(set: ListenerSet, parent: ListenerSetParent, lookups: ListenerSetLookups, domainSuffix: string): ListenerSetModel {
  const namespace = namespaceOf(set);
  const gw = parent.gateway;
  const parentNamespace = namespaceOf(gw);
  const base = {
    key: listenerSetKey(namespace, set.metadata.name),
    name: set.metadata.name,
    namespace,
    ...(set.metadata.creationTimestamp === undefined ? {} : { creationTimestamp: set.metadata.creationTimestamp }),
    parentKey: `${parentNamespace}/${gw.metadata.name}`,
    parentNamespace,
    serviceHosts: gatewayServiceHosts(gw, domainSuffix),
    serviceAccount: gatewayServiceAccount(gw),
    ...(set.metadata.generation === undefined ? {} : { generation: set.metadata.generation }),
    ...(set.status === undefined ? {} : { previous: previousStatus(set.status) }),
  };
  const rejectedAsWhole = (conditions: ListenerSetCondition[]): ListenerSetModel => ({ ...base, listeners: [], reportListeners: false, conditions });
  if (!parent.supported) return rejectedAsWhole(rejected("NotAllowed", `The ${JSON.stringify(parent.className)} GatewayClass does not support ListenerSet`));
  if (!allowsListenersFrom(gw, namespace, (name) => lookups.namespace(name))) {
    return rejectedAsWhole(rejected("NotAllowed", "The parent Gateway does not allow this reference; check the 'spec.allowedRoutes'"));
  }
  const ips = unsupportedAddresses(gw);
  if (ips.length > 0) {
    // The parent itself is rejected, so nothing of the set can be served.
    return rejectedAsWhole([
      { type: "Accepted", status: "False", reason: "UnsupportedAddress", message: `Parent not accepted: only Hostname is supported, ignoring [${ips.join(" ")}]` },
      { type: "Programmed", status: "False", reason: "UnsupportedAddress", message: "Failed to assign to any requested addresses" },
    ]);
  }

  const entries = records(set.spec?.listeners);
  const namespaces = entries.some((l) => l.allowedRoutes?.namespaces?.from === "Selector") ? lookups.namespaces() : [];
  // The parent's client certificate validation applies to every listener it serves.
  const listeners = entries.map((entry) => {
    const { listener, portProblem } = entryListener(entry);
    const conflict = conflictOf(parent.conflicts, entry.name);
    const frontend = frontendValidationFor(gw, listener.port);
    const model = listenerModel(listener, { namespace, namespaces, frontend: frontend.caCertificateRefs, lookup: lookups }, { flavour: "gateway", owner: "ListenerSet", ...(frontend.insecureFallback ? { insecureFallback: true } : {}), ...(set.metadata.labels === undefined ? {} : { labels: set.metadata.labels }), ...(conflict === undefined ? {} : { conflict }) });
    return portProblem === undefined || conflict !== undefined ? model : withoutPort(model, portProblem);
  });

  const services = new Map<string, MeshService>();
  for (const host of base.serviceHosts) {
    const svc = lookups.service(host);
    if (svc !== undefined) services.set(host, svc);
  }
  const assignment = assignPorts(base.serviceHosts, services, listeners.filter((l) => l.bindsPort).map((l) => l.port));
  // Unlike a Gateway, a set with no valid listener is not Accepted: it adds nothing.
  const anyValid = listeners.some((l) => l.server !== undefined);
  const conditions = anyValid ? [ACCEPTED, programmedCondition(assignment)] : rejected("ListenersNotValid", NONE_VALID);
  return { ...base, listeners, reportListeners: true, conditions };
}
