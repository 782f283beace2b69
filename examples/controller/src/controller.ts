/**
 * A Gateway API controller to embed in your own process: informers fed from the cluster
 * a KubeConfig points at, @weft/gateway's translator over them, a status writer that
 * writes only while this replica holds the Lease, and (when asked) @weft/xds's ADS
 * server, serving the Envoy resources built from the translated config to gateway
 * proxies and proxyless gRPC clients. Every replica serves xDS from its own informers;
 * only statuses are the leader's job.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { EndpointSlice } from "@weft/api";
import { gatewayCollections, type GatewayOutputs, type StatusDocument, type TranslateOptions } from "@weft/gateway";
import { clientNodeApi, gatewayInformers, informer, LeaderElector, resourceOf, StatusWriter, type GatewayInformers, type Informer, type InformerErrorContext, type KubeApi, type WriteReport } from "@weft/kube";
import { serviceIndex } from "@weft/mesh";
import { AdsServer, xdsCollections, xdsInputsFromGateway, type XdsOutputs } from "@weft/xds";
import { serviceEndpoints } from "./endpoints.js";

export interface ControllerOptions {
  /** This replica's name, unique among replicas (a pod name). */
  identity: string;
  /** Where the leader-election Lease lives. Default "istio-system". */
  leaseNamespace?: string;
  /** Watch only these namespaces (cluster-scoped kinds are always watched). Default: all. */
  namespaces?: string[];
  translate?: TranslateOptions;
  /** Lease timings; the defaults (15 s / 10 s / 2 s) suit a real cluster. */
  lease?: { leaseDurationMs?: number; renewDeadlineMs?: number; retryPeriodMs?: number };
  /** Failing requests (retried) and rejected objects of every informer. Default: the error sink of @weft/krt. */
  onError?: (error: unknown, context: InformerErrorContext) => void;
  onWrite?: (report: WriteReport) => void;
  onLeadership?: (leading: boolean) => void;
  /** Serve xDS over ADS on this address (`0.0.0.0:15010`; port 0 picks one). Default: no xDS. */
  xdsAddress?: string;
}

/** The xDS side of a running controller. */
export interface ControllerXds {
  outputs: XdsOutputs;
  server: AdsServer;
  /** The port the ADS server listens on. */
  port: number;
}

/** A running controller. */
export interface Controller {
  outputs: GatewayOutputs;
  informers: GatewayInformers;
  elector: LeaderElector;
  writer: StatusWriter<StatusDocument>;
  xds?: ControllerXds;
  /** Stops writing (handing the Lease over) and serving, then stops watching. */
  stop(): Promise<void>;
}

/** Starts the controller; resolves once its informers have listed everything. */
export async function startController(kubeConfig: KubeConfig, opts: ControllerOptions): Promise<Controller> {
  const api = clientNodeApi(kubeConfig);
  const informers = gatewayInformers(api, { ...(opts.namespaces === undefined ? {} : { namespaces: opts.namespaces }), ...(opts.onError === undefined ? {} : { onError: opts.onError }) }).start();
  const outputs = gatewayCollections(informers.inputs, opts.translate);
  const elector = new LeaderElector(api, { namespace: opts.leaseNamespace ?? "istio-system", name: "weft-gateway-controller", identity: opts.identity, ...opts.lease });
  if (opts.onLeadership !== undefined) elector.subscribe(opts.onLeadership);
  const writer = new StatusWriter<StatusDocument>({
    api,
    statuses: outputs.statuses,
    controllerName: opts.translate?.controllerName ?? "istio.io/gateway-controller",
    current: (doc) => informers.current(doc),
    leadership: elector,
    ...(opts.onWrite === undefined ? {} : { onWrite: opts.onWrite }),
  }).start();
  const xds = opts.xdsAddress === undefined ? undefined : await serveXds(api, informers, outputs, opts);
  // Campaign only once the informers have synced: a leader that wrote from a partial view
  // would report routes as unattached that are merely not listed yet.
  await informers.waitUntilSynced();
  await xds?.slices.waitUntilSynced();
  elector.start();
  return {
    outputs,
    informers,
    elector,
    writer,
    ...(xds === undefined ? {} : { xds: xds.served }),
    async stop() {
      await writer.stop();
      await elector.stop();
      await xds?.served.server.close();
      await xds?.slices.stop();
      await informers.stop();
    },
  };
}

/**
 * xDS from the translated config: the mesh's services from the Service and ServiceEntry
 * informers, endpoints from an EndpointSlice informer, and an ADS server over the result
 * (it answers nothing until everything has synced).
 */
async function serveXds(api: KubeApi, informers: GatewayInformers, outputs: GatewayOutputs, opts: ControllerOptions): Promise<{ served: ControllerXds; slices: Informer<EndpointSlice> }> {
  const domainSuffix = opts.translate?.domainSuffix ?? "cluster.local";
  const slices = informer<EndpointSlice>(api, resourceOf("EndpointSlice.discovery.k8s.io"), {
    ...(opts.namespaces === undefined ? {} : { namespaces: opts.namespaces }),
    ...(opts.onError === undefined ? {} : { onError: opts.onError }),
  }).start();
  const services = serviceIndex(informers.inputs.services, informers.inputs.serviceEntries, { domainSuffix }).canonical;
  const endpoints = serviceEndpoints(slices.collection, informers.inputs.services, domainSuffix);
  const xdsOutputs = xdsCollections(xdsInputsFromGateway(outputs, services, endpoints), { domainSuffix });
  const server = new AdsServer(xdsOutputs.resources);
  const port = await server.listen(opts.xdsAddress);
  return { served: { outputs: xdsOutputs, server, port }, slices };
}
