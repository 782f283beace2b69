/**
 * One-shot translation: the same collections as a controller uses, built over
 * static inputs, read once and disposed. There is one code path.
 */
import { dispose, setErrorSink } from "@weft/krt";
import { gatewayCollections, type GatewayOutputs } from "./collections.js";
import { staticInputs } from "./inputs.js";
import type { DestinationRule, IstioGateway, VirtualService } from "./model/istio.js";
import type { InputObject } from "./model/resources.js";
import type { TranslateOptions } from "./options.js";
import type { StatusDocument } from "./status/documents.js";

/** An input the translator could not process; its other outputs are unaffected. */
export interface TranslateError {
  /** The translation step (collection) that failed. */
  step: string;
  /** The input object's key, when the failure concerns one. */
  key?: string;
  message: string;
}

export interface TranslateResult {
  gateways: IstioGateway[];
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  statuses: StatusDocument[];
  /** Inputs that could not be processed (malformed objects the loader let through). */
  errors: TranslateError[];
}

/** Translates Gateway API objects (with the Services, Namespaces... they refer to). */
export function translate(objects: readonly InputObject[], options?: TranslateOptions): TranslateResult {
  const errors: TranslateError[] = [];
  // translate() is synchronous, so no other graph runs while its sink is in place.
  const previousSink = setErrorSink((error, context) => {
    errors.push({ step: context.source, ...(context.key === undefined ? {} : { key: context.key }), message: error instanceof Error ? error.message : String(error) });
  });
  const rejected: { index: number; reason: string }[] = [];
  const inputs = staticInputs(objects, rejected);
  for (const r of rejected) errors.push({ step: "input", key: `#${r.index}`, message: `object ${r.index}: ${r.reason}` });
  let out: GatewayOutputs | undefined;
  try {
    out = gatewayCollections(inputs, options);
    return {
      gateways: out.gateways.list(),
      virtualServices: out.virtualServices.list(),
      destinationRules: out.destinationRules.list(),
      statuses: out.statuses.list(),
      errors,
    };
  } finally {
    for (const c of Object.values(inputs)) dispose(c);
    out?.dispose();
    setErrorSink(previousSink);
  }
}
