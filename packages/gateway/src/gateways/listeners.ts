/**
 * Listeners: which route kinds each protocol supports, which namespaces may attach
 * routes (allowedRoutes), and the Istio server a valid listener becomes.
 */
import { compareStrings, GATEWAY_GROUP, type ListenerCondition, type ListenerConflictReason } from "@weft/api";
import { records } from "../model/lists.js";
import type { AllowedRoutes, Listener, Namespace, SecretObjectReference } from "../model/resources.js";
import type { Server, ServerTLS } from "../model/istio.js";
import { caProblem, certificateProblem, type ListenerOwnerKind, type ReferenceLookup } from "./listener-tls.js";
import { cipherSuites, istioCertificateTLS, terminateMode } from "./tls-options.js";
import { selectorMatches } from "./selectors.js";
import { isAutoPassthrough } from "./auto-passthrough.js";
import type { GatewayFlavour } from "./classes.js";
import { allowsHBONE, carriesRoutes, HBONE, waypointShapeProblem } from "./waypoint-listeners.js";


/** A route kind a listener accepts. */
export interface RouteGroupKind {
  group: string;
  kind: string;
}

/** The route kinds each listener protocol supports, in the order statuses list them. */
export function supportedKindsOf(protocol: string): RouteGroupKind[] {
  switch (protocol) {
    case "HTTP":
    case "HTTPS":
      return [
        { group: GATEWAY_GROUP, kind: "HTTPRoute" },
        { group: GATEWAY_GROUP, kind: "GRPCRoute" },
      ];
    case "TCP":
      return [{ group: GATEWAY_GROUP, kind: "TCPRoute" }];
    case "TLS":
      return [{ group: GATEWAY_GROUP, kind: "TLSRoute" }];
    case "TLS-terminate":
      // A terminating TLS listener also carries plain TCP routes over the decrypted stream.
      return [
        { group: GATEWAY_GROUP, kind: "TLSRoute" },
        { group: GATEWAY_GROUP, kind: "TCPRoute" },
      ];
    default:
      return [];
  }
}

/** The kinds a listener takes: its protocol's, narrowed to allowedRoutes.kinds when given. */
export function allowedKinds(listener: Listener): RouteGroupKind[] {
  const supported = supportedKindsOf(listener.protocol === "TLS" && listener.tls?.mode !== "Passthrough" ? "TLS-terminate" : listener.protocol);
  const wanted = listener.allowedRoutes?.kinds;
  if (wanted === undefined || wanted.length === 0) return supported;
  return supported.filter((s) => wanted.some((w) => w.kind === s.kind && (w.group ?? GATEWAY_GROUP) === s.group));
}

/** Where routes may attach from: every namespace, or the listed ones (possibly none). */
export type NamespaceScope = { kind: "all" } | { kind: "some"; namespaces: string[] };

/** The namespaces a listener accepts routes from. */
export function namespaceScope(allowed: AllowedRoutes | undefined, gatewayNamespace: string, namespaces: readonly Namespace[]): NamespaceScope {
  const from = allowed?.namespaces?.from ?? "Same";
  if (from === "All") return { kind: "all" };
  if (from === "Selector") {
    const selector = allowed?.namespaces?.selector ?? {};
    // The API server labels every namespace with its name; objects read from files may not show it.
    const labelsOf = (ns: Namespace) => ({ ...ns.metadata.labels, "kubernetes.io/metadata.name": ns.metadata.name });
    const matching = namespaces.filter((ns) => selectorMatches(selector, labelsOf(ns))).map((ns) => ns.metadata.name);
    return { kind: "some", namespaces: matching.sort(compareStrings) };
  }
  return { kind: "some", namespaces: [gatewayNamespace] };
}

/** `namespace/hostname` entries of a server: `*` for any namespace, `~` for none. */
export function serverHosts(scope: NamespaceScope, hostname: string | undefined): string[] {
  const host = hostname ?? "*";
  if (scope.kind === "all") return [`*/${host}`];
  if (scope.namespaces.length === 0) return [`~/${host}`];
  return scope.namespaces.map((ns) => `${ns}/${host}`);
}

