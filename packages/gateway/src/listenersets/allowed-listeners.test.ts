import { describe, expect, it } from "vitest";
import type { Gateway, Namespace } from "../model/resources.js";
import { allowsListenersFrom } from "./allowed-listeners.js";

const gateway = (allowedListeners?: unknown): Gateway =>
  ({ apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name: "gw", namespace: "infra" }, spec: { gatewayClassName: "istio", listeners: [], ...(allowedListeners === undefined ? {} : { allowedListeners }) } }) as Gateway;
const namespaces: Record<string, Namespace> = {
  team: { apiVersion: "v1", kind: "Namespace", metadata: { name: "team", labels: { shared: "yes" } } } as Namespace,
  other: { apiVersion: "v1", kind: "Namespace", metadata: { name: "other" } } as Namespace,
};
const lookup = (name: string) => namespaces[name];

describe("allowsListenersFrom", () => {
  it("allows nothing when the Gateway does not say (the API's default)", () => {
    expect(allowsListenersFrom(gateway(), "infra", lookup)).toBe(false);
    expect(allowsListenersFrom(gateway({}), "infra", lookup)).toBe(false);
  });

  it("allows the Gateway's own namespace with Same, every namespace with All, none with None", () => {
    expect(allowsListenersFrom(gateway({ namespaces: { from: "Same" } }), "infra", lookup)).toBe(true);
    expect(allowsListenersFrom(gateway({ namespaces: { from: "Same" } }), "team", lookup)).toBe(false);
    expect(allowsListenersFrom(gateway({ namespaces: { from: "All" } }), "team", lookup)).toBe(true);
    expect(allowsListenersFrom(gateway({ namespaces: { from: "None" } }), "infra", lookup)).toBe(false);
  });

  it("selects namespaces by label, the implicit name label included", () => {
    const byLabel = gateway({ namespaces: { from: "Selector", selector: { matchLabels: { shared: "yes" } } } });
    expect(allowsListenersFrom(byLabel, "team", lookup)).toBe(true);
    expect(allowsListenersFrom(byLabel, "other", lookup)).toBe(false);
    const byName = gateway({ namespaces: { from: "Selector", selector: { matchLabels: { "kubernetes.io/metadata.name": "other" } } } });
    expect(allowsListenersFrom(byName, "other", lookup)).toBe(true);
  });

  it("allows nothing for a selector without one, an unknown namespace, or an unknown `from`", () => {
    expect(allowsListenersFrom(gateway({ namespaces: { from: "Selector" } }), "team", lookup)).toBe(false);
    expect(allowsListenersFrom(gateway({ namespaces: { from: "Selector", selector: {} } }), "missing", lookup)).toBe(false);
    expect(allowsListenersFrom(gateway({ namespaces: { from: "Everywhere" } }), "team", lookup)).toBe(false);
  });
});
