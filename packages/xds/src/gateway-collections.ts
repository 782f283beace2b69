/**
 * Gateway proxies as krt collections: proxies, their merged plans, and from the plans a
 * Listener per port and bind and a RouteConfiguration per RDS route. A VirtualService
 * change re-runs only the route configurations of the gateways it binds to (and the
 * listeners, if it has TCP or TLS routes); a Gateway change re-plans only its proxy.
 */
import { collection, filter, index, manyCollection, type Collection } from "@weft/krt";
import { ListenerSchema } from "./gen/envoy/config/listener/v3/listener_pb.js";
import { RouteConfigurationSchema } from "./gen/envoy/config/route/v3/route_pb.js";
import type { XdsInputs } from "./inputs.js";
import { gatewayListener } from "./listeners/gateway-listener.js";
import { httpVirtualServicesFor, l4VirtualServicesFor, routeContext, type Lookups } from "./lookups.js";
import { planProxy, type ListenerPlan, type ProxyPlan, type RoutePlan } from "./proxy-plans.js";
import { gatewayScope, sameResource, xdsResource, type XdsResource } from "./resource.js";
import { LISTENER_TYPE, ROUTE_TYPE } from "./resource-types.js";
import { resolveDestination } from "./routes/route-action.js";
import { gatewayRouteConfiguration } from "./routes/gateway-route-config.js";

export interface GatewayXds {
  plans: Collection<ProxyPlan>;
  listeners: Collection<XdsResource>;
  routes: Collection<XdsResource>;
}

export function gatewayXds(inputs: XdsInputs, l: Lookups): GatewayXds {
  const { proxyOf } = l.opts;
  const gatewaysByProxy = index(inputs.gateways, (gw) => proxyOf(gw));
  const proxies = manyCollection(inputs.gateways, (_ctx, gw) => proxyOf(gw).map((proxy) => ({ proxy })), { name: "GatewayProxies", key: (p) => p.proxy });
  const plans = collection(proxies, (ctx, { proxy }) => planProxy(proxy, ctx.fetch(inputs.gateways, filter.index(gatewaysByProxy, proxy))), { name: "ProxyPlans", key: (p) => p.proxy });
  const listenerPlans = manyCollection(plans, (_ctx, p) => p.listeners, { name: "ListenerPlans", key: (p: ListenerPlan) => p.key });
  const routePlans = manyCollection(plans, (_ctx, p) => p.routes, { name: "RoutePlans", key: (p: RoutePlan) => p.key });

  const listeners = collection(
    listenerPlans,
    (ctx, plan): XdsResource | undefined => {
      const { listener, problems } = gatewayListener(plan, {
        l4VirtualServicesFor: (gateway) => l4VirtualServicesFor(ctx, l, gateway),
        clusterOf: (destination, namespace, port) => resolveDestination(destination, { ...routeContext(ctx, l, { flavour: "envoy", listenPort: port, isTls: false }), namespace }).cluster,
      });
      return listener === undefined ? undefined : xdsResource(ListenerSchema, { typeUrl: LISTENER_TYPE, scope: gatewayScope(plan.proxy), name: plan.name }, listener, problems);
    },
    { name: "GatewayListeners", key: (r) => r.key, equals: sameResource },
  );
  const routes = collection(
    routePlans,
    (ctx, plan): XdsResource => {
      const problems: string[] = [];
      const config = gatewayRouteConfiguration(plan, {
        virtualServicesFor: (gateway) => httpVirtualServicesFor(ctx, l, gateway),
        context: (vs, port, isTls) => routeContext(ctx, l, { virtualService: vs, flavour: "envoy", listenPort: port, isTls, problems }),
      });
      return xdsResource(RouteConfigurationSchema, { typeUrl: ROUTE_TYPE, scope: gatewayScope(plan.proxy), name: plan.routeName }, config, problems);
    },
    { name: "GatewayRouteConfigurations", key: (r) => r.key, equals: sameResource },
  );
  return { plans, listeners, routes };
}
