import { describe, expect, it } from "vitest";
import type { GatewayClass } from "../model/resources.js";
import { resolveOptions } from "../options.js";
import { listenerSetSupport } from "./class-support.js";

const classObject = (controllerName: string) => ({ apiVersion: "gateway.networking.k8s.io/v1", kind: "GatewayClass", metadata: { name: "c" }, spec: { controllerName } }) as GatewayClass;

describe("listenerSetSupport", () => {
  const opts = resolveOptions({ features: { ambientWaypoints: true } });

  it("supports Istio's default gateway class, built in or declared", () => {
    expect(listenerSetSupport("istio", undefined, opts)).toBe("supported");
    expect(listenerSetSupport("custom", classObject("istio.io/gateway-controller"), opts)).toBe("supported");
  });

  it("answers 'unsupported' for Istio's other classes, which never merge sets", () => {
    expect(listenerSetSupport("istio-waypoint", undefined, opts)).toBe("unsupported");
    expect(listenerSetSupport("istio-remote", undefined, opts)).toBe("unsupported");
  });

  it("leaves another controller's class, or an unknown one, alone", () => {
    expect(listenerSetSupport("custom", classObject("example.com/controller"), opts)).toBe("not-ours");
    expect(listenerSetSupport("nowhere", undefined, opts)).toBe("not-ours");
  });

  it("knows the waypoint class only when waypoints are switched on", () => {
    expect(listenerSetSupport("istio-waypoint", undefined, resolveOptions({}))).toBe("not-ours");
  });
});
