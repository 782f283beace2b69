import { describe, expect, it } from "vitest";
import { GATEWAY_INPUT_KINDS, staticInputs, type GatewayInputs } from "./inputs.js";
import type { InputObject } from "./model/resources.js";

const inputNames = Object.keys(GATEWAY_INPUT_KINDS) as (keyof GatewayInputs)[];
const apiVersionOf = (group: string) => (group === "" ? "v1" : `${group}/v1`);

describe("the kind-to-input table", () => {
  it("an object of a kind the table names for an input lands in that input and no other", () => {
    for (const name of inputNames) {
      for (const group of GATEWAY_INPUT_KINDS[name].groups) {
        const probe = { apiVersion: apiVersionOf(group), kind: GATEWAY_INPUT_KINDS[name].kind, metadata: { name: "probe", namespace: "ns" } } as InputObject;
        const inputs = staticInputs([probe]);
        const holding = inputNames.filter((n) => inputs[n].list().length > 0);
        expect({ name, group, holding }).toEqual({ name, group, holding: [name] });
      }
    }
  });

  it("an object of a kind the table does not name (or of another group) lands nowhere", () => {
    const strangers = [
      { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "ns" } },
      { apiVersion: "networking.istio.io/v1", kind: "Gateway", metadata: { name: "g", namespace: "ns" } },
    ] as InputObject[];
    const inputs = staticInputs(strangers);
    expect(inputNames.filter((n) => inputs[n].list().length > 0)).toEqual([]);
  });

  it("static inputs are writable as they come: a test sets and deletes objects without a cast", () => {
    const inputs = staticInputs([]);
    inputs.services.set({ apiVersion: "v1", kind: "Service", metadata: { name: "svc", namespace: "ns" } });
    expect(inputs.services.list().map((s) => s.metadata.name)).toEqual(["svc"]);
    inputs.services.delete("ns/svc");
    expect(inputs.services.list()).toEqual([]);
  });
});
