/**
 * XBackend (experimental): an external hostname routes can send traffic to. A Backend
 * with TLS is a policy of its own: it originates TLS (SIMPLE mode) to its hostname on
 * its one port, trusting the CA it names (or the system roots), with the validation
 * hostname or else the external hostname as SNI. Client certificates (ClientAndServer)
 * are not supported and reject the Backend.
 *
 * Its status lists one parent for the mesh (the Backend itself, under the mesh
 * controller) and one per Gateway whose routes name it (under the gateway controller),
 * all with the same conditions, merged into the existing entries as policy ancestors
 * are (up to 32, the Backend API's limit).
 */
import { compareStrings, GATEWAY_GROUP, namespaceOf, type ParentReference, namespacedKeyOf } from "@weft/api";
import type { XBackend } from "@weft/api";
import { filter, statusCollection, type Collection, type HandlerContext, type Index, type StatusCollections } from "@weft/krt";
import type { ClientTLSSettings } from "../model/resources.js";
import { limitProblem, PRECISE_HOSTNAME } from "../model/crd-limits.js";
import { records } from "../model/lists.js";
import type { ResolvedOptions } from "../options.js";
import { statusDocument, type StatusDocument } from "../status/documents.js";
import { ancestorStatus, mergeAncestors, MESH_CONTROLLER, type PolicyAncestorStatus } from "./ancestors.js";
import { destinationRuleGroup, targetKey, type BackendPolicy, type BackendTarget, type PolicyContributions } from "./backend-policy.js";
import { caCredentialName, INVALID_CREDENTIAL } from "./ca-certificates.js";
import type { LocalReferenceInputs } from "./local-references.js";
import type { RouteAncestor } from "./route-ancestors.js";
import { PolicyConditions } from "./policy-conditions.js";

const XBACKEND_GROUP = "gateway.networking.x-k8s.io";
/** The Backend API allows more parents than policies have ancestors. */
const MAX_PARENTS = 32;

/** What XBackends read besides themselves. */
export interface XBackendInputs extends LocalReferenceInputs {
  xBackends: Collection<XBackend>;
  routeAncestors: Collection<RouteAncestor>;
  routeAncestorsByBackend: Index<string, RouteAncestor>;
}

/** The TLS a Backend originates, or undefined when it originates none; problems go to `conditions`. */
function backendTLS(ctx: HandlerContext, inputs: XBackendInputs, backend: XBackend, hostname: string, conditions: PolicyConditions): ClientTLSSettings | undefined {
  const tls = backend.spec?.tls;
  if (tls === undefined) return undefined;
  switch (tls.mode) {
    case "ServerOnly":
      break;
    case "None":
      return undefined;
    case "ClientAndServer":
      conditions.fail("Accepted", "Invalid", "unsupported ClientAndServer TLS mode: Istio does not support client certificates on backend");
      return undefined;
    default:
      conditions.fail("Accepted", "Invalid", `unsupported TLS mode: ${JSON.stringify(tls.mode ?? "")}`);
      return undefined;
  }
  const validation = (tls.validation ?? {}) as { hostname?: unknown; subjectAltNames?: unknown; wellKnownCACertificates?: string; caCertificateRefs?: { group?: string; kind?: string; name?: string }[] };
  const sni = typeof validation.hostname === "string" && validation.hostname !== "" ? validation.hostname : hostname;
  const sniProblem = limitProblem(sni, PRECISE_HOSTNAME);
  if (sniProblem !== undefined) {
    // An SNI Envoy would refuse (and with it the cluster): dropped, and the traffic fails closed.
    conditions.fail("Accepted", "Invalid", `the TLS SNI ${sniProblem}`);
    return { mode: "SIMPLE", credentialName: INVALID_CREDENTIAL };
  }
  const sans = records(validation.subjectAltNames as { type?: string; hostname?: string; uri?: string }[] | undefined).flatMap((san) =>
    san.type === "Hostname" ? [san.hostname ?? ""] : san.type === "URI" ? [san.uri ?? ""] : [],
  );
  const namespace = namespaceOf(backend);
  const credentialName = caCredentialName(ctx, inputs, validation, namespace, conditions);
  return { mode: "SIMPLE", sni, ...(sans.length > 0 ? { subjectAltNames: sans } : {}), ...(credentialName === "" ? {} : { credentialName }) };
}

