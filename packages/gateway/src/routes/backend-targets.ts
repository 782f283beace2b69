/**
 * What one backendRef points at, by kind: the destination host and port Istio routes
 * to, and the problem to report when the target is missing or unusable. Reference
 * grants are checked before this (see backends.ts); here the referent is allowed.
 *
 * - Service (the default): its cluster-local hostname, which the registry must know.
 *   A missing Service still gets its name written: it may appear in the registry later.
 * - Hostname (networking.istio.io): a registry host named directly, e.g. a ServiceEntry's.
 * - InferencePool: reached through its shadow Service, on the requested port when the
 *   shadow Service has it, else its first port; without the shadow Service there is
 *   nowhere to send the share.
 * - ServiceImport (MCS): the imported service's cluster-local name.
 * - XBackend (experimental): the external hostname and the port declared on the
 *   Backend; a backendRef port must agree with it.
 */
import { namespacedKeyOf } from "@weft/api";
import { filter, type Collection, type HandlerContext } from "@weft/krt";
import type { XBackend } from "@weft/api";
import type { Destination } from "../model/istio.js";
import type { BackendRef } from "../model/resources.js";
import { shadowServiceName } from "../inference/shadow-service.js";
import { serviceHostname } from "../names.js";
import type { MeshService } from "../options.js";
import type { RefsOutcome } from "./route-status.js";

export const INFERENCE_GROUP = "inference.networking.k8s.io";
export const XBACKEND_GROUP = "gateway.networking.x-k8s.io";

/** What the target lookups read. */
export interface TargetContext {
  registry: Collection<MeshService>;
  xBackends: Collection<XBackend>;
  domainSuffix: string;
  /** Experimental kinds (XBackend) are refused unless enabled, as Istio's alpha flag does. */
  alphaGatewayAPI: boolean;
}

/** A target's destination (empty when traffic to it must fail) and its problem, if any. */
export interface ResolvedTarget {
  destination: Destination;
  problem: RefsOutcome;
}

const OK: RefsOutcome = { ok: true };
const notFound = (message: string): RefsOutcome => ({ ok: false, reason: "BackendNotFound", message });
const invalidKind = (message: string): RefsOutcome => ({ ok: false, reason: "InvalidKind", message });

/** The kinds a backendRef may name, or undefined for one Istio cannot route to. */
export function targetKind(ref: BackendRef): "Service" | "Hostname" | "InferencePool" | "ServiceImport" | "XBackend" | undefined {
  const group = ref.group ?? "";
  const kind = ref.kind ?? "Service";
  if (group === "" && kind === "Service") return "Service";
  if (group === "networking.istio.io" && kind === "Hostname") return "Hostname";
  if (group === INFERENCE_GROUP && kind === "InferencePool") return "InferencePool";
  if (group === "multicluster.x-k8s.io" && kind === "ServiceImport") return "ServiceImport";
  if (group === XBACKEND_GROUP && kind === "XBackend") return "XBackend";
  return undefined;
}

function withPort(host: string, port: number | undefined): Destination {
  return port === undefined ? { host } : { host, port: { number: port } };
}

function registryTarget(ctx: HandlerContext, env: TargetContext, host: string, port: number | undefined): ResolvedTarget {
  const known = ctx.fetchOne(env.registry, filter.key(host)) !== undefined;
  return { destination: withPort(host, port), problem: known ? OK : notFound(`backend(${host}) not found`) };
}

function poolTarget(ctx: HandlerContext, env: TargetContext, ref: BackendRef, namespace: string): ResolvedTarget {
  const host = serviceHostname(shadowServiceName(ref.name), namespace, env.domainSuffix);
  const service = ctx.fetchOne(env.registry, filter.key(host));
  if (service === undefined) return { destination: {}, problem: notFound(`backend(${host}) not found`) };
  const port = service.ports.some((p) => p.port === ref.port) ? ref.port : service.ports[0]?.port;
  return { destination: withPort(host, port), problem: OK };
}

function xBackendTarget(ctx: HandlerContext, env: TargetContext, ref: BackendRef, namespace: string): ResolvedTarget {
  if (!env.alphaGatewayAPI) return { destination: {}, problem: invalidKind("The Alpha Gateway API is not enabled, XBackend is invalid.") };
  const backend = ctx.fetchOne(env.xBackends, filter.key(namespacedKeyOf(namespace, ref.name)));
  if (backend === undefined) return { destination: {}, problem: notFound(`backend(${ref.name}) not found`) };
  const spec = backend.spec;
  const hostname = spec?.externalHostname?.hostname;
  if (spec?.type !== "ExternalHostname" || hostname === undefined || hostname === "") {
    return { destination: {}, problem: invalidKind(`backend(${ref.name}) type: expected ExternalHostname, got ${String(spec?.type ?? "")}`) };
  }
  const declared = spec.port?.port;
  // The Backend declares its port, so the backendRef may leave it out; if given it must agree.
  if (ref.port !== undefined && ref.port !== declared) {
    return { destination: {}, problem: notFound(`backend(${ref.name}) does not expose port ${ref.port}, expected ${String(declared)}`) };
  }
  return registryTarget(ctx, env, hostname, declared);
}

/** Resolves one allowed backendRef of a supported kind. */
export function resolveTarget(ctx: HandlerContext, env: TargetContext, kind: NonNullable<ReturnType<typeof targetKind>>, ref: BackendRef, namespace: string): ResolvedTarget {
  switch (kind) {
    case "Hostname":
      return registryTarget(ctx, env, ref.name, ref.port);
    case "InferencePool":
      return poolTarget(ctx, env, ref, namespace);
    case "XBackend":
      return xBackendTarget(ctx, env, ref, namespace);
    case "Service":
    case "ServiceImport":
      return registryTarget(ctx, env, serviceHostname(ref.name, namespace, env.domainSuffix), ref.port);
  }
}
