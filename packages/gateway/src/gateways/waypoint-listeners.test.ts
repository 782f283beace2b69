import { describe, expect, it } from "vitest";
import type { Listener } from "../model/resources.js";
import { allowsHBONE, carriesRoutes, waypointShapeProblem } from "./waypoint-listeners.js";

const hbone = (port = 15008, tls?: Listener["tls"]): Listener => ({ name: "mesh", port, protocol: "HBONE", ...(tls === undefined ? {} : { tls }) });
const tls = (mode: string, port = 6443): Listener => ({ name: "tls", port, protocol: "TLS", tls: { mode } });
const EW = /^East-west gateway listeners must be/;
const plain = (name: string, port: number, protocol: string): Listener => ({ name, port, protocol });

describe("waypoint listener shapes", () => {
  it("a waypoint expects HBONE on 15008 and warns about anything else", () => {
    expect(waypointShapeProblem("waypoint", hbone())).toBeUndefined();
    expect(waypointShapeProblem("waypoint", hbone(1234))).toBe('Expected a single listener on port 15008 with protocol "HBONE"');
    expect(waypointShapeProblem("waypoint", plain("http", 15008, "HTTP"))).toMatch(/Expected a single listener/);
  });

  it("an east-west gateway's 15008 listener must be HBONE terminating TLS", () => {
    expect(waypointShapeProblem("east-west", hbone(15008, { mode: "Terminate", options: { "gateway.istio.io/tls-terminate-mode": "ISTIO_MUTUAL" } }))).toBeUndefined();
    // Terminate is the API's default mode.
    expect(waypointShapeProblem("east-west", hbone(15008, {}))).toBeUndefined();
    expect(waypointShapeProblem("east-west", hbone())).toMatch(EW);
    expect(waypointShapeProblem("east-west", hbone(15008, { mode: "Passthrough" }))).toMatch(EW);
  });

  it("an east-west gateway's other listeners must be TLS passthrough", () => {
    expect(waypointShapeProblem("east-west", tls("Passthrough"))).toBeUndefined();
    expect(waypointShapeProblem("east-west", tls("Terminate"))).toMatch(EW);
    expect(waypointShapeProblem("east-west", hbone(6443, { mode: "Terminate" }))).toMatch(EW);
    expect(waypointShapeProblem("east-west", plain("tcp", 6443, "TCP"))).toMatch(EW);
  });

  it("ordinary gateways have no shape rule", () => {
    expect(waypointShapeProblem("gateway", hbone(1))).toBeUndefined();
  });

  it("only waypoint-style classes may use HBONE", () => {
    expect(allowsHBONE("waypoint")).toBe(true);
    expect(allowsHBONE("east-west")).toBe(true);
    expect(allowsHBONE("gateway")).toBe(false);
    expect(allowsHBONE("remote")).toBe(false);
  });

  it("waypoint listeners and the east-west tunnel carry no routes; east-west passthrough listeners do", () => {
    expect(carriesRoutes("waypoint", tls("Passthrough"))).toBe(false);
    expect(carriesRoutes("east-west", hbone())).toBe(false);
    expect(carriesRoutes("east-west", tls("Passthrough"))).toBe(true);
    expect(carriesRoutes("gateway", hbone())).toBe(true);
  });
});
