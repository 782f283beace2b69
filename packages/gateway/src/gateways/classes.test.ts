import { describe, expect, it } from "vitest";
import type { GatewayClass } from "../model/resources.js";
import { resolveOptions } from "../options.js";
import { classInfo, isForeignWaypointClass, isKnownController, isOurClass } from "./classes.js";

const ambient = resolveOptions({ features: { ambientWaypoints: true, ambientMultiNetwork: true } });
const plain = resolveOptions({});
const classObject = (name: string, controllerName: string): GatewayClass => ({ apiVersion: "gateway.networking.k8s.io/v1", kind: "GatewayClass", metadata: { name }, spec: { controllerName } }) as GatewayClass;

describe("gateway classes", () => {
  it("built-in class names map to their flavours without a GatewayClass object", () => {
    expect(classInfo("istio", undefined, ambient)?.flavour).toBe("gateway");
    expect(classInfo("istio-remote", undefined, ambient)?.flavour).toBe("remote");
    expect(classInfo("istio-waypoint", undefined, ambient)?.flavour).toBe("waypoint");
    expect(classInfo("istio-east-west", undefined, ambient)?.flavour).toBe("east-west");
    expect(classInfo("something-else", undefined, ambient)).toBeUndefined();
  });

  it("waypoint and east-west classes exist only with their ambient features on", () => {
    expect(classInfo("istio-waypoint", undefined, plain)).toBeUndefined();
    expect(classInfo("istio-east-west", undefined, plain)).toBeUndefined();
    expect(classInfo("custom", classObject("custom", "istio.io/mesh-controller"), plain)).toBeUndefined();
    expect(classInfo("istio-remote", undefined, plain)?.flavour).toBe("remote");
  });

  it("a GatewayClass object naming a known controller gives its flavour to any class name", () => {
    expect(classInfo("my-waypoints", classObject("my-waypoints", "istio.io/mesh-controller"), ambient)?.flavour).toBe("waypoint");
    expect(classInfo("my-ew", classObject("my-ew", "istio.io/eastwest-controller"), ambient)?.flavour).toBe("east-west");
    expect(classInfo("far", classObject("far", "istio.io/unmanaged-gateway"), ambient)?.flavour).toBe("remote");
  });

  it("a GatewayClass object of an unknown controller does not hide the built-in class of the same name", () => {
    expect(classInfo("istio", classObject("istio", "example.com/other"), ambient)?.flavour).toBe("gateway");
    expect(classInfo("custom", classObject("custom", "example.com/other"), ambient)).toBeUndefined();
  });

  it("waypoint-style classes name deployments after the Gateway alone; only ordinary gateways take ListenerSets", () => {
    expect(classInfo("istio", undefined, ambient)).toMatchObject({ nameSuffix: true, supportsListenerSets: true });
    expect(classInfo("istio-waypoint", undefined, ambient)).toMatchObject({ nameSuffix: false, supportsListenerSets: false });
    expect(classInfo("istio-east-west", undefined, ambient)).toMatchObject({ nameSuffix: false, supportsListenerSets: false });
    expect(classInfo("istio-remote", undefined, ambient)).toMatchObject({ supportsListenerSets: false });
  });

  it("only ordinary gateway classes are 'ours' for ordinary translation", () => {
    expect(isOurClass("istio", undefined, ambient)).toBe(true);
    expect(isOurClass("istio-waypoint", undefined, ambient)).toBe(false);
    expect(isOurClass("istio-remote", undefined, ambient)).toBe(false);
  });

  it("known controllers are the ones whose GatewayClass objects get a status", () => {
    expect(isKnownController("istio.io/gateway-controller", ambient)).toBe(true);
    expect(isKnownController("istio.io/mesh-controller", ambient)).toBe(true);
    expect(isKnownController("istio.io/mesh-controller", plain)).toBe(false);
    expect(isKnownController("example.com/other", ambient)).toBe(false);
    expect(isKnownController(undefined, ambient)).toBe(false);
  });

  it("a waypoint is foreign only when its GatewayClass object names another controller", () => {
    expect(isForeignWaypointClass(undefined, ambient)).toBe(false);
    expect(isForeignWaypointClass(classObject("w", "istio.io/mesh-controller"), ambient)).toBe(false);
    expect(isForeignWaypointClass(classObject("w", "istio.io/gateway-controller"), ambient)).toBe(false);
    expect(isForeignWaypointClass(classObject("w", "example.com/waypoint-controller"), ambient)).toBe(true);
  });
});
