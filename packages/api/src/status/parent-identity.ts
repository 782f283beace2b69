/**
 * Which object a parentRef names, once its defaults are applied: the one rule the
 * translator (finding the parent, ordering parent statuses) and the status merges
 * (matching an existing entry to ours) share.
 *
 * The rule, as Istio applies it (its parentRefString, used both to order new parent
 * statuses and to find existing ones): a field is defaulted only when it is absent.
 * An absent group is the Gateway API's and an absent kind is Gateway, but an empty
 * group is a value, the core group (where Services live), so `{group: "", kind:
 * "Gateway"}` names no Gateway; an empty namespace is a value too (it names no
 * namespace, and the CRD refuses it), not the route's. An empty sectionName and an
 * absent one both mean the whole parent, and an absent port is written as 0.
 */
import { GATEWAY_GROUP } from "../gateway-api/shared.js";

/** The fields of a parentRef (or a ListenerSet's parentRef, which has no section or port). */
export interface ParentRefFields {
  group?: string | undefined;
  kind?: string | undefined;
  namespace?: string | undefined;
  name: string;
  sectionName?: string | undefined;
  port?: number | undefined;
}

/** A parentRef with its defaults applied (see the module comment). */
export interface ResolvedParentRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  /** "" for the whole parent. */
  sectionName: string;
  /** 0 for every port. */
  port: number;
}

/** `ref` with its defaults applied: absent fields only, `namespace` being the referring object's. */
export function resolveParentRef(ref: ParentRefFields, namespace: string): ResolvedParentRef {
  return {
    group: ref.group ?? GATEWAY_GROUP,
    kind: ref.kind ?? "Gateway",
    namespace: ref.namespace ?? namespace,
    name: ref.name,
    sectionName: ref.sectionName ?? "",
    port: ref.port ?? 0,
  };
}

/**
 * The identity of a parent, `group/kind/name/section/port.namespace` with defaults
 * applied: equal for two parentRefs naming the same parent, and the string Istio
 * orders parent statuses by.
 */
export function parentIdentity(ref: ParentRefFields, routeNamespace: string): string {
  const r = resolveParentRef(ref, routeNamespace);
  return `${r.group}/${r.kind}/${r.name}/${r.sectionName}/${r.port}.${r.namespace}`;
}
