/**
 * ReferenceGrant: an object may refer to one in another namespace (a route to a
 * backend, a Gateway to a certificate) only when a ReferenceGrant in the target's
 * namespace allows references from the referrer's group, kind and namespace to the
 * target's group, kind and (if named) name.
 */
import { items } from "./model/lists.js";
import { filter, type Collection, type HandlerContext } from "@weft/krt";
import type { ReferenceGrant } from "./model/resources.js";

export interface Referrer {
  group: string;
  kind: string;
  namespace: string;
}

export interface Referent {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Whether `from` may refer to `to`; same-namespace references always may. */
export function referenceAllowed(ctx: HandlerContext, grants: Collection<ReferenceGrant>, from: Referrer, to: Referent): boolean {
  if (from.namespace === to.namespace) return true;
  for (const grant of ctx.fetch(grants, filter.namespace(to.namespace))) {
    const spec = grant.spec;
    if (spec === undefined) continue;
    const fromOk = items(spec.from).some((f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace);
    if (!fromOk) continue;
    if (items(spec.to).some((t) => (t.group ?? "") === to.group && t.kind === to.kind && (t.name === undefined || t.name === "" || t.name === to.name))) return true;
  }
  return false;
}
