/**
 * Resolving a policy's targetRef to the backend it configures: an existing Service
 * (one host, its cluster-local name) or ServiceEntry (every host it lists), in the
 * policy's own namespace. A sectionName names a port of the target by its name and
 * must exist. Failures come back as the message Istio reports after "targetRefs
 * invalid: ".
 */
import type { HandlerContext } from "@weft/krt";
import { items, records } from "../model/lists.js";
import { serviceHostname } from "../names.js";
import type { BackendTarget, TargetKind } from "./backend-policy.js";
import { resolveLocalReference, type LocalReference, type LocalReferenceInputs, type Referenced } from "./local-references.js";

export type TargetResolution = { ok: true; target: BackendTarget; hosts: string[]; sectionName?: string } | { ok: false; message: string };

/** The policy a targetRef belongs to, as resolving the target needs it. */
export interface PolicyTargetScope {
  /** The policy's namespace, where its targets must be. */
  namespace: string;
  domainSuffix: string;
  /** The kinds this policy may target. */
  accepted: readonly TargetKind[];
}

/** Resolves `ref` in the policy's namespace; only the `accepted` kinds can be targets of this policy. */
export function resolvePolicyTarget(ctx: HandlerContext, inputs: LocalReferenceInputs, ref: LocalReference & { sectionName?: string | undefined }, scope: PolicyTargetScope): TargetResolution {
  const { namespace, domainSuffix, accepted } = scope;
  const resolved = resolveLocalReference(ctx, inputs, ref, namespace);
  if (!resolved.ok) return resolved;
  const found = resolved.found;
  if ((found.kind !== "Service" && found.kind !== "ServiceEntry") || !accepted.includes(found.kind)) {
    return { ok: false, message: `unsupported reference kind: ${ref.kind ?? ""}` };
  }
  const name = ref.name ?? "";
  const target: BackendTarget = { kind: found.kind, namespace, name };
  const portNames = portsOf(found).map((p) => p.name);
  const hosts =
    found.kind === "Service" ? [serviceHostname(name, namespace, domainSuffix)] : items(found.object.spec?.hosts).filter((h): h is string => typeof h === "string");
  const section = ref.sectionName;
  if (section === undefined || section === "") return { ok: true, target, hosts };
  if (!portNames.includes(section)) {
    return { ok: false, message: `sectionName ${JSON.stringify(section)} does not exist in ${found.kind} ${namespace}/${name}` };
  }
  return { ok: true, target, hosts, sectionName: section };
}

/** The named ports of a target, to turn a sectionName into a port number. */
export interface TargetPort {
  name: string;
  number: number;
}

/** The ports of the target's current object (none when it is gone). */
export function targetPorts(ctx: HandlerContext, inputs: LocalReferenceInputs, target: BackendTarget): TargetPort[] {
  // An XBackend has one port, and its policies name it by number.
  if (target.kind === "XBackend") return [];
  const ref = target.kind === "Service" ? { group: "", kind: "Service", name: target.name } : { group: "networking.istio.io", kind: "ServiceEntry", name: target.name };
  const resolved = resolveLocalReference(ctx, inputs, ref, target.namespace);
  return resolved.ok ? portsOf(resolved.found) : [];
}

function portsOf(found: Referenced): TargetPort[] {
  if (found.kind === "Service") return records(found.object.spec?.ports).map((p) => ({ name: p.name ?? "", number: typeof p.port === "number" ? p.port : 0 }));
  if (found.kind === "ServiceEntry") return records(found.object.spec?.ports).map((p) => ({ name: p.name ?? "", number: typeof p.number === "number" ? p.number : 0 }));
  return [];
}
