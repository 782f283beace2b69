import { describe, expect, it } from "vitest";
import type { ListenerSet } from "../model/resources.js";
import { entryListener, listenerSetKey, parentGatewayKey } from "./identity.js";

const set = (parentRef: unknown): ListenerSet =>
  ({ apiVersion: "gateway.networking.k8s.io/v1", kind: "ListenerSet", metadata: { name: "s", namespace: "apps" }, spec: { parentRef, listeners: [] } }) as ListenerSet;

describe("parentGatewayKey", () => {
  it("defaults the parent's namespace to the set's, and group and kind to Gateway's", () => {
    expect(parentGatewayKey(set({ name: "gw" }))).toBe("apps/gw");
    expect(parentGatewayKey(set({ name: "gw", namespace: "infra", group: "gateway.networking.k8s.io", kind: "Gateway" }))).toBe("infra/gw");
  });

  it("names no Gateway for a parentRef of another kind, or a malformed one", () => {
    expect(parentGatewayKey(set({ name: "gw", kind: "Service", group: "" }))).toBeUndefined();
    expect(parentGatewayKey(set({ name: "gw", group: "example.com" }))).toBeUndefined();
    expect(parentGatewayKey(set(undefined))).toBeUndefined();
  });

  it("defaults only absent fields: an empty group is the core group (no Gateway there), an empty namespace is not the set's", () => {
    expect(parentGatewayKey(set({ name: "gw", group: "" }))).toBeUndefined();
    expect(parentGatewayKey(set({ name: "gw", group: "", kind: "Gateway" }))).toBeUndefined();
    expect(parentGatewayKey(set({ name: "gw", namespace: "" }))).toBe("/gw");
  });
});

describe("listenerSetKey", () => {
  it("is kind-qualified, so a set never shares a key with a Gateway of the same name", () => {
    expect(listenerSetKey("apps", "s")).not.toBe("apps/s");
  });
});

describe("entryListener", () => {
  it("keeps a port that is given", () => {
    expect(entryListener({ name: "l", port: 8080, protocol: "HTTP" })).toEqual({ listener: { name: "l", port: 8080, protocol: "HTTP" } });
  });

  it("defaults HTTP to 80 and HTTPS to 443", () => {
    expect(entryListener({ name: "l", protocol: "HTTP" }).listener.port).toBe(80);
    expect(entryListener({ name: "l", protocol: "HTTPS" }).listener.port).toBe(443);
  });

  it("reports a missing port for any other protocol", () => {
    expect(entryListener({ name: "l", protocol: "TCP" })).toEqual({ listener: { name: "l", port: 0, protocol: "TCP" }, portProblem: "protocol TCP requires a port to be set" });
  });
});
