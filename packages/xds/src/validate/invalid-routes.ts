/**
 * A RouteConfiguration in which only some routes break a protoc-gen-validate rule is
 * served without those routes, rather than held back whole: a client refuses the whole
 * configuration for one bad route, which would freeze every other route of the proxy on
 * that port (other routes' owners' edits included). Violations anywhere else (a virtual
 * host's domains, the configuration itself) still hold the whole resource back.
 */
import { clone, type Message } from "@bufbuild/protobuf";
import { RouteConfigurationSchema, type RouteConfiguration } from "../gen/envoy/config/route/v3/route_pb.js";
import { xdsResource, type XdsResource } from "../resource.js";
import { ROUTE_TYPE } from "../resource-types.js";
import type { Violation } from "./validate-message.js";
import { resourceViolations } from "./validate-resource.js";

const ROUTE_PATH = /^virtual_hosts\[(\d+)\]\.routes\[(\d+)\]/;

/** The route a violation lies in (`virtual_hosts[1].routes[3]`), or undefined when it lies outside every route. */
function violatingRoute(resource: XdsResource, violation: Violation): { virtualHost: number; route: number } | undefined {
  if (resource.typeUrl !== ROUTE_TYPE) return undefined;
  const m = ROUTE_PATH.exec(violation.path);
  return m === null ? undefined : { virtualHost: Number(m[1]), route: Number(m[2]) };
}

/** `resource` without the routes its violations lie in, when every violation lies in a route and what is left breaks no rule; otherwise undefined. */
export function withoutInvalidRoutes(resource: XdsResource, violations: readonly Violation[]): XdsResource | undefined {
  // The gate and the problems collection both ask; a resource is immutable once built.
  if (memo.has(resource)) return memo.get(resource);
  const pruned = prune(resource, violations);
  memo.set(resource, pruned);
  return pruned;
}

const memo = new WeakMap<XdsResource, XdsResource | undefined>();

function prune(resource: XdsResource, violations: readonly Violation[]): XdsResource | undefined {
  const dropped = new Map<number, Set<number>>();
  for (const v of violations) {
    const at = violatingRoute(resource, v);
    if (at === undefined) return undefined;
    const routes = dropped.get(at.virtualHost) ?? new Set<number>();
    dropped.set(at.virtualHost, routes.add(at.route));
  }
  const copy = clone(RouteConfigurationSchema, resource.message as RouteConfiguration);
  for (const [i, host] of copy.virtualHosts.entries()) {
    const drop = dropped.get(i);
    if (drop !== undefined) host.routes = host.routes.filter((_route, j) => !drop.has(j));
  }
  const leftOut = [...dropped.values()].reduce((n, s) => n + s.size, 0);
  const problems = [...(resource.problems ?? []), `${leftOut} route(s) Envoy would reject left out`];
  const pruned = xdsResource(RouteConfigurationSchema, resource, copy as RouteConfiguration & Message, problems);
  return resourceViolations(pruned).length === 0 ? pruned : undefined;
}
