/**
 * The input collections of the xDS builders, and how to take them from the Gateway API
 * translator and the mesh service index.
 */
import { namespacedKey } from "@weft/api";
import type { GatewayOutputs } from "@weft/gateway";
import { join, staticCollection, type Collection, type StaticCollection } from "@weft/krt";
import type { ServiceInfo } from "@weft/mesh";
import { serviceEndpointsKey, type DestinationRuleInput, type GatewayConfigInput, type ServiceEndpoints, type VirtualServiceInput } from "./model.js";

export interface XdsInputs {
  /** Istio Gateways: which servers each gateway proxy runs. */
  gateways: Collection<GatewayConfigInput>;
  virtualServices: Collection<VirtualServiceInput>;
  destinationRules: Collection<DestinationRuleInput>;
  /** The mesh's services, one per hostname (e.g. @weft/mesh `serviceIndex(...).canonical`). */
  services: Collection<ServiceInfo>;
  /** Endpoints per service port; see {@link ServiceEndpoints}. */
  endpoints: Collection<ServiceEndpoints>;
}

/** A static endpoints collection keyed as the builders look endpoints up. */
export function endpointsCollection(items: ServiceEndpoints[] = [], name = "ServiceEndpoints"): StaticCollection<ServiceEndpoints> {
  return staticCollection(items, { name, key: serviceEndpointsKey });
}

/**
 * Inputs from the translator's outputs. Istio config written by hand (VirtualServices,
 * DestinationRules, Gateways) can be added: the translator's objects win a name clash.
 */
export function xdsInputsFromGateway(
  outputs: Pick<GatewayOutputs, "gateways" | "virtualServices" | "destinationRules">,
  services: Collection<ServiceInfo>,
  endpoints: Collection<ServiceEndpoints>,
  extra: { gateways?: Collection<GatewayConfigInput>; virtualServices?: Collection<VirtualServiceInput>; destinationRules?: Collection<DestinationRuleInput> } = {},
): XdsInputs {
  const key = (o: { metadata: { name: string; namespace?: string } }) => namespacedKey(o);
  const withExtra = <T extends { metadata: { name: string; namespace?: string } }>(name: string, base: Collection<T>, more: Collection<T> | undefined): Collection<T> =>
    more === undefined ? base : join([base, more], { name, key });
  return {
    gateways: withExtra<GatewayConfigInput>("XdsGateways", outputs.gateways, extra.gateways),
    virtualServices: withExtra<VirtualServiceInput>("XdsVirtualServices", outputs.virtualServices, extra.virtualServices),
    destinationRules: withExtra<DestinationRuleInput>("XdsDestinationRules", outputs.destinationRules, extra.destinationRules),
    services,
    endpoints,
  };
}
