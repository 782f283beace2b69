/**
 * Listener conflicts as a collection, computed once per Gateway over the Gateway's own
 * listeners and those of the ListenerSets that may attach to it. Its items are per
 * owner (the Gateway, or one set) and exist only for owners that lost a conflict, so a
 * set change that moves no conflict emits nothing, and each owner's consumer re-runs
 * only when its own conflicts change.
 */
import { namespaceOf, type ListenerConflictReason, namespacedKeyOf } from "@weft/api";
import { filter, index, manyCollection, type Collection, type Index } from "@weft/krt";
import { isOurClass } from "../gateways/classes.js";
import type { GatewayInputs } from "../inputs.js";
import { records } from "../model/lists.js";
import type { ListenerSet } from "../model/resources.js";
import type { ResolvedOptions } from "../options.js";
import { allowedListenersUseSelector, allowsListenersFrom } from "./allowed-listeners.js";
import { findConflicts, type AttachedGroup, type ListenerShape } from "./conflicts.js";
import { entryListener, gatewayOwnerKey, listenerSetKey, parentGatewayKey } from "./identity.js";

/** The listeners of one owner that lost a conflict, with the reason, by listener name. */
export interface OwnerConflicts {
  /** The owner's kind-qualified key (see identity.ts). */
  key: string;
  conflicts: Record<string, ListenerConflictReason>;
}

/** ListenerSets filed under the namespace/name of the Gateway their parentRef names. */
export function listenerSetsByParent(sets: Collection<ListenerSet>): Index<string, ListenerSet> {
  return index(sets, (set) => {
    const parent = parentGatewayKey(set);
    return parent === undefined ? [] : [parent];
  });
}

function shape(l: { name: string; port: number; protocol: string; hostname?: string | undefined }): ListenerShape {
  return { name: l.name, port: l.port, protocol: l.protocol, ...(l.hostname === undefined ? {} : { hostname: l.hostname }) };
}

export function listenerConflicts(inputs: GatewayInputs, setsByParent: Index<string, ListenerSet>, opts: ResolvedOptions): Collection<OwnerConflicts> {
  return manyCollection(
    inputs.gateways,
    (ctx, gw): OwnerConflicts[] => {
      const className = gw.spec?.gatewayClassName ?? "";
      // Only Istio's own class merges ListenerSets; the others never see them.
      if (!isOurClass(className, ctx.fetchOne(inputs.gatewayClasses, filter.key(className)), opts)) return [];
      const namespace = namespaceOf(gw);
      const sets = ctx.fetch(inputs.listenerSets, filter.index(setsByParent, namespacedKeyOf(namespace, gw.metadata.name)));
      const lookupNamespace = (name: string) => (allowedListenersUseSelector(gw) ? ctx.fetchOne(inputs.namespaces, filter.key(name)) : undefined);
      // A set the Gateway does not admit must not push the admitted ones aside.
      const eligible: AttachedGroup[] = sets
        .filter((set) => allowsListenersFrom(gw, namespaceOf(set), lookupNamespace))
        .map((set) => ({
          owner: listenerSetKey(namespaceOf(set), set.metadata.name),
          namespace: namespaceOf(set),
          name: set.metadata.name,
          ...(set.metadata.creationTimestamp === undefined ? {} : { creationTimestamp: set.metadata.creationTimestamp }),
          listeners: records(set.spec?.listeners).map((entry) => shape(entryListener(entry).listener)),
        }));
      const own = { owner: gatewayOwnerKey(namespace, gw.metadata.name), listeners: records(gw.spec?.listeners).map(shape) };
      return Object.entries(findConflicts(own, eligible)).map(([key, conflicts]) => ({ key, conflicts }));
    },
    { name: "ListenerConflicts", key: (c) => c.key },
  );
}
