/**
 * The gate between the builders and the ADS server: a resource that breaks a
 * protoc-gen-validate rule would be NACKed by Envoy (and some gRPC clients), so it is
 * not served. A RouteConfiguration whose violations all lie in routes is served without
 * them (see invalid-routes.ts); any other such resource is replaced by the last valid
 * version under the same key, so clients keep what they had, as they would after a NACK,
 * but without the NACK. A resource that was never valid is not served at all.
 */
import { collection, type Collection } from "@weft/krt";
import { sameResource, type XdsResource } from "../resource.js";
import { withoutInvalidRoutes } from "./invalid-routes.js";
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
      const violations = resourceViolations(r);
      const served = violations.length === 0 ? r : withoutInvalidRoutes(r, violations);
      if (served === undefined) return lastValid.get(r.key);
      lastValid.set(r.key, served);
      return served;
    },
    { name: "ValidatedXdsResources", key: (r) => r.key, equals: sameResource },
  );
}
