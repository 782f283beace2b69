/**
 * Gateways of another cluster (class `istio-remote`): this control plane cannot see
 * their deployment, so it programs nothing for them. They exist so multi-network
 * discovery can learn where a remote network is reachable: the addresses in the
 * spec are taken as the truth and echoed in the status, which declares the Gateway
 * programmed by its own cluster. Routes cannot attach to it (it has no listeners
 * to attach to).
 */
import { namespaceOf, namespacedKeyOf } from "@weft/api";
import { records } from "../model/lists.js";
import type { Gateway } from "../model/resources.js";
import type { GatewayModel } from "./gateway-model.js";

export function remoteGatewayModel(gateway: Gateway): GatewayModel {
  const namespace = namespaceOf(gateway);
  return {
    key: namespacedKeyOf(namespace, gateway.metadata.name),
    name: gateway.metadata.name,
    namespace,
    ...(gateway.metadata.creationTimestamp === undefined ? {} : { creationTimestamp: gateway.metadata.creationTimestamp }),
    listeners: [],
    // Nothing is deployed here, so no Service backs it and no identity is expected.
    serviceHosts: [],
    serviceAccount: "",
    reportListeners: false,
    addresses: records(gateway.spec?.addresses).map((a) => ({ ...(a.type === undefined ? {} : { type: a.type }), value: a.value ?? "" })),
    addressType: "Hostname",
    conditions: [
      { type: "Accepted", status: "True", reason: "Accepted", message: "Resource accepted" },
      { type: "Programmed", status: "True", reason: "Programmed", message: "This Gateway is remote; Istio will not program it" },
    ],
  };
}
