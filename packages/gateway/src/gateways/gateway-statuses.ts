/**
 * The status documents of Gateways and GatewayClasses. A Gateway's combines its model
 * (conditions, listeners), the routes attached to each listener, and its ListenerSets
 * (attachedListenerSets, and the addresses they share).
 */
import { GATEWAY_GROUP, mergeConditions, type GatewayClassCondition } from "@weft/api";
import { collection, filter, type Collection, type Index } from "@weft/krt";
import type { GatewayInputs } from "../inputs.js";
import type { ListenerSetModel } from "../listenersets/listener-set-model.js";
import { parentStatusParts } from "../listenersets/parent-status.js";
import { records } from "../model/lists.js";
import type { MeshService, ResolvedOptions } from "../options.js";
import type { Attachment } from "../routes/route-results.js";
import { statusDocument, statusKey, type StatusDocument } from "../status/documents.js";
import { isKnownController } from "./classes.js";
import type { GatewayModel } from "./gateway-model.js";

/** What a Gateway's status is built from besides its model. */
export interface GatewayStatusInputs {
  attachments: Collection<Attachment>;
  attachmentsByGateway: Index<string, Attachment>;
  listenerSets: Collection<ListenerSetModel>;
  listenerSetsByGateway: Index<string, ListenerSetModel>;
  registry: Collection<MeshService>;
}

export function gatewayStatuses(gateways: Collection<GatewayModel>, from: GatewayStatusInputs, opts: ResolvedOptions): Collection<StatusDocument> {
  const { attachments, attachmentsByGateway, listenerSets, listenerSetsByGateway, registry } = from;
  return collection(
    gateways,
    (ctx, m): StatusDocument => {
      const attached = ctx.fetch(attachments, filter.index(attachmentsByGateway, m.key));
      const sets = ctx.fetch(listenerSets, filter.index(listenerSetsByGateway, m.key));
      const parts = parentStatusParts(m, sets, (host) => ctx.fetchOne(registry, filter.key(host)));
      const previous = m.previous;
      const previousListener = (name: string) => previous?.listeners?.find((l) => l.name === name)?.conditions;
      // An address, once reported, is kept while none can be resolved (as Istio does).
      const addresses = parts.addresses.length > 0 ? parts.addresses : [...(previous?.addresses ?? [])];
      return statusDocument(
        { apiVersion: `${GATEWAY_GROUP}/v1`, kind: "Gateway", metadata: { name: m.name, namespace: m.namespace } },
        {
          ...(addresses.length > 0 ? { addresses } : {}),
          ...(parts.attachedListenerSets === undefined ? {} : { attachedListenerSets: parts.attachedListenerSets }),
          conditions: mergeConditions(previous?.conditions, parts.conditions, opts.now, m.generation),
          // A Gateway rejected as a whole reports no listeners; an empty list is omitted.
          ...(m.reportListeners && m.listeners.length > 0
            ? {
                listeners: m.listeners.map((l) => ({
                  attachedRoutes: attached.filter((a) => a.listener === l.name).length,
                  conditions: mergeConditions(previousListener(l.name), l.conditions, opts.now, m.generation),
                  name: l.name,
                  supportedKinds: l.supportedKinds,
                })),
              }
            : {}),
        },
      );
    },
    { name: "GatewayStatuses", key: statusKey },
  );
}

const HANDLED: GatewayClassCondition = { type: "Accepted", status: "True", reason: "Accepted", message: "Handled by Istio controller" };

/** Every GatewayClass of ours is Accepted. */
export function gatewayClassStatuses(inputs: GatewayInputs, opts: ResolvedOptions): Collection<StatusDocument> {
  return collection(
    inputs.gatewayClasses,
    (_ctx, cls): StatusDocument | undefined =>
      !isKnownController(cls.spec?.controllerName, opts)
        ? undefined
        : statusDocument(cls, {
            conditions: mergeConditions(records(cls.status?.conditions), [HANDLED], opts.now, cls.metadata.generation),
          }),
    { name: "GatewayClassStatuses", key: statusKey },
  );
}
