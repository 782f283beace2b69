/**
 * ListenerSets as krt collections: one model per set (read from its parent Gateway,
 * the parent's class, its own conflicts, and the Secrets, grants, Namespaces and
 * registry services it refers to), the Istio Gateways of its valid listeners, and its
 * status once routes have attached. A set change recomputes that set, its parent's
 * status (which fetches the sets by parent) and the routes bound to it, nothing else.
 */
import { mergeConditions, namespacedKey, namespaceOf } from "@weft/api";
import { collection, filter, index, manyCollection, type Collection, type Index } from "@weft/krt";
import { istioGatewaysOf } from "../gateways/istio-gateways.js";
import type { GatewayInputs } from "../inputs.js";
import type { IstioGateway } from "../model/istio.js";
import type { ListenerSet } from "../model/resources.js";
import type { MeshService, ResolvedOptions } from "../options.js";
import { referenceAllowed } from "../references.js";
import { statusDocument, statusKey, type StatusDocument } from "../status/documents.js";
import { listenerSetSupport } from "./class-support.js";
import type { OwnerConflicts } from "./conflict-collection.js";
import { listenerSetKey, parentGatewayKey } from "./identity.js";
import { isAttached, listenerSetModel, type ListenerSetLookups, type ListenerSetModel } from "./listener-set-model.js";

/** The model of every ListenerSet whose parent Gateway belongs to one of Istio's classes. */
export function listenerSetModels(inputs: GatewayInputs, conflicts: Collection<OwnerConflicts>, registry: Collection<MeshService>, opts: ResolvedOptions): Collection<ListenerSetModel> {
  return collection(
    inputs.listenerSets,
    (ctx, set: ListenerSet): ListenerSetModel | undefined => {
      // A parent of another kind, a missing parent, or another controller's: not ours to report on.
      const parentKey = parentGatewayKey(set);
      const gateway = parentKey === undefined ? undefined : ctx.fetchOne(inputs.gateways, filter.key(parentKey));
      if (gateway === undefined) return undefined;
      const className = gateway.spec?.gatewayClassName ?? "";
      const support = listenerSetSupport(className, ctx.fetchOne(inputs.gatewayClasses, filter.key(className)), opts);
      if (support === "not-ours") return undefined;
      const key = listenerSetKey(namespaceOf(set), set.metadata.name);
      const lookups: ListenerSetLookups = {
        secret: (ns, name) => ctx.fetchOne(inputs.secrets, filter.key(`${ns}/${name}`)),
        configMap: (ns, name) => ctx.fetchOne(inputs.configMaps, filter.key(`${ns}/${name}`)),
        allowed: (from, to) => referenceAllowed(ctx, inputs.referenceGrants, from, to),
        certificatesValidAt: opts.certificatesValidAt,
        namespace: (name) => ctx.fetchOne(inputs.namespaces, filter.key(name)),
        namespaces: () => ctx.fetch(inputs.namespaces),
        service: (hostname) => ctx.fetchOne(registry, filter.key(hostname)),
      };
      const parent = {
        gateway,
        className,
        supported: support === "supported",
        conflicts: support === "supported" ? (ctx.fetchOne(conflicts, filter.key(key))?.conflicts ?? {}) : {},
      };
      return listenerSetModel(set, parent, lookups, opts.domainSuffix);
    },
    { name: "ListenerSetModels", key: (m) => m.key },
  );
}

/**
 * The sets routes may bind to: those with a listener their parent serves. A set with
 * none is no parent at all, so a route's parentRef to it gets no status entry (as for
 * a Gateway that is not ours), rather than an acceptance with nowhere to go.
 */
export function listenerSetRouteParents(models: Collection<ListenerSetModel>): Collection<ListenerSetModel> {
  return collection(models, (_ctx, m) => (isAttached(m) ? m : undefined), { name: "ListenerSetRouteParents", key: (m) => m.key });
}

/** The set models filed under their parent Gateway's namespace/name, for the parent's status. */
export function listenerSetModelsByParent(models: Collection<ListenerSetModel>): Index<string, ListenerSetModel> {
  return index(models, (m) => [m.parentKey]);
}

/** The Istio Gateways of every set's valid listeners. */
export function listenerSetIstioGateways(models: Collection<ListenerSetModel>): Collection<IstioGateway> {
  return manyCollection(models, (_ctx, m) => istioGatewaysOf(m), { name: "ListenerSetIstioGateways", key: namespacedKey });
}

/** A route bound to one listener of a parent (Gateway or ListenerSet), as the status counts it. */
export interface ListenerAttachment {
  gatewayKey: string;
  listener: string;
}

/** The status of every set: its conditions and, unless rejected as a whole, each listener's. */
export function listenerSetStatuses<A extends ListenerAttachment>(
  models: Collection<ListenerSetModel>,
  attachments: Collection<A>,
  attachmentsByParent: Index<string, A>,
  now: string,
): Collection<StatusDocument> {
  return collection(
    models,
    (ctx, m): StatusDocument => {
      const attached = m.reportListeners ? ctx.fetch(attachments, filter.index(attachmentsByParent, m.key)) : [];
      const listeners = m.listeners.map((l) => ({
        attachedRoutes: attached.filter((a) => a.listener === l.name).length,
        conditions: mergeConditions(m.previous?.listeners?.find((p) => p.name === l.name)?.conditions, l.conditions, now, m.generation),
        name: l.name,
        // The ListenerSet API omits an empty list, unlike the Gateway's.
        ...(l.supportedKinds.length > 0 ? { supportedKinds: l.supportedKinds } : {}),
      }));
      return statusDocument(
        { apiVersion: "gateway.networking.k8s.io/v1", kind: "ListenerSet", metadata: { name: m.name, namespace: m.namespace } },
        {
          conditions: mergeConditions(m.previous?.conditions, m.conditions, now, m.generation),
          ...(listeners.length > 0 ? { listeners } : {}),
        },
      );
    },
    { name: "ListenerSetStatuses", key: statusKey },
  );
}