/** Client certificate validation a Gateway asks of every terminating listener. */
export type FrontendValidation = readonly SecretObjectReference[];

/** A listener as the translator understands it. */
export interface ListenerModel {
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
  scope: NamespaceScope;
  supportedKinds: RouteGroupKind[];
  conditions: ListenerCondition[];
  /** Whether the listener counts as valid in its owner's Accepted condition. */
  valid: boolean;
  /**
   * Whether the gateway's Service must expose this port (Programmed reports it): true for
   * every listener Istio builds a server for, valid or not; false for a conflict loser
   * and for a TLS placeholder (see `listenerModel`).
   */
  bindsPort: boolean;
  /** The Istio server, when the listener is valid. */
  server?: Server;
  /**
   * The hosts routes bind to on a listener that gets no server only because its TLS
   * references do not resolve: Istio still attaches routes to it (and counts them in
   * attachedRoutes), it just serves nothing until the references resolve.
   */
  bindingHosts?: string[];
  /**
   * Set when Istio generates no route config for the listener (waypoints, the
   * east-west HBONE listener): it becomes no Istio Gateway and no route parent.
   */
  routeless?: true;
}

const NO_ERRORS = "No errors found";

/** The conditions of a listener with no problem. */
export function healthyListenerConditions(): ListenerCondition[] {
  return [
    { type: "Accepted", status: "True", reason: "Accepted", message: NO_ERRORS },
    { type: "Conflicted", status: "False", reason: "NoConflicts", message: NO_ERRORS },
    { type: "Programmed", status: "True", reason: "Programmed", message: NO_ERRORS },
    { type: "ResolvedRefs", status: "True", reason: "ResolvedRefs", message: NO_ERRORS },
  ];
}

const PROTOCOLS = new Set(["HTTP", "HTTPS", "TCP", "TLS"]);

/** Why a protocol is not supported, or undefined when it is. HBONE is for waypoint-style classes only. */
export function protocolProblem(protocol: string, hboneAllowed = false): string | undefined {
  if (PROTOCOLS.has(protocol)) return undefined;
  if (protocol === HBONE) return hboneAllowed ? undefined : `protocol ${JSON.stringify(protocol)} is only supported for waypoint proxies`;
  const upper = protocol.toUpperCase();
  const hint = PROTOCOLS.has(upper) || upper === HBONE ? ` hint: ${JSON.stringify(upper)} (uppercase) may be supported` : "";
  return `protocol ${JSON.stringify(protocol)} is unsupported.${hint}`.replace(/\.$/, "");
}

function withCondition(conditions: ListenerCondition[], c: ListenerCondition): ListenerCondition[] {
  return conditions.map((x) => (x.type === c.type ? c : x));
}

const CONFLICT_MESSAGE = "Listener has a conflict with another listener attached to the same Gateway";

/**
 * An HTTPS or TLS listener without a `tls` section serves nothing. On a Gateway it is
 * a placeholder that ListenerSets are expected to fill, so it is neither an error nor
 * a server; a ListenerSet has no such excuse and its listener is invalid.
 */
function isTLSPlaceholder(listener: Listener): boolean {
  return listener.tls === undefined && (listener.protocol === "HTTPS" || listener.protocol === "TLS");
}

/** Whether the listener terminates TLS (and so needs certificates). */
function terminatesTLS(listener: Listener): boolean {
  // An HBONE listener terminates the outer tunnel only when it has a TLS block.
  const hboneTLS = listener.protocol === HBONE && listener.tls !== undefined && listener.tls.mode !== "Passthrough";
  return listener.protocol === "HTTPS" || (listener.protocol === "TLS" && listener.tls?.mode !== "Passthrough") || hboneTLS;
}

