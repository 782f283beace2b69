/**
 * Informers for every input of @weft/gateway's translator, as a `GatewayInputs` to pass
 * to `gatewayCollections`, plus the lookup the status writer uses to find the object
 * behind a status document.
 *
 * Which kinds feed which input is not kept in a table here: it is the translator's
 * own (`GATEWAY_INPUT_KINDS`, what `staticInputs` sorts by), so a kind the translator
 * learns to read is watched without a change here.
 */
import { type GroupKind, groupKindKey, groupOf, KINDS, objectKey } from "@weft/api";
import { join, staticCollection, type Collection } from "@weft/krt";
import { GATEWAY_INPUT_KINDS, type GatewayInputs, type InputKind } from "@weft/gateway";
import type { KubeApi, KubeObjectLike } from "./api.js";
import { informer, type Informer, type InformerOptions, type InformerErrorContext } from "./informer.js";
import { resourceOf } from "./resources.js";

/** Kinds every cluster running the translator has; the others may be missing (CRDs not installed). */
const REQUIRED: ReadonlySet<string> = new Set([
  "Service",
  "Namespace",
  "Secret",
  "ConfigMap",
  "GatewayClass.gateway.networking.k8s.io",
  "Gateway.gateway.networking.k8s.io",
  "HTTPRoute.gateway.networking.k8s.io",
  "GRPCRoute.gateway.networking.k8s.io",
  "ReferenceGrant.gateway.networking.k8s.io",
]);

export interface GatewayInformerOptions {
  /** Watch namespaced kinds only in these namespaces. Default: all. */
  namespaces?: readonly string[];
  /** Whether a kind may be absent from the cluster. Default: all but core and standard Gateway API kinds. */
  optional?: (groupKind: GroupKind) => boolean;
  /** Options passed to every informer (backoff, timeouts...). */
  informer?: Omit<InformerOptions<unknown>, "namespaces" | "optional" | "onError" | "name" | "parse">;
  onError?: (error: unknown, context: InformerErrorContext) => void;
}

/** The translator's inputs, fed from the cluster. */
export interface GatewayInformers {
  readonly inputs: GatewayInputs;
  /** Every informer, by GroupKind (`HTTPRoute.gateway.networking.k8s.io`, `Service`). */
  readonly informers: ReadonlyMap<GroupKind, Informer<unknown>>;
  start(): this;
  stop(): Promise<void>;
  hasSynced(): boolean;
  waitUntilSynced(signal?: AbortSignal): Promise<void>;
  /** The informer's copy of the object a status document is about. */
  current(doc: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string | undefined } }): KubeObjectLike | undefined;
}

/**
 * Which GroupKinds each input of the translator reads (from `GATEWAY_INPUT_KINDS`),
 * limited to the kinds @weft/api knows how to list and watch.
 */
export function gatewayInputKinds(): Map<keyof GatewayInputs, GroupKind[]> {
  const out = new Map<keyof GatewayInputs, GroupKind[]>();
  for (const [input, { kind, groups }] of Object.entries(GATEWAY_INPUT_KINDS) as [keyof GatewayInputs, InputKind][]) {
    out.set(
      input,
      groups.map((group) => groupKindKey(group, kind)).filter((gk): gk is GroupKind => Object.hasOwn(KINDS, gk)),
    );
  }
  return out;
}

/** Informers for every translator input. Call `start()`, then build `gatewayCollections(inputs)`. */
export function gatewayInformers(api: KubeApi, opts: GatewayInformerOptions = {}): GatewayInformers {
  const optional = opts.optional ?? ((gk: GroupKind) => !REQUIRED.has(gk));
  const informers = new Map<GroupKind, Informer<unknown>>();
  const inputs: Record<string, Collection<unknown>> = {};
  for (const [input, kinds] of gatewayInputKinds()) {
    const collections = kinds.map((gk) => {
      const inf = informer<unknown>(api, resourceOf(gk), {
        ...opts.informer,
        name: kinds.length === 1 ? input : `${input}/${gk}`,
        ...(opts.namespaces === undefined ? {} : { namespaces: opts.namespaces }),
        optional: optional(gk),
        ...(opts.onError === undefined ? {} : { onError: opts.onError }),
      });
      informers.set(gk, inf);
      return inf.collection;
    });
    // An input reading several kinds (or none) is their union (or an empty, synced one).
    inputs[input] = collections.length === 1 ? collections[0]! : collections.length === 0 ? staticCollection([], { name: input }) : join(collections, { name: input });
  }
  const all = [...informers.values()];
  const byGroupKind = (apiVersion: string, kind: string) => informers.get(groupKindKey(groupOf(apiVersion), kind) as GroupKind);
  return {
    inputs: inputs as unknown as GatewayInputs,
    informers,
    start() {
      for (const inf of all) inf.start();
      return this;
    },
    async stop() {
      await Promise.all(all.map((inf) => inf.stop()));
    },
    hasSynced: () => all.every((inf) => inf.hasSynced()),
    async waitUntilSynced(signal) {
      await Promise.all(all.map((inf) => inf.waitUntilSynced(signal)));
    },
    current(doc) {
      return byGroupKind(doc.apiVersion, doc.kind)?.collection.get(objectKey(doc)) as KubeObjectLike | undefined;
    },
  };
}
