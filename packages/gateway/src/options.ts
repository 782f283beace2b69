/**
 * What the translator needs to know about the world beyond the input objects: the
 * cluster's domain suffix, which controller it is, feature switches, and services
 * known to the mesh registry that are not Kubernetes Services given as input (for
 * example registry entries from other clusters or from ServiceEntries elsewhere).
 */
import type { MeshService, ServiceIndex } from "@weft/mesh";

/** Feature switches, named as Istio's pilot flags. */
export interface GatewayFeatures {
  /** Handle the experimental kinds (TCPRoute, TLSRoute, ListenerSet, XBackend...). */
  alphaGatewayAPI: boolean;
  ambientWaypoints: boolean;
  ambientMultiNetwork: boolean;
  /** Accept InferencePool backends. */
  gatewayAPIInferenceExtension: boolean;
  /** Write GatewayClass status beyond the built-in classes' defaults. */
  gatewayClassController: boolean;
}

// The mesh registry's vocabulary is @weft/mesh's: one service registry for the
// translator and the xDS builders (see @weft/mesh `serviceIndex`).
export type { MeshService, MeshServicePort } from "@weft/mesh";

/** Options of `translate` and `gatewayCollections`. */
export interface TranslateOptions {
  /** Cluster domain used in generated hostnames. Defaults to "cluster.local". */
  domainSuffix?: string;
  /** The controllerName this translator answers to. Defaults to "istio.io/gateway-controller". */
  controllerName?: string;
  /** The default cluster's id. Defaults to "Kubernetes". */
  clusterId?: string;
  features?: Partial<GatewayFeatures>;
  /**
   * Services the mesh registry knows beyond the input Services and ServiceEntries; each
   * wins its hostname (see @weft/mesh `ServiceIndexOptions.given`). Give them here or to
   * `serviceIndex`, not both.
   */
  meshServices?: MeshService[];
  /**
   * The mesh service index to look services up in, shared with other consumers (the
   * xDS builders: @weft/xds `controlPlaneCollections` passes one), so every consumer
   * sees the same de-duplicated services. It must be built over the same Services and
   * ServiceEntries as the inputs, with the same `domainSuffix`. Default: the translator
   * builds its own from its inputs, `domainSuffix` and `meshServices`.
   */
  serviceIndex?: ServiceIndex;
  /**
   * The time written as lastTransitionTime of changed conditions (no clocks inside).
   * Defaults to "1970-01-01T00:00:00Z".
   */
  now?: string;
  /**
   * Also reject serving and backend client certificates that are not valid at `now`
   * (expired or not yet valid): the listener gets ResolvedRefs False with reason
   * InvalidCertificateRef (InvalidClientCertificateRef for the backend client
   * certificate). Defaults to false, as Istio, which serves an expired certificate and
   * leaves it to clients to refuse. When true, `now` must be given as an RFC 3339 time.
   */
  rejectExpiredCertificates?: boolean;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  domainSuffix: string;
  controllerName: string;
  clusterId: string;
  features: GatewayFeatures;
  meshServices: MeshService[];
  /** The shared service index, when one was given. */
  serviceIndex: ServiceIndex | undefined;
  now: string;
  /** `now` as ms since the epoch when expired certificates are rejected; else undefined. */
  certificatesValidAt: number | undefined;
}

/** Applies the defaults. */
export function resolveOptions(opts: TranslateOptions | undefined): ResolvedOptions {
  return {
    domainSuffix: opts?.domainSuffix ?? "cluster.local",
    controllerName: opts?.controllerName ?? "istio.io/gateway-controller",
    clusterId: opts?.clusterId ?? "Kubernetes",
    features: {
      alphaGatewayAPI: false,
      ambientWaypoints: false,
      ambientMultiNetwork: false,
      gatewayAPIInferenceExtension: false,
      gatewayClassController: true,
      ...opts?.features,
    },
    meshServices: opts?.meshServices ?? [],
    serviceIndex: sharedServiceIndex(opts),
    now: opts?.now ?? "1970-01-01T00:00:00Z",
    certificatesValidAt: certificatesValidAt(opts),
  };
}

/**
 * The time certificates are checked at. Asking for the check without a usable `now`
 * is a programming error, not bad input: it is reported at once instead of checking
 * against 1970 (which would reject every certificate) or silently checking nothing.
 */
function certificatesValidAt(opts: TranslateOptions | undefined): number | undefined {
  if (opts?.rejectExpiredCertificates !== true) return undefined;
  const at = opts.now === undefined ? Number.NaN : Date.parse(opts.now);
  if (Number.isNaN(at)) throw new TypeError(`rejectExpiredCertificates needs now to be an RFC 3339 time (got ${JSON.stringify(opts.now)})`);
  return at;
}

/**
 * The shared index, checked against the options it must agree with. A mismatch is a
 * programming error, reported at once rather than answering with another cluster's names.
 */
function sharedServiceIndex(opts: TranslateOptions | undefined): ServiceIndex | undefined {
  const shared = opts?.serviceIndex;
  if (shared === undefined) return undefined;
  const domainSuffix = opts?.domainSuffix ?? "cluster.local";
  if (shared.domainSuffix !== domainSuffix) throw new TypeError(`serviceIndex was built for domainSuffix ${JSON.stringify(shared.domainSuffix)}, the translator's is ${JSON.stringify(domainSuffix)}`);
  if ((opts?.meshServices ?? []).length > 0) throw new TypeError("meshServices and serviceIndex given together: give the mesh services to the index (ServiceIndexOptions.given)");
  return shared;
}
