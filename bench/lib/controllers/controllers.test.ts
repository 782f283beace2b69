import { describe, expect, it } from "vitest";
import { makePod, makeService, type Controller, type Pod, type Service } from "../pods-workload.js";
import { alienSignalsController } from "./alien-signals.js";
import { dbIvmController } from "./db-ivm.js";
import { handwrittenContractController } from "./handwritten-contract.js";
import { handwrittenController } from "./handwritten.js";
import { krtController } from "./krt.js";

const implementations: [string, (onEvent: () => void) => Controller][] = [
  ["krt", krtController],
  ["handwritten", (e) => handwrittenController(e, true)],
  ["handwritten-contract", handwrittenContractController],
  ["handwritten-generic-equal", (e) => handwrittenController(e, false)],
  ["alien-signals", alienSignalsController],
  ["db-ivm", dbIvmController],
];

function pod(i: number, labels: Record<string, string>): Pod {
  const p = makePod(i);
  p.metadata.labels = labels;
  return p;
}

function service(name: string, selector: Record<string, string>): Service {
  return { metadata: { name, namespace: "ns-0" }, spec: { selector } };
}

/** Runs `steps` against a fresh controller, returning the events each step caused. */
function eventsPerStep(make: (onEvent: () => void) => Controller, steps: ((c: Controller) => void)[]): number[] {
  let n = 0;
  const c = make(() => n++);
  return steps.map((step) => {
    n = 0;
    step(c);
    c.flush?.();
    return n;
  });
}

describe("every benchmark controller computes the same workloads", () => {
  for (const [name, make] of implementations) {
    it(`${name}: a multi-term selector selects only pods matching every term`, () => {
      const both = { app: "a", tier: "web" };
      const steps = [
        (c: Controller) => {
          c.setPod(pod(0, both)); // ns-0
          c.setPod(pod(2, { app: "a" })); // ns-0, lacks tier
          c.setPod(pod(4, both)); // ns-0
          c.setPod(pod(1, both)); // ns-1: another namespace
        },
        (c: Controller) => c.setService(service("s", both)), // changes the workloads of pods 0 and 4
        (c: Controller) => c.setService(service("empty", {})), // an empty selector selects nothing
      ];
      expect(eventsPerStep(make, steps)).toEqual([4, 2, 0]);
    });

    it(`${name}: one event per pod whose IP changes, none for an equal rewrite`, () => {
      const same = makePod(7);
      const steps = [
        (c: Controller) => {
          for (let i = 0; i < 10; i++) c.setPod(makePod(i));
          for (let i = 0; i < 3; i++) c.setService(makeService(i));
        },
        (c: Controller) => {
          for (let i = 0; i < 10; i++) c.setPod(makePod(i));
        },
        (c: Controller) => c.setPod(same),
        (c: Controller) => c.setPod(structuredClone(same)),
      ];
      const events = eventsPerStep(make, steps);
      expect(events.slice(1)).toEqual([10, 1, 0]);
    });
  }
});
