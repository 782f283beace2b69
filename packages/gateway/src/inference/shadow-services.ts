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
 * - selecting the pool's Pods, owned by the pool so it goes when the pool goes;
 * - with the pool's appProtocol on every port, when it has one.
 *
 * As Istio's InferencePool collection gates them, a pool has a shadow Service only while
 * it has a gateway parent: an HTTPRoute that references the pool and whose status names a
 * parent accepted by a controller of ours. It has none without an endpoint picker port
 * (Istio requires one), or while the inference extension feature is off.
 */
import { type HTTPRoute, type InferencePool, namespacedKey, namespaceOf, type Service } from "@weft/api";
import { collection, filter, type Collection, type Index } from "@weft/krt";
import type { GatewayInputs } from "../inputs.js";
import { records, stringMap } from "../model/lists.js";
import type { ResolvedOptions } from "../options.js";
import { ourControllers, routeParents, routesByPool as indexRoutesByPool } from "./pool-parents.js";
import { shadowServiceName } from "./shadow-service.js";

export const POOL_NAME_LABEL = "istio.io/inferencepool-name";
export const PICKER_SERVICE_LABEL = "istio.io/inferencepool-extension-service";
export const PICKER_PORT_LABEL = "istio.io/inferencepool-extension-port";
export const PICKER_FAILURE_MODE_LABEL = "istio.io/inferencepool-extension-failure-mode";
export const SERVICE_SEMANTICS_LABEL = "internal.istio.io/service-semantics";

/** The first placeholder port of a shadow Service. */
export const FIRST_SHADOW_PORT = 54321;
/** The failure mode when the pool does not name one (the v1 API's default). */
export const DEFAULT_FAILURE_MODE = "FailClose";

/**
 * The shadow Service of one pool, or undefined when the pool names no endpoint picker
 * port (Istio skips such a pool: the port is required).
 */
export function shadowService(pool: InferencePool): Service | undefined {
  const namespace = namespaceOf(pool);
  const picker = pool.spec?.endpointPickerRef;
  const pickerPort = picker?.port?.number;
  if (pickerPort === undefined) return undefined;
  const appProtocol = typeof pool.spec?.appProtocol === "string" && pool.spec.appProtocol !== "" ? { appProtocol: pool.spec.appProtocol } : {};
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: shadowServiceName(pool.metadata.name),
      namespace,
      labels: {
        [POOL_NAME_LABEL]: pool.metadata.name,
        [PICKER_SERVICE_LABEL]: picker?.name ?? "",
        [PICKER_PORT_LABEL]: String(pickerPort),
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
        ...appProtocol,
      })),
    },
  };
}

/**
 * The shadow Services of the pools that have a gateway parent, as a krt collection: each
 * depends on its pool and the routes that reference it alone, so changing one pool's
 * selector rewrites that one Service, and removing the last route to a pool deletes its
 * Service and nothing else.
 */
export function shadowServices(
  inputs: Pick<GatewayInputs, "inferencePools" | "httpRoutes">,
  opts: ResolvedOptions,
  routesByPool: Index<string, HTTPRoute> = indexRoutesByPool(inputs.httpRoutes),
): Collection<Service> {
  const controllers = ourControllers(opts);
  return collection(
    inputs.inferencePools,
    (ctx, pool) => {
      if (!opts.features.gatewayAPIInferenceExtension) return undefined;
      const routes = ctx.fetch(inputs.httpRoutes, filter.index(routesByPool, namespacedKey(pool)));
      return routeParents(routes, controllers).length > 0 ? shadowService(pool) : undefined;
    },
    { name: "InferencePoolShadowServices" },
  );
}