/** Existing parents as policy ancestors, so both merge alike. */
function existingParents(backend: XBackend): PolicyAncestorStatus[] {
  return records(backend.status?.parents)
    .filter((p) => typeof p.parentRef === "object" && p.parentRef !== null)
    .map((p) => ({ ancestorRef: p.parentRef as ParentReference, controllerName: p.controllerName, conditions: p.conditions === undefined ? undefined : [...records(p.conditions)] }));
}

function translateBackend(ctx: HandlerContext, inputs: XBackendInputs, backend: XBackend, opts: ResolvedOptions) {
  const namespace = namespaceOf(backend);
  const name = backend.metadata.name;
  const key = `XBackend/${namespace}/${name}`;
  const self: BackendTarget = { kind: "XBackend", namespace, name };
  const conditions = new PolicyConditions(["Accepted", "ResolvedRefs"]);
  const policies: BackendPolicy[] = [];
  const spec = backend.spec;
  const hostname = spec?.externalHostname?.hostname;
  if (spec?.type !== "ExternalHostname" || hostname === undefined || hostname === "") {
    conditions.fail("Accepted", "Invalid", `unsupported backend type: ${String(spec?.type ?? "")}`);
  } else {
    const tls = backendTLS(ctx, inputs, backend, hostname, conditions);
    const port = spec.port?.port;
    if (tls !== undefined) {
      policies.push({
        key: `${key}/${hostname}`,
        group: destinationRuleGroup(self, hostname),
        source: { kind: "XBackend", namespace, name },
        creationTimestamp: backend.metadata.creationTimestamp ?? "",
        targetIndex: 0,
        target: self,
        host: hostname,
        ...(typeof port === "number" ? { port } : {}),
        tls,
      });
    }
  }
  const gateways = new Map<string, { namespace: string; name: string }>();
  for (const a of ctx.fetch(inputs.routeAncestors, filter.index(inputs.routeAncestorsByBackend, targetKey(self)))) gateways.set(namespacedKeyOf(a.gateway.namespace, a.gateway.name), a.gateway);
  const existing = existingParents(backend);
  const snapshot = conditions.snapshot();
  const incoming = [
    ancestorStatus(existing, { group: XBACKEND_GROUP, kind: "XBackend", name }, snapshot, { controllerName: MESH_CONTROLLER, now: opts.now, generation: backend.metadata.generation }),
    ...[...gateways]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([, gw]) => ancestorStatus(existing, { group: GATEWAY_GROUP, kind: "Gateway", namespace: gw.namespace, name: gw.name }, snapshot, { controllerName: opts.controllerName, now: opts.now, generation: backend.metadata.generation })),
  ];
  const merged = mergeAncestors(existing, incoming, new Set([MESH_CONTROLLER, opts.controllerName]), MAX_PARENTS);
  const parents = merged.map((a) => ({ conditions: a.conditions ?? [], controllerName: a.controllerName, parentRef: a.ancestorRef }));
  return { output: { key, policies } satisfies PolicyContributions, status: statusDocument(backend, { parents }) };
}

/** Every XBackend's TLS contribution and status (none while the experimental API is off). */
export function xBackends(inputs: XBackendInputs, opts: ResolvedOptions): StatusCollections<PolicyContributions, StatusDocument> {
  return statusCollection(
    inputs.xBackends,
    (ctx, backend: XBackend) => (opts.features.alphaGatewayAPI ? translateBackend(ctx, inputs, backend, opts) : undefined),
    { name: "XBackends", key: (c) => c.key },
  );
}
