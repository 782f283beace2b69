/**
 * One-shot translation: the same collections as a controller uses, built over
 * static inputs, read once and disposed. There is one code path.
 */
import { dispose } from "@weft/krt";
import { gatewayCollections } from "./collections.js";
import { staticInputs } from "./inputs.js";
import type { DestinationRule, IstioGateway, VirtualService } from "./model/istio.js";
import type { InputObject } from "./model/resources.js";
import type { TranslateOptions } from "./options.js";
import type { StatusDocument } from "./status/documents.js";

export interface TranslateResult {
  gateways: IstioGateway[];
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  statuses: StatusDocument[];
}

/** Translates Gateway API objects (with the Services, Namespaces... they refer to). */
export function translate(objects: readonly InputObject[], options?: TranslateOptions): TranslateResult {
  const inputs = staticInputs(objects);
  try {
    const out = gatewayCollections(inputs, options);
    return {
      gateways: out.gateways.list(),
      virtualServices: out.virtualServices.list(),
      destinationRules: out.destinationRules.list(),
      statuses: out.statuses.list(),
    };
  } finally {
    for (const c of Object.values(inputs)) dispose(c);
  }
}
