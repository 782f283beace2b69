/**
 * HTTP VirtualServices are shared: every HTTPRoute and GRPCRoute bound to the same
 * Istio Gateway and hostname, whatever its namespace, contributes its routes to one
 * VirtualService named `<gateway namespace>~<Istio Gateway>~<hostname>`. Contributors
 * are ordered by age, namespace and name; the first gives the VirtualService its
 * namespace; its routes are the contributors' in that order, sorted by precedence.
 */
import { compareStrings } from "@weft/api";
import type { HTTPRoute as IstioHTTPRoute, VirtualService } from "../model/istio.js";
import { sortByPrecedence } from "./http-sort.js";

/** One route's contribution to one VirtualService. */
export interface Fragment {
  /** `<gateway namespace>/<Istio Gateway>/<host>`: one VirtualService each. */
  vsKey: string;
  key: string;
  vsName: string;
  namespace: string;
  gateway: string;
  host: string;
  /** `HTTPRoute/<name>.<namespace>` */
  parent: string;
  /** Orders fragments before the precedence sort: route age, namespace, name. */
  order: [string, string, string];
  creationTimestamp?: string;
  routes: IstioHTTPRoute[];
}

function compareOrder(a: Fragment, b: Fragment): number {
  return compareStrings(a.order[0], b.order[0]) || compareStrings(a.order[1], b.order[1]) || compareStrings(a.order[2], b.order[2]);
}

/** The VirtualService made of `fragments` (all with the same vsKey). */
export function mergeFragments(fragments: readonly Fragment[]): VirtualService | undefined {
  if (fragments.length === 0) return undefined;
  const ordered = [...fragments].sort(compareOrder);
  const first = ordered[0]!;
  const parents = [...new Set(ordered.map((f) => f.parent))];
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: {
      name: first.vsName,
      namespace: first.namespace,
      annotations: { "internal.istio.io/parents": parents.join(","), "internal.istio.io/route-semantics": "gateway" },
      ...(first.creationTimestamp === undefined ? {} : { creationTimestamp: first.creationTimestamp }),
    },
    spec: { gateways: [first.gateway], hosts: [first.host], http: sortByPrecedence(ordered.flatMap((f) => f.routes)) },
  };
}
