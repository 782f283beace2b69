/**
 * `weft translate --crds`: plain files come out with the statuses a cluster would give
 * them (CRD defaults, generation, so observedGeneration), and without it nothing changes.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "./main.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "weft-crds-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MANIFESTS = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: apps }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: 80, protocol: HTTP }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r, namespace: apps }
spec:
  parentRefs: [{ name: gw }]
  rules: [{ backendRefs: [{ name: svc, port: 80 }] }]
`;
// The part of the HTTPRoute CRD that matters here: parentRef group and kind defaults.
const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: httproutes.gateway.networking.k8s.io }
spec:
  group: gateway.networking.k8s.io
  names: { kind: HTTPRoute }
  versions:
  - name: v1
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              parentRefs:
                type: array
                items: { type: object, properties: { group: { type: string, default: gateway.networking.k8s.io }, kind: { type: string, default: Gateway } } }
`;

async function routeStatus(extra: string[]) {
  await writeFile(join(dir, "m.yaml"), MANIFESTS);
  await writeFile(join(dir, "crd.yaml"), CRD);
  let stdout = "";
  const code = await main(["translate", "-f", "m.yaml", "-o", "status", "--format", "json", "--now", "2030-01-01T00:00:00Z", ...extra], {
    stdout: (t) => void (stdout += t),
    stderr: () => {},
    cwd: dir,
    readStdin: async () => "",
  });
  const docs = (JSON.parse(stdout) as { status: unknown[] }).status as { kind: string; status: { parents?: { parentRef: object; conditions: { observedGeneration?: number }[] }[] } }[];
  return { code, route: docs.find((d) => d.kind === "HTTPRoute")!.status.parents![0]! };
}

describe("weft translate --crds", () => {
  it("plain files get the statuses a cluster gives them: defaulted references and observedGeneration", async () => {
    const { code, route } = await routeStatus(["--crds", "crd.yaml"]);
    expect(code).toBe(0);
    expect(route.parentRef).toEqual({ group: "gateway.networking.k8s.io", kind: "Gateway", name: "gw" });
    expect(route.conditions.every((c) => c.observedGeneration === 1)).toBe(true);
  });

  it("without --crds the inputs are translated as written", async () => {
    const { route } = await routeStatus([]);
    expect(route.parentRef).toEqual({ name: "gw" });
    expect(route.conditions.every((c) => c.observedGeneration === undefined)).toBe(true);
  });
});
