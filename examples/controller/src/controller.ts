/**
 * A Gateway API controller to embed in your own process: informers fed from the cluster
 * a KubeConfig points at, @weft/gateway's translator over them, and a status writer that
 * writes only while this replica holds the Lease. The Istio config it computes is live
 * krt collections: hand them to whatever serves your proxies (an ADS server once
 * @weft/xds exists; here, a log).
 */
import type { KubeConfig } from "@kubernetes/client-node";
import { gatewayCollections, type GatewayOutputs, type StatusDocument, type TranslateOptions } from "@weft/gateway";
import { clientNodeApi, gatewayInformers, LeaderElector, StatusWriter, type GatewayInformers, type InformerProblem, type WriteReport } from "@weft/kube";

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
  onProblem?: (problem: InformerProblem) => void;
  onWrite?: (report: WriteReport) => void;
  onLeadership?: (leading: boolean) => void;
}

/** A running controller. */
export interface Controller {
  outputs: GatewayOutputs;
  informers: GatewayInformers;
  elector: LeaderElector;
  writer: StatusWriter<StatusDocument>;
  /** Stops writing (handing the Lease over), then stops watching. */
  stop(): Promise<void>;
}

/** Starts the controller; resolves once its informers have listed everything. */
export async function startController(kubeConfig: KubeConfig, opts: ControllerOptions): Promise<Controller> {
  const api = clientNodeApi(kubeConfig);
  const informers = gatewayInformers(api, { ...(opts.namespaces === undefined ? {} : { namespaces: opts.namespaces }), ...(opts.onProblem === undefined ? {} : { onProblem: opts.onProblem }) }).start();
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
  // Campaign only once the informers have synced: a leader that wrote from a partial view
  // would report routes as unattached that are merely not listed yet.
  await informers.waitUntilSynced();
  elector.start();
  return {
    outputs,
    informers,
    elector,
    writer,
    async stop() {
      await writer.stop();
      await elector.stop();
      await informers.stop();
    },
  };
}
