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
import { AdsServer, controlPlaneCollections, type ControlPlane, type XdsOutputs } from "@weft/xds";

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
  // Serving xDS needs the whole pipeline (with endpoints from EndpointSlices); else translation alone.
  const slices = opts.xdsAddress === undefined ? undefined : endpointSliceInformer(api, opts);
  const pipeline = slices === undefined ? undefined : controlPlane(informers, slices, opts);
  const outputs = pipeline?.gateway ?? gatewayCollections(informers.inputs, opts.translate);
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
  const xds = pipeline === undefined ? undefined : await serveXds(pipeline, opts);
  // Campaign only once the informers have synced: a leader that wrote from a partial view
  // would report routes as unattached that are merely not listed yet.
  await informers.waitUntilSynced();
  await slices?.waitUntilSynced();
  elector.start();
  return {
    outputs,
    informers,
    elector,
    writer,
    ...(xds === undefined ? {} : { xds }),
    async stop() {
      await writer.stop();
      await elector.stop();
      await xds?.server.close();
      pipeline?.dispose();
      await slices?.stop();
      await informers.stop();
    },
  };
}

/** Which EndpointSlices to watch: those of the namespaces the controller watches. */
function endpointSliceInformer(api: KubeApi, opts: ControllerOptions): Informer<EndpointSlice> {
  return informer<EndpointSlice>(api, resourceOf("EndpointSlice.discovery.k8s.io"), {
    ...(opts.namespaces === undefined ? {} : { namespaces: opts.namespaces }),
    ...(opts.onError === undefined ? {} : { onError: opts.onError }),
  }).start();
}

/** @weft/xds's pipeline over the informers: translation, the mesh's services, endpoints from the slices, xDS. */
function controlPlane(informers: GatewayInformers, slices: Informer<EndpointSlice>, opts: ControllerOptions): ControlPlane {
  const { domainSuffix, ...translate } = opts.translate ?? {};
  return controlPlaneCollections({ gateway: informers.inputs, endpointSlices: slices.collection }, { ...(domainSuffix === undefined ? {} : { domainSuffix }), translate });
}

/** An ADS server over the pipeline's resources (it answers nothing until everything has synced). */
async function serveXds(pipeline: ControlPlane, opts: ControllerOptions): Promise<ControllerXds> {
  const server = new AdsServer(pipeline.xds.resources);
  const port = await server.listen(opts.xdsAddress);
  return { outputs: pipeline.xds, server, port };
}
