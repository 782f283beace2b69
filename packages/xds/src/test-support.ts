/**
 * Test helpers: the whole pipeline (Gateway API objects → @weft/gateway → @weft/mesh's
 * service index → the xDS builders) over static inputs that tests can change.
 */
import { namespacedKey } from "@weft/api";
import { staticInputs, type GatewayInputs, type TranslateOptions } from "@weft/gateway";
import { staticCollection, type StaticCollection } from "@weft/krt";
import type { XdsOutputs } from "./collections.js";
import { controlPlaneCollections, type ControlPlane } from "./control-plane.js";
import { endpointsCollection } from "./inputs.js";
import { resourceToJson } from "./json.js";
import type { DestinationRuleInput, ServiceEndpoints } from "./model.js";
import type { XdsOptions } from "./options.js";
import type { XdsResource } from "./resource.js";

type InputObject = Parameters<typeof staticInputs>[0][number];

/** Gateway inputs whose collections are static (staticInputs builds them so), for tests that write to them. */
export type StaticGatewayInputs = { [K in keyof GatewayInputs]: GatewayInputs[K] extends import("@weft/krt").Collection<infer T> ? StaticCollection<T> : never };

export interface World {
  inputs: StaticGatewayInputs;
  endpoints: StaticCollection<ServiceEndpoints>;
  /** DestinationRules written by hand, served beside the translator's. */
  destinationRules: StaticCollection<DestinationRuleInput>;
  xds: XdsOutputs;
  /** The whole pipeline the world runs (translator outputs, service index...). */
  pipeline: ControlPlane;
}

/** The pipeline (@weft/xds `controlPlaneCollections`, as users build it) over static inputs that tests can change. */
export function world(objects: readonly object[], endpoints: ServiceEndpoints[] = [], opts: { translate?: TranslateOptions; xds?: XdsOptions } = {}): World {
  const inputs = staticInputs(objects as InputObject[]);
  const endpointInputs = endpointsCollection(endpoints);
  const destinationRules = staticCollection<DestinationRuleInput>([], { name: "HandWrittenDestinationRules", key: (d) => namespacedKey(d) });
  const { domainSuffix, ...translate } = opts.translate ?? {};
  const pipeline = controlPlaneCollections(
    { gateway: inputs, endpoints: endpointInputs, istio: { destinationRules } },
    { ...(domainSuffix === undefined ? {} : { domainSuffix }), translate, ...(opts.xds === undefined ? {} : { xds: opts.xds }) },
  );
  return { inputs, endpoints: endpointInputs, destinationRules, xds: pipeline.xds, pipeline };
}

/** Resources of a collection as protobuf JSON, keyed `<scope>|<name>` (scope omitted when shared). */
export function asJson(resources: readonly XdsResource[]): Record<string, unknown> {
  return Object.fromEntries(resources.map((r) => [r.scope === "" ? r.name : `${r.scope}|${r.name}`, resourceToJson(r)]));
}
