/**
 * The shadow Service of each InferencePool. Istio routes to a pool through a headless
 * Service it writes for the pool, so the pool's Pods become ordinary service endpoints:
 *
 * - named by {@link shadowServiceName}, in the pool's namespace;
 * - one port per target port, numbered from 54321 up (`http-0`, `http-1`, ...), each
 *   mapping to its target port: the numbers are placeholders no client dials, and the
 *   endpoint picker chooses among every endpoint whatever its port;
 * - labelled with the pool's name and its endpoint picker (service, port, failure mode),
 *   which is how the proxy config finds the picker, and marked with InferencePool
 *   service semantics;
 * - selecting the pool's Pods, owned by the pool so it goes when the pool goes.
 */
import type { InferencePool, Service } from "@weft/api";
import { collection, type Collection } from "@weft/krt";
import { records, stringMap } from "../model/lists.js";
import { shadowServiceName } from "./shadow-service.js";

export const POOL_NAME_LABEL = "istio.io/inferencepool-name";
export const PICKER_SERVICE_LABEL = "istio.io/inferencepool-extension-service";
export const PICKER_PORT_LABEL = "istio.io/inferencepool-extension-port";
export const PICKER_FAILURE_MODE_LABEL = "istio.io/inferencepool-extension-failure-mode";
export const SERVICE_SEMANTICS_LABEL = "internal.istio.io/service-semantics";

/** The first placeholder port of a shadow Service. */
export const FIRST_SHADOW_PORT = 54321;
/** The endpoint picker's port when the pool does not name one (the extension's default). */
export const DEFAULT_PICKER_PORT = 9002;
/** The failure mode when the pool does not name one (the v1 API's default). */
export const DEFAULT_FAILURE_MODE = "FailClose";

/** The shadow Service of one pool. */
export function shadowService(pool: InferencePool): Service {
  const namespace = pool.metadata.namespace ?? "default";
  const picker = pool.spec?.endpointPickerRef;
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: shadowServiceName(pool.metadata.name),
      namespace,
      labels: {
        [POOL_NAME_LABEL]: pool.metadata.name,
        [PICKER_SERVICE_LABEL]: picker?.name ?? "",
        [PICKER_PORT_LABEL]: String(picker?.port?.number ?? DEFAULT_PICKER_PORT),
        [PICKER_FAILURE_MODE_LABEL]: picker?.failureMode ?? DEFAULT_FAILURE_MODE,
        [SERVICE_SEMANTICS_LABEL]: "inferencepool",
      },
      ownerReferences: [
        {
          apiVersion: pool.apiVersion,
          kind: "InferencePool",
          name: pool.metadata.name,
          uid: pool.metadata.uid ?? "",
        },
      ],
    },
    spec: {
      type: "ClusterIP",
      clusterIP: "None",
      selector: stringMap(pool.spec?.selector?.matchLabels),
      ports: records(pool.spec?.targetPorts).map((target, i) => ({
        name: `http-${i}`,
        protocol: "TCP",
        port: FIRST_SHADOW_PORT + i,
        targetPort: target.number,
      })),
    },
  };
}

/**
 * The shadow Services of every pool, as a krt collection: each depends on its pool
 * alone, so changing one pool's selector rewrites that one Service and nothing else.
 */
export function shadowServices(pools: Collection<InferencePool>): Collection<Service> {
  return collection(pools, (_ctx, pool) => shadowService(pool), { name: "InferencePoolShadowServices" });
}
