import { describe, expect, it } from "vitest";
import { filter } from "./filter.js";
import { staticCollection } from "./static.js";
import { statusCollection } from "./status.js";
import { contents, obj, recorder } from "./test-support.js";

describe("statusCollection", () => {
  function setup() {
    const routes = staticCollection([obj("r1", "ns", { spec: { ref: "gw" } }), obj("r2", "ns", { spec: { ref: "missing" } })]);
    const gateways = staticCollection([obj("gw", "ns")]);
    let runs = 0;
    const { outputs, statuses } = statusCollection(routes, (ctx, route) => {
      runs++;
      const gw = ctx.fetchOne(gateways, filter.key(`ns/${route.spec!.ref}`));
      return gw === undefined
        ? { status: { accepted: false, reason: "NoSuchGateway" } }
        : { output: { metadata: { name: `${route.metadata.name}-vs`, namespace: "ns" } }, status: { accepted: true, reason: "Accepted" } };
    });
    return { routes, gateways, outputs, statuses, runs: () => runs };
  }

  it("keeps the output and the status of each input from one run", () => {
    const { outputs, statuses } = setup();
    expect(Object.keys(contents(outputs))).toEqual(["ns/r1-vs"]);
    expect(contents(statuses)).toEqual({
      "ns/r1": { key: "ns/r1", status: { accepted: true, reason: "Accepted" } },
      "ns/r2": { key: "ns/r2", status: { accepted: false, reason: "NoSuchGateway" } },
    });
  });

  it("one input's change updates only its own status", () => {
    const { routes, gateways, statuses, runs } = setup();
    const r = recorder(statuses);
    r.take();
    const before = runs();
    gateways.set(obj("missing", "ns"));
    expect(runs() - before).toBe(1);
    expect(r.events).toEqual([
      { type: "update", old: { key: "ns/r2", status: { accepted: false, reason: "NoSuchGateway" } }, new: { key: "ns/r2", status: { accepted: true, reason: "Accepted" } } },
    ]);
    routes.delete("ns/r1");
    expect(r.events.at(-1)).toEqual({ type: "delete", old: { key: "ns/r1", status: { accepted: true, reason: "Accepted" } } });
  });

  it("statuses can be fetched downstream like any collection, and follow the outputs' sync", () => {
    const { statuses } = setup();
    expect(statuses.hasSynced()).toBe(true);
    expect(statuses.keyOf({ key: "k", status: {} as never })).toBe("k");
  });
});
