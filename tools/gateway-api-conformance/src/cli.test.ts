/**
 * The runner end to end on a miniature suite: a base with one Gateway, a test whose
 * route attaches, the ratchet, and the report.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "./cli.js";

const BASE = `apiVersion: v1
kind: Namespace
metadata: { name: gateway-conformance-infra }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: same-namespace, namespace: gateway-conformance-infra }
spec:
  gatewayClassName: "{GATEWAY_CLASS_NAME}"
  listeners: [{ name: http, port: 80, protocol: HTTP }]
---
apiVersion: v1
kind: Service
metadata: { name: backend, namespace: gateway-conformance-infra }
spec: { ports: [{ port: 8080 }] }
`;
const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: route, namespace: gateway-conformance-infra }
spec:
  parentRefs: [{ name: same-namespace }]
  rules: [{ backendRefs: [{ name: backend, port: 8080 }] }]
`;
// Only what defaulting needs: the HTTPRoute's parentRef group and kind defaults (the
// helpers compare the status parentRef's group and kind, which only defaulting fills in).
const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
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
              parentRefs: { type: array, items: { type: object, properties: { group: { type: string, default: gateway.networking.k8s.io }, kind: { type: string, default: Gateway } } } }
`;
const ASSERTIONS = `tests:
  - name: RouteAttaches
    go: conformance/tests/route.go
    features: [Gateway, HTTPRoute]
    manifests: [tests/route.yaml]
    checks:
      - routesAccepted: { parent: same-namespace, kind: HTTPRoute, routes: [route] }
      - routeCondition: { kind: HTTPRoute, route: route, gateway: same-namespace, condition: ResolvedRefs=True:ResolvedRefs }
  - name: RouteRefused
    go: conformance/tests/route.go
    features: [Gateway, HTTPRoute]
    manifests: [tests/route.yaml]
    checks:
      - routeCondition: { kind: HTTPRoute, route: route, gateway: same-namespace, condition: Accepted=False }
  - name: MeshOnly
    go: conformance/tests/mesh/x.go
    features: [Mesh]
    manifests: []
    dataPlaneOnly: true
`;

function suite() {
  const dir = mkdtempSync(join(tmpdir(), "weft-gwapi-"));
  for (const d of ["conformance/base", "conformance/tests", "config/crd/experimental"]) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, "conformance/base/manifests.yaml"), BASE);
  writeFileSync(join(dir, "conformance/tests/route.yaml"), ROUTE);
  writeFileSync(join(dir, "config/crd/experimental/httproutes.yaml"), CRD);
  writeFileSync(join(dir, "assertions.yaml"), ASSERTIONS);
  writeFileSync(join(dir, "claimed.txt"), "Gateway\nHTTPRoute\n");
  return dir;
}

function run(dir: string, ...extra: string[]) {
  const lines: string[] = [];
  const code = main(["--suite", dir, "--assertions", join(dir, "assertions.yaml"), "--claimed", join(dir, "claimed.txt"), ...extra], (l) => lines.push(l));
  return { code, lines };
}

describe("conformance:gateway-api", () => {
  it("reports each test with its first mismatch, feature totals and a closing count", () => {
    const dir = suite();
    const { code, lines } = run(dir, "--report", join(dir, "report.yaml"));
    expect(lines, lines.join("\n")).toContain("PASS RouteAttaches");
    expect(lines.find((l) => l.startsWith("FAIL RouteRefused:"))).toMatch(/no parent same-namespace with Accepted=False/);
    expect(lines).toContain("DATA-PLANE MeshOnly: no status assertions (traffic only; not run)");
    expect(lines).toContain("HTTPRoute: 1/1");
    expect(lines.at(-1)).toBe("1 passed, 1 failed");
    expect(code).toBe(1);
    const report = readFileSync(join(dir, "report.yaml"), "utf8");
    expect(report).toContain("kind: ConformanceReport");
    expect(report).toMatch(/failed:\n {4}- Gateway\n {4}- HTTPRoute/);
  });

  it("with --expect, only a listed test that fails fails the run, and a new pass is pointed out", () => {
    const dir = suite();
    writeFileSync(join(dir, "expect.txt"), "# known\n");
    const ok = run(dir, "--expect", join(dir, "expect.txt"));
    expect(ok.code).toBe(0);
    expect(ok.lines).toContain("NEW PASS RouteAttaches: add it to the expect file");
    writeFileSync(join(dir, "expect.txt"), "RouteAttaches\nRouteRefused\n");
    const bad = run(dir, "--expect", join(dir, "expect.txt"));
    expect(bad.code).toBe(1);
    expect(bad.lines).toContain("REGRESSION RouteRefused is listed as passing but failed");
  });

  it("takes the suite folder alone as well as with --suite", () => {
    const dir = suite();
    const lines: string[] = [];
    main([dir, "--assertions", join(dir, "assertions.yaml"), "--claimed", join(dir, "claimed.txt")], (l) => lines.push(l));
    expect(lines.at(-1)).toBe("1 passed, 1 failed");
  });

  it("an unknown test or a missing suite is a usage error", () => {
    const dir = suite();
    expect(run(dir, "--test", "Nope").code).toBe(2);
    expect(main(["--suite", join(dir, "missing")], () => {})).toBe(2);
    expect(main([join(dir, "missing")], () => {})).toBe(2);
    expect(main(["--bogus"], () => {})).toBe(2);
  });
});
