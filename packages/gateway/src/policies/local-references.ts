/**
 * Following a policy's same-namespace references (targetRefs, caCertificateRefs) by
 * group and kind. Only the kinds Istio looks policies' references up in are known:
 * Service, ServiceEntry, ConfigMap and Secret. What a policy then accepts among them
 * is the policy's business; this module only says what the reference points at, or
 * why it points at nothing, in Istio's words (statuses quote them).
 */
import { namespacedKeyOf } from "@weft/api";
import { filter, type Collection, type HandlerContext } from "@weft/krt";
import type { ConfigMap, Secret, Service, ServiceEntry } from "../model/resources.js";

/** Where referenced objects are read from. */
export interface LocalReferenceInputs {
  services: Collection<Service>;
  serviceEntries: Collection<ServiceEntry>;
  configMaps: Collection<ConfigMap>;
  secrets: Collection<Secret>;
}

/** The object a reference resolved to, tagged with its kind. */
export type Referenced =
  | { kind: "Service"; object: Service }
  | { kind: "ServiceEntry"; object: ServiceEntry }
  | { kind: "ConfigMap"; object: ConfigMap }
  | { kind: "Secret"; object: Secret };

/** A reference as policies write them; group and kind are spelled out (absent means ""). */
export interface LocalReference {
  group?: string;
  kind?: string;
  name?: string;
}

export type ReferenceResult = { ok: true; found: Referenced } | { ok: false; message: string };

/** Resolves `ref` in `namespace`, recording a dependency on exactly the object looked up. */
export function resolveLocalReference(ctx: HandlerContext, inputs: LocalReferenceInputs, ref: LocalReference, namespace: string): ReferenceResult {
  const group = ref.group ?? "";
  const kind = ref.kind ?? "";
  const name = ref.name ?? "";
  const key = filter.key(namespacedKeyOf(namespace, name));
  let found: Referenced | undefined;
  if (group === "" && kind === "Service") {
    const object = ctx.fetchOne(inputs.services, key);
    found = object && { kind, object };
  } else if (group === "networking.istio.io" && kind === "ServiceEntry") {
    const object = ctx.fetchOne(inputs.serviceEntries, key);
    found = object && { kind, object };
  } else if (group === "" && kind === "ConfigMap") {
    const object = ctx.fetchOne(inputs.configMaps, key);
    found = object && { kind, object };
  } else if (group === "" && kind === "Secret") {
    const object = ctx.fetchOne(inputs.secrets, key);
    found = object && { kind, object };
  } else {
    return { ok: false, message: `unsupported kind ${kind}` };
  }
  return found === undefined ? { ok: false, message: `reference ${namespace}/${name} (of kind ${kind}) not found` } : { ok: true, found };
}
