/**
 * Test support for the rule checks (rule-checks.ts): one Gateway, its Services and an
 * HTTPRoute with a valid rule 0 and the rule under test as rule 1, translated.
 */
import { translate } from "../translate.js";
import type { InputObject } from "../model/resources.js";

const gateway = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "Gateway",
  metadata: { name: "gw", namespace: "infra" },
  spec: { gatewayClassName: "istio", addresses: [{ type: "Hostname", value: "ingress" }], listeners: [{ name: "http", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "All" } } }] },
};
const service = (name: string, namespace: string) => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { ports: [{ port: 80 }] } });

export interface RuleCheckOutcome {
  /** The route's Accepted condition on its one parent. */
  accepted: { type: string; status: string; reason: string; message: string };
  /** The names of the HTTP routes emitted: `apps.r.0` for rule 0, and so on. */
  routeNames: (string | undefined)[];
}

/** Translates a route whose rule 1, named "bad", is `badRule` (with a backend unless it brings its own). */
export function translateWithRule(badRule: Record<string, unknown>): RuleCheckOutcome {
  const route = {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "r", namespace: "apps" },
    spec: {
      parentRefs: [{ name: "gw", namespace: "infra" }],
      hostnames: ["h.example.com"],
      rules: [
        { matches: [{ path: { value: "/ok" } }], backendRefs: [{ name: "svc", port: 80 }] },
        { name: "bad", backendRefs: [{ name: "svc", port: 80 }], ...badRule },
      ],
    },
  };
  const result = translate([gateway, service("ingress", "infra"), service("svc", "apps"), route] as InputObject[], { domainSuffix: "cluster.local" });
  const status = result.statuses.find((s) => s.kind === "HTTPRoute")?.status as { parents: { conditions: RuleCheckOutcome["accepted"][] }[] };
  const http = result.virtualServices.flatMap((vs) => (vs.spec?.http ?? []) as { name?: string }[]);
  return { accepted: status.parents[0]!.conditions.find((c) => c.type === "Accepted")!, routeNames: http.map((r) => r.name) };
}
