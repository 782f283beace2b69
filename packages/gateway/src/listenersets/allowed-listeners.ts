/**
 * A Gateway's `spec.allowedListeners`: which namespaces may attach ListenerSets to it.
 * Nothing is allowed unless the Gateway says so; `Same`, `All` and `Selector` (over
 * the namespace's labels, its name label included) widen that, and anything the
 * translator does not recognise allows nothing.
 */
import { namespaceOf } from "@weft/api";
import type { Gateway, Namespace } from "../model/resources.js";
import { selectorMatches } from "../gateways/selectors.js";

/** Whether a ListenerSet in `namespace` may attach to `gateway`. `namespaceObject` is read only for selectors. */
export function allowsListenersFrom(gateway: Gateway, namespace: string, namespaceObject: (name: string) => Namespace | undefined): boolean {
  const allowed = gateway.spec?.allowedListeners?.namespaces;
  if (typeof allowed !== "object" || allowed === null) return false;
  switch (allowed.from) {
    case "All":
      return true;
    case "Same":
      return namespace === (namespaceOf(gateway));
    case "Selector":
    case undefined:
      break;
    default:
      return false; // None, or a value from a newer API
  }
  if (typeof allowed.selector !== "object" || allowed.selector === null) return false;
  const ns = namespaceObject(namespace);
  if (ns === undefined) return false;
  // The API server labels every namespace with its name; objects read from files may not show it.
  return selectorMatches(allowed.selector, { ...ns.metadata.labels, "kubernetes.io/metadata.name": ns.metadata.name });
}

/** Whether the answer depends on Namespace objects (so a transform fetches them only then). */
export function allowedListenersUseSelector(gateway: Gateway): boolean {
  const from = gateway.spec?.allowedListeners?.namespaces?.from;
  return from === "Selector" || from === undefined;
}
