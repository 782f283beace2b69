/**
 * The translator as a graph of krt collections over input collections. A change to
 * one input recomputes only what depends on it: one route's VirtualServices and
 * status, the attachment counts of the listeners it binds to, and so on.
 */
import { collection, filter, index, join, manyCollection, statusCollection, type Collection, type HandlerContext } from "@weft/krt";
import { isOurClass } from "./gateways/classes.js";
import { gatewayModel, type GatewayModel } from "./gateways/gateway-model.js";
import { istioGatewaysOf } from "./gateways/istio-gateways.js";
import type { GatewayInputs } from "./inputs.js";
import type { DestinationRule, IstioGateway, VirtualService } from "./model/istio.js";
import type { Gateway, TCPRoute } from "./model/resources.js";
import { istioGatewayName } from "./names.js";
import { resolveOptions, type MeshService, type ResolvedOptions, type TranslateOptions } from "./options.js";
import { serviceRegistry } from "./registry.js";
import { bindListeners, parentGatewayKey, type Binding } from "./routes/parents.js";
import { routeParentStatuses, type ParentOutcome } from "./routes/route-status.js";
import { tcpVirtualServices } from "./routes/tcp-routes.js";
import { statusDocument, statusKey, type StatusDocument } from "./status/documents.js";
import type { ParentReference } from "./status/route-parents.js";
import { gatewayServiceHosts } from "./gateways/addresses.js";

/** The translator's outputs, each a live collection. */
export interface GatewayOutputs {
  gateways: Collection<IstioGateway>;
  virtualServices: Collection<VirtualService>;
  destinationRules: Collection<DestinationRule>;
  statuses: Collection<StatusDocument>;
}

/** Which listener of which Gateway a route is attached to. */
interface Attachment {
  key: string;
  gatewayKey: string;
  listener: string;
}

interface RouteResult {
  key: string;
  virtualServices: VirtualService[];
  attachments: Attachment[];
}

const configKey = (c: { metadata: { name: string; namespace: string } }) => `${c.metadata.namespace}/${c.metadata.name}`;

function gatewayModels(inputs: GatewayInputs, registry: Collection<MeshService>, opts: ResolvedOptions): Collection<GatewayModel> {
  return collection(
    inputs.gateways,
    (ctx, gw: Gateway) => {
      const className = gw.spec?.gatewayClassName ?? "";
      if (!isOurClass(className, ctx.fetchOne(inputs.gatewayClasses, filter.key(className)), opts)) return undefined;
      const usesSelector = (gw.spec?.listeners ?? []).some((l) => l.allowedRoutes?.namespaces?.from === "Selector");
      const namespaces = usesSelector ? ctx.fetch(inputs.namespaces) : [];
      // Read only the registry entries this gateway needs, so other services' changes skip it.
      const services = new Map<string, MeshService>();
      for (const host of gatewayServiceHosts(gw, opts.domainSuffix)) {
        const svc = ctx.fetchOne(registry, filter.key(host));
        if (svc !== undefined) services.set(host, svc);
      }
      return gatewayModel(gw, namespaces, services, opts);
    },
    { name: "GatewayModels", key: (m) => m.key },
  );
}

/** Binds a route's parentRefs; unresolvable parents bind nothing. */
function bindRoute(ctx: HandlerContext, gateways: Collection<GatewayModel>, refs: readonly ParentReference[], kind: string, namespace: string) {
  const bindings: Binding[] = [];
  const outcomes: ParentOutcome[] = [];
  for (const ref of refs) {
    const key = parentGatewayKey(ref, namespace);
    const gateway = key === undefined ? undefined : ctx.fetchOne(gateways, filter.key(key));
    const listeners = gateway === undefined ? [] : bindListeners(ref, gateway, kind, namespace);
    for (const listener of listeners) bindings.push({ parentRef: ref, gateway: gateway!, listener });
    const names = listeners.map((l) => `${gateway!.namespace}/${istioGatewayName(gateway!.name, l.name)}`).sort();
    outcomes.push({ ref, bound: listeners.length, order: names[0] ?? `~${key ?? ""}` });
  }
  return { bindings, outcomes };
}

/** Builds every output collection over `inputs`. */
export function gatewayCollections(inputs: GatewayInputs, options?: TranslateOptions): GatewayOutputs {
  const opts = resolveOptions(options);
  const registry = serviceRegistry(inputs.services, opts);
  const gateways = gatewayModels(inputs, registry, opts);
  const istioGateways = manyCollection(gateways, (_ctx, m) => istioGatewaysOf(m), { name: "IstioGateways", key: configKey });

  const tcp = statusCollection(
    inputs.tcpRoutes,
    (ctx, route: TCPRoute) => {
      const namespace = route.metadata.namespace ?? "default";
      const { bindings, outcomes } = bindRoute(ctx, gateways, route.spec?.parentRefs ?? [], "TCPRoute", namespace);
      const key = `TCPRoute/${namespace}/${route.metadata.name}`;
      const output: RouteResult = {
        key,
        virtualServices: tcpVirtualServices(route, bindings, opts.domainSuffix),
        attachments: bindings.map((b) => ({ key: `${key}/${b.gateway.key}/${b.listener.name}`, gatewayKey: b.gateway.key, listener: b.listener.name })),
      };
      const parents = routeParentStatuses(route.status?.parents, outcomes, opts.controllerName, namespace, opts.now);
      return { output, status: statusDocument(route, { parents }) };
    },
    { name: "TCPRoutes", key: (r) => r.key },
  );
  const routeResults = join([tcp.outputs], { name: "RouteResults" });
  const virtualServices = manyCollection(routeResults, (_ctx, r) => r.virtualServices, { name: "VirtualServices", key: configKey });
  const attachments = manyCollection(routeResults, (_ctx, r) => r.attachments, { name: "Attachments", key: (a) => a.key });
  const attachmentsByGateway = index(attachments, (a) => [a.gatewayKey]);

  const gatewayStatuses = collection(
    gateways,
    (ctx, m): StatusDocument => {
      const attached = ctx.fetch(attachments, filter.index(attachmentsByGateway, m.key));
      return statusDocument(
        { apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name: m.name, namespace: m.namespace } },
        {
          ...(m.addresses.length > 0 ? { addresses: m.addresses } : {}),
          conditions: m.conditions.map((c) => ({ ...c, lastTransitionTime: opts.now })),
          listeners: m.listeners.map((l) => ({
            attachedRoutes: attached.filter((a) => a.listener === l.name).length,
            conditions: l.conditions.map((c) => ({ ...c, lastTransitionTime: opts.now })),
            name: l.name,
            supportedKinds: l.supportedKinds,
          })),
        },
      );
    },
    { name: "GatewayStatuses", key: statusKey },
  );
  const classStatuses = collection(
    inputs.gatewayClasses,
    (_ctx, cls): StatusDocument | undefined =>
      cls.spec?.controllerName !== opts.controllerName
        ? undefined
        : statusDocument(cls, { conditions: [{ type: "Accepted", status: "True", reason: "Accepted", message: "Handled by Istio controller", lastTransitionTime: opts.now }] }),
    { name: "GatewayClassStatuses", key: statusKey },
  );
  const routeStatuses = collection(tcp.statuses, (_ctx, s) => s.status, { name: "RouteStatuses", key: statusKey });
  const statuses = join([classStatuses, gatewayStatuses, routeStatuses], { name: "Statuses", key: statusKey });
  const destinationRules = manyCollection(gateways, (): DestinationRule[] => [], { name: "DestinationRules", key: configKey });
  return { gateways: istioGateways, virtualServices, destinationRules, statuses };
}
