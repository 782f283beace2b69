/**
 * The model of every Gateway of ours (see gateway-model.ts), as a collection. Each
 * reads only what its Gateway needs: its class, the namespaces when a listener selects
 * by label, the registry entries of its own Service hosts, the Secrets and ConfigMaps
 * it references, and the listeners it lost to ListenerSets.
 */
import { namespaceOf } from "@weft/api";
import { collection, filter, type Collection } from "@weft/krt";
import type { GatewayInputs } from "../inputs.js";
import { gatewayOwnerKey } from "../listenersets/identity.js";
import type { OwnerConflicts } from "../listenersets/conflict-collection.js";
import { items } from "../model/lists.js";
import type { Gateway } from "../model/resources.js";
import type { MeshService, ResolvedOptions } from "../options.js";
import { referenceAllowed } from "../references.js";
import { gatewayServiceHosts } from "./addresses.js";
import { classInfo } from "./classes.js";
import { gatewayModel, type GatewayModel } from "./gateway-model.js";
import type { ReferenceLookup } from "./listener-tls.js";
import { remoteGatewayModel } from "./remote-gateway.js";

export function gatewayModels(inputs: GatewayInputs, registry: Collection<MeshService>, conflicts: Collection<OwnerConflicts>, opts: ResolvedOptions): Collection<GatewayModel> {
  return collection(
    inputs.gateways,
    (ctx, gw: Gateway) => {
      const className = gw.spec?.gatewayClassName ?? "";
      const cls = classInfo(className, ctx.fetchOne(inputs.gatewayClasses, filter.key(className)), opts);
      if (cls === undefined) return undefined;
      if (cls.flavour === "remote") return remoteGatewayModel(gw);
      const usesSelector = items(gw.spec?.listeners).some((l) => l.allowedRoutes?.namespaces?.from === "Selector");
      const namespaces = usesSelector ? ctx.fetch(inputs.namespaces) : [];
      // Read only the registry entries this gateway needs, so other services' changes skip it.
      const services = new Map<string, MeshService>();
      for (const host of gatewayServiceHosts(gw, opts.domainSuffix, cls.nameSuffix)) {
        const svc = ctx.fetchOne(registry, filter.key(host));
        if (svc !== undefined) services.set(host, svc);
      }
      const lookup: ReferenceLookup = {
        secret: (ns, name) => ctx.fetchOne(inputs.secrets, filter.key(`${ns}/${name}`)),
        configMap: (ns, name) => ctx.fetchOne(inputs.configMaps, filter.key(`${ns}/${name}`)),
        allowed: (from, to) => referenceAllowed(ctx, inputs.referenceGrants, from, to),
        certificatesValidAt: opts.certificatesValidAt,
      };
      const lost = ctx.fetchOne(conflicts, filter.key(gatewayOwnerKey(namespaceOf(gw), gw.metadata.name)));
      return gatewayModel(gw, { namespaces, services, lookup, opts, cls, conflicts: lost?.conflicts });
    },
    { name: "GatewayModels", key: (m) => m.key },
  );
}
