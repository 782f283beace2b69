import { describe, expect, it } from "vitest";
import { gatewayCollections } from "../collections.js";
import { staticInputs } from "../inputs.js";
import type { HTTPRoute, InputObject } from "../model/resources.js";

const features = { gatewayAPIInferenceExtension: true };
const pool = (status?: unknown, picker: Record<string, unknown> = { name: "epp" }) => ({
  apiVersion: "inference.networking.k8s.io/v1",
  kind: "InferencePool",
  metadata: { name: "llama", namespace: "models" },
  spec: { selector: { matchLabels: { app: "vllm" } }, targetPorts: [{ number: 8000 }], endpointPickerRef: picker },
  ...(status === undefined ? {} : { status }),
});
const gateway = (name: string, className = "istio") => ({
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "Gateway",
  metadata: { name, namespace: "infra" },
  spec: { gatewayClassName: className, listeners: [{ name: "http", port: 80, protocol: "HTTP" }] },
});
const picker = { apiVersion: "v1", kind: "Service", metadata: { name: "epp", namespace: "models" }, spec: { ports: [{ port: 9002 }] } };
const routeParent = (gateway: string, accepted?: { status: string; message: string }, controllerName = "istio.io/gateway-controller") => ({
  controllerName,
  parentRef: { name: gateway, namespace: "infra" },
  conditions: accepted === undefined ? [] : [{ type: "Accepted", reason: accepted.status === "True" ? "Accepted" : "NotAllowedByListeners", lastTransitionTime: "t0", ...accepted }],
});
const route = (name: string, parents: NonNullable<HTTPRoute["status"]>["parents"], backendName = "llama"): HTTPRoute => ({
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "HTTPRoute",
  metadata: { name, namespace: "models" },
  spec: { parentRefs: [{ name: "gw", namespace: "infra" }], rules: [{ backendRefs: [{ group: "inference.networking.k8s.io", kind: "InferencePool", name: backendName }] }] },
  status: { parents },
});

function poolStatus(objects: unknown[]) {
  const out = gatewayCollections(staticInputs(objects as InputObject[]), { features, now: "now" });
  return out.statuses.get("InferencePool/models/llama")!.status as { parents?: { parentRef: Record<string, string>; conditions?: { type: string; status: string; reason: string; message: string }[] }[] };
}

describe("InferencePool status", () => {
  it("lists each Gateway a referencing route is accepted on, with the picker resolved", () => {
    const status = poolStatus([pool(), picker, gateway("gw"), route("r", [routeParent("gw", { status: "True", message: "Route was valid" })])]);
    expect(status.parents).toEqual([
      {
        parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", namespace: "infra", name: "gw" },
        conditions: [
          { type: "Accepted", status: "True", reason: "Accepted", message: "Referenced by an HTTPRoute accepted by the parentRef Gateway", lastTransitionTime: "now" },
          { type: "ResolvedRefs", status: "True", reason: "ResolvedRefs", message: "Referenced ExtensionRef resolved successfully", lastTransitionTime: "now" },
        ],
      },
    ]);
  });

  it("reports a Gateway that rejected the route, with the route's reason", () => {
    const status = poolStatus([pool(), picker, gateway("gw"), route("r", [routeParent("gw", { status: "False", message: "no listener" })])]);
    expect(status.parents![0]!.conditions![0]).toMatchObject({ status: "False", reason: "HTTPRouteNotAccepted", message: "Referenced HTTPRoute models/r not accepted by Gateway infra/gw: no listener" });
  });

  it("a route listing the Gateway without an Accepted condition leaves acceptance Unknown", () => {
    const status = poolStatus([pool(), picker, gateway("gw"), route("r", [routeParent("gw")])]);
    expect(status.parents![0]!.conditions![0]!.status).toBe("Unknown");
  });

  it("a missing or unsupported endpoint picker is an invalid extension reference", () => {
    const missing = poolStatus([pool(), gateway("gw"), route("r", [routeParent("gw", { status: "True", message: "" })])]);
    expect(missing.parents![0]!.conditions![1]).toMatchObject({ status: "False", reason: "InvalidExtensionRef", message: "Referenced ExtensionRef not found epp" });
    const kind = poolStatus([pool(undefined, { name: "epp", kind: "Deployment" }), gateway("gw"), route("r", [routeParent("gw", { status: "True", message: "" })])]);
    expect(kind.parents![0]!.conditions![1]!.message).toBe("Unsupported ExtensionRef kind Deployment");
  });

  it("keeps other implementations' entries, drops our stale ones and the placeholder", () => {
    const existing = {
      parents: [
        { parentRef: { kind: "Gateway", name: "theirs", namespace: "infra" }, conditions: [] },
        { parentRef: { kind: "Gateway", name: "stale", namespace: "infra" }, conditions: [] },
        { parentRef: { kind: "Status", name: "default" }, conditions: [] },
      ],
    };
    const status = poolStatus([pool(existing), picker, gateway("gw"), gateway("stale"), gateway("theirs", "other-class"), route("r", [routeParent("gw", { status: "True", message: "" })])]);
    expect(status.parents!.map((p) => p.parentRef.name)).toEqual(["theirs", "gw"]);
  });

  it("ignores route parents written by other controllers, and routes to other pools", () => {
    const status = poolStatus([pool(), picker, gateway("gw"), route("a", [routeParent("gw", { status: "True", message: "" }, "example.com/other")]), route("b", [routeParent("gw", { status: "True", message: "" })], "other-pool")]);
    expect(status).toEqual({});
  });

  it("a change to a route of another pool does not recompute this pool's status", () => {
    const inputs = staticInputs([pool(), picker, gateway("gw"), route("mine", [routeParent("gw", { status: "True", message: "" })]), route("other", [], "other-pool")] as InputObject[]);
    const out = gatewayCollections(inputs, { features });
    const changed: string[] = [];
    out.statuses.registerBatch((events) => events.forEach((e) => changed.push((e.type === "delete" ? e.old : e.new).kind)), { replay: false });
    inputs.httpRoutes.set(route("other", [routeParent("gw", { status: "True", message: "" })], "other-pool"));
    expect(changed).not.toContain("InferencePool");
    inputs.httpRoutes.set(route("mine", [routeParent("gw", { status: "False", message: "gone" })]));
    expect(changed).toContain("InferencePool");
  });
});