/** What a listener's Gateway contributes to its translation besides the listener itself. */
export interface ListenerContext {
  /** The flavour of the Gateway's class: waypoint-style classes have their own listener rules. */
  flavour: GatewayFlavour;
  /** The labels of the object declaring the listener (multi-network hints live there). */
  labels?: Readonly<Record<string, string>>;
  /** The kind declaring the listener (grants name it; a ListenerSet may not leave TLS out). */
  owner?: ListenerOwnerKind;
  /** The reason (HostnameConflict, ProtocolConflict) when an earlier listener took its place. */
  conflict?: ListenerConflictReason | undefined;
  /** Frontend validation of the listener's port allows clients without a valid certificate. */
  insecureFallback?: boolean;
}

const ORDINARY_GATEWAY: ListenerContext = { flavour: "gateway" };

/** Where a listener is declared, and what its route namespaces and references are checked against. */
export interface ListenerScope {
  /** The namespace of the Gateway or ListenerSet declaring the listener. */
  namespace: string;
  /** The cluster's namespaces (needed only when a listener selects route namespaces by label). */
  namespaces: readonly Namespace[];
  /** The client certificate validation that applies to the listener's port. */
  frontend: FrontendValidation;
  lookup: ReferenceLookup;
}

/** Builds the model of one listener: its conditions and, when valid, its Istio server. */
export function listenerModel(listener: Listener, scope: ListenerScope, context: ListenerContext = ORDINARY_GATEWAY): ListenerModel {
  const model = checkedListener(listener, scope, context);
  const routeless = carriesRoutes(context.flavour, listener) ? {} : { routeless: true as const };
  // The shape warning replaces whatever Accepted said, but leaves the server in place.
  const shape = waypointShapeProblem(context.flavour, listener);
  if (shape === undefined) return { ...model, ...routeless };
  return { ...model, ...routeless, conditions: withCondition(model.conditions, { type: "Accepted", status: "False", reason: "UnsupportedProtocol", message: shape }) };
}

