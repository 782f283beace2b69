/**
 * The gate between the builders and the ADS server: a resource that breaks a
 * protoc-gen-validate rule would be NACKed by Envoy (and some gRPC clients), so it is
 * not served; the last valid version under the same key is served instead, so clients
 * keep what they had, as they would after a NACK, but without the NACK. A resource that
 * was never valid is not served at all.
 */
import { collection, type Collection } from "@weft/krt";
import { sameResource, type XdsResource } from "../resource.js";
import { resourceViolations } from "./validate-resource.js";

export function validatedResources(resources: Collection<XdsResource>): Collection<XdsResource> {
  // Bounded by the keys the input holds: a key's entry goes with its resource.
  const lastValid = new Map<string, XdsResource>();
  resources.registerBatch((events) => {
    for (const e of events) if (e.type === "delete") lastValid.delete(e.old.key);
  });
  return collection(
    resources,
    (_ctx, r): XdsResource | undefined => {
      if (resourceViolations(r).length > 0) return lastValid.get(r.key);
      lastValid.set(r.key, r);
      return r;
    },
    { name: "ValidatedXdsResources", key: (r) => r.key, equals: sameResource },
  );
}
