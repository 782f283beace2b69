/**
 * Endpoint scoping (Istio 1.28.1). Which endpoints a service answers with depends on
 * two things besides the endpoints themselves:
 *
 * - its scope: a service scoped to the local cluster must never send traffic to
 *   another cluster, so only endpoints of the local cluster are returned even when
 *   remote clusters have endpoints for the same hostname;
 * - whether it is an InferencePool shadow Service: its one placeholder port does not
 *   match the model servers' ports, and the endpoint picker chooses among every
 *   endpoint, so endpoints-by-port returns all of them whatever their port.
 */

/** The label that marks a Service as the shadow of an InferencePool. */
export const INFERENCE_POOL_LABEL = "istio.io/inferencepool-name";
/** The label Istio releases before the v1 InferencePool API used for the same purpose. */
export const LEGACY_INFERENCE_POOL_LABEL = "inference.x-k8s.io/inference-pool-name";

export type ServiceScope = "local" | "global";

export interface ScopedService {
  hostname: string;
  labels?: Record<string, string>;
  /** Defaults to global: every cluster's endpoints. */
  scope?: ServiceScope;
  ports: { name?: string; port: number }[];
}

export interface ServiceEndpoint {
  address: string;
  /** The port the workload listens on. */
  port: number;
  /** The name of the service port this endpoint serves, as the EndpointSlice says. */
  servicePortName?: string;
  cluster: string;
}

export function isInferencePoolShadow(service: ScopedService): boolean {
  const labels = service.labels;
  if (labels === undefined) return false;
  return [INFERENCE_POOL_LABEL, LEGACY_INFERENCE_POOL_LABEL].some((label) => Object.hasOwn(labels, label));
}

/** The endpoints a service may use from `localCluster`: all of them, or only local ones for a local-scoped service. */
export function scopedEndpoints(service: ScopedService, endpoints: readonly ServiceEndpoint[], localCluster: string): ServiceEndpoint[] {
  if (service.scope !== "local") return [...endpoints];
  return endpoints.filter((e) => e.cluster === localCluster);
}

/**
 * The endpoints behind one service port: those serving the port's name (an unnamed
 * port matches unnamed endpoints), after scoping. For an InferencePool shadow Service
 * every scoped endpoint, whatever its port. A port the service does not have has none.
 */
export function endpointsByPort(
  service: ScopedService,
  endpoints: readonly ServiceEndpoint[],
  servicePort: number,
  localCluster: string,
): ServiceEndpoint[] {
  const port = service.ports.find((p) => p.port === servicePort);
  if (port === undefined) return [];
  const scoped = scopedEndpoints(service, endpoints, localCluster);
  if (isInferencePoolShadow(service)) return scoped;
  return scoped.filter((e) => (e.servicePortName ?? "") === (port.name ?? ""));
}