function checkedListener(listener: Listener, where: ListenerScope, context: ListenerContext): ListenerModel {
  const { namespace: gatewayNamespace, namespaces, frontend, lookup } = where;
  const owner = context.owner ?? "Gateway";
  const scope = namespaceScope(listener.allowedRoutes, gatewayNamespace, namespaces);
  const base = {
    name: listener.name,
    port: listener.port,
    protocol: listener.protocol,
    ...(listener.hostname === undefined ? {} : { hostname: listener.hostname }),
    scope,
  };
  const kindsProblem: ListenerCondition = { type: "ResolvedRefs", status: "False", reason: "InvalidRouteKinds", message: "Invalid route kinds" };
  if (context.conflict !== undefined) {
    // A conflict loser reports only the conflict: it never got as far as its references.
    const reason = context.conflict;
    const supportedKinds = allowedKinds(listener);
    const conditions: ListenerCondition[] = [
      { type: "Accepted", status: "False", reason, message: CONFLICT_MESSAGE },
      { type: "Conflicted", status: "True", reason, message: CONFLICT_MESSAGE },
      { type: "Programmed", status: "False", reason, message: CONFLICT_MESSAGE },
    ];
    if (records(listener.allowedRoutes?.kinds).length > supportedKinds.length) conditions.push(kindsProblem);
    return { ...base, supportedKinds, conditions, valid: false, bindsPort: false };
  }
  let conditions = healthyListenerConditions();
  const unsupported = protocolProblem(listener.protocol, allowsHBONE(context.flavour));
  if (unsupported !== undefined) {
    conditions = withCondition(conditions, { type: "Accepted", status: "False", reason: "UnsupportedProtocol", message: unsupported });
    return { ...base, supportedKinds: [], conditions, valid: false, bindsPort: true };
  }
  const supportedKinds = allowedKinds(listener);
  const requested = records(listener.allowedRoutes?.kinds);
  if (requested.length > supportedKinds.length) conditions = withCondition(conditions, kindsProblem);
  if (isTLSPlaceholder(listener)) {
    if (owner === "Gateway") return { ...base, supportedKinds, conditions, valid: true, bindsPort: false };
    conditions = withCondition(conditions, { type: "Accepted", status: "False", reason: "UnsupportedProtocol", message: `protocol is ${listener.protocol} but no TLS section is defined` });
    conditions = withCondition(conditions, { type: "Programmed", status: "False", reason: "Invalid", message: "Bad TLS configuration" });
    return { ...base, supportedKinds, conditions, valid: false, bindsPort: false };
  }
  if (terminatesTLS(listener)) {
    const istioCertificates = istioCertificateTLS(terminateMode(listener.tls?.options)) !== undefined;
    const problem = istioCertificates ? undefined : (certificateProblem(records(listener.tls?.certificateRefs), gatewayNamespace, lookup, owner) ?? caProblem(frontend, gatewayNamespace, lookup, owner));
    if (problem !== undefined) {
      if (problem.accepted !== undefined) conditions = withCondition(conditions, { type: "Accepted", status: "False", ...problem.accepted });
      conditions = withCondition(conditions, { type: "Programmed", status: "False", reason: "Invalid", message: "Bad TLS configuration" });
      conditions = withCondition(conditions, { type: "ResolvedRefs", status: "False", ...problem.resolvedRefs });
      return { ...base, supportedKinds, conditions, valid: false, bindsPort: true, bindingHosts: serverHosts(scope, listener.hostname) };
    }
  }
  return {
    ...base,
    supportedKinds,
    conditions,
    valid: true,
    bindsPort: true,
    server: {
      hosts: serverHosts(scope, listener.hostname),
      port: { name: "default", number: listener.port, protocol: listener.protocol },
      ...(listener.tls === undefined ? {} : { tls: serverTLS(listener, gatewayNamespace, frontend, isAutoPassthrough(context.labels, listener), context.insecureFallback === true) }),
    },
  };
}

/**
 * The TLS settings of a server. Passthrough is Istio's default mode, which proto3
 * JSON omits (hence `{}`), unless the listener is a multi-network auto-passthrough
 * one; Terminate serves the referenced Secret through the gateway credential provider.
 */
export function serverTLS(listener: Listener, gatewayNamespace: string, frontend: FrontendValidation, autoPassthrough = false, insecureFallback = false): ServerTLS {
  const options = listener.tls?.options;
  const ciphers = cipherSuites(options);
  const withCiphers = (tls: ServerTLS): ServerTLS => (ciphers === undefined ? tls : { ...tls, cipherSuites: ciphers });
  if (listener.tls?.mode === "Passthrough") return withCiphers(autoPassthrough ? { mode: "AUTO_PASSTHROUGH" } : {});
  const mode = terminateMode(options);
  const istio = istioCertificateTLS(mode);
  if (istio !== undefined) return withCiphers(istio);
  const refs = records(listener.tls?.certificateRefs);
  const names = refs.map((r) => `kubernetes-gateway://${r.namespace ?? gatewayNamespace}/${r.name}`);
  const credentials = names.length === 1 ? { credentialName: names[0]! } : names.length > 1 ? { credentialNames: names } : {};
  const ca = frontend[0];
  if (ca === undefined) return withCiphers({ mode: mode as ServerTLS["mode"], ...credentials });
  // Client certificates are checked against the CA bundle of the referenced object.
  const scheme = (ca.kind ?? "Secret") === "ConfigMap" ? "configmap" : "kubernetes-gateway";
  return withCiphers({
    mode: mode === "OPTIONAL_MUTUAL" || insecureFallback ? "OPTIONAL_MUTUAL" : "MUTUAL",
    ...credentials,
    caCertCredentialName: `${scheme}://${ca.namespace ?? gatewayNamespace}/${ca.name}-cacert`,
    insecureSkipVerify: false,
  });
}
