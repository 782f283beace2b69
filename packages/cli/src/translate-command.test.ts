import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadManifests } from "@weft/api";
import { main } from "./main.js";

const NOW = "2030-01-01T00:00:00Z";
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "weft-cli-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function weft(argv: string[], stdin = "") {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, readStdin: async () => stdin });
  return { code, stdout, stderr };
}

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: apps
spec:
  gatewayClassName: istio
  listeners:
    - name: http
      port: 80
      protocol: HTTP
`;
const route = (name: string, host: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${name}
  namespace: apps
spec:
  parentRefs: [{ name: gw }]
  hostnames: ["${host}"]
  rules:
    - backendRefs: [{ name: web, port: 80 }]
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: apps
spec:
  ports: [{ port: 80 }]
`;

describe("weft translate", () => {
  it("with no -f, translates the bundled example and says so; the invalid route shows up as a status problem", async () => {
    const { code, stdout, stderr } = await weft(["translate", "--now", NOW]);
    expect(code).toBe(0);
    expect(stderr).toContain("No -f given: translating the bundled example");
    expect(stdout).toMatch(/^# Istio config: 2 Gateways, 2 VirtualServices, 0 DestinationRules\n/);
    expect(stdout).toContain("# Statuses:");
    expect(stdout).toContain("# xDS:");
    expect(stderr).toMatch(/bookinfo\.yaml:\d+: document \d+, HTTPRoute bookinfo\/details-direct: parent istio-ingress\/bookinfo-gateway \(https\): ResolvedRefs=False \(RefNotPermitted\)/);
    expect(stderr.match(/^ {2}\S/gm)).toHaveLength(1); // exactly one problem: the deliberate one
    const docs = loadManifests(stdout.slice(0, stdout.indexOf("# Statuses:")), "out"); // the Istio section loads back
    expect(docs.errors).toEqual([]);
    expect(docs.objects.map((o) => o.kind)).toEqual(["Gateway", "Gateway", "VirtualService", "VirtualService"]);
  });

  it("prints documents that stand alone: no YAML anchors or aliases", async () => {
    const { stdout } = await weft(["translate", "--now", NOW]);
    expect(stdout).not.toMatch(/: [&*]a\d/);
  });

  it("names the file, document and field of a bad document, exits 1, and still translates the valid ones", async () => {
    await writeFile(join(dir, "good.yaml"), [GATEWAY, SERVICE].join("---\n"));
    await writeFile(join(dir, "mixed.yaml"), [route("shop", "shop.example.com"), GATEWAY.replace("port: 80", 'port: "eighty"').replace("name: gw", "name: broken")].join("---\n"));
    const { code, stdout, stderr } = await weft(["translate", "-f", "good.yaml", "-f", "mixed.yaml", "--output", "istio", "--now", NOW]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/weft: mixed\.yaml:\d+: document 1, Gateway apps\/broken: spec\.listeners\[0\]\.port: expected a number, got string "eighty"/);
    expect(stdout).toMatch(/hosts:\n\s+- shop\.example\.com/);
    expect(stderr).toContain("translated 3 objects from 2 files");
  });

  it("a file with invalid UTF-8 or a 2 MB name gets located errors, short ones, and its other documents translate", async () => {
    const huge = route("x".repeat(2_000_000), "huge.example.com");
    const bytes = Buffer.concat([Buffer.from(`${GATEWAY}---\n${SERVICE}---\n`), Buffer.from(route("bad\xff", "bad.example.com"), "latin1"), Buffer.from(`---\n${huge}---\n${route("shop", "shop.example.com")}`)]);
    await writeFile(join(dir, "bytes.yaml"), bytes);
    const { code, stdout, stderr } = await weft(["translate", "-f", "bytes.yaml", "--output", "istio", "--now", NOW]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/weft: bytes\.yaml:\d+: document 2: invalid UTF-8 in this document; it was not loaded/);
    expect(stderr).toMatch(/weft: bytes\.yaml:\d+: document 3, HTTPRoute apps\/x{100}… \(2000000 characters\): metadata\.name: a name must be at most 253 characters, got 2000000/);
    expect(stderr.length).toBeLessThan(5_000);
    expect(stdout).toMatch(/hosts:\n\s+- shop\.example\.com/);
    expect(stdout).not.toContain("bad.example.com");
  });

  it("reads a folder's manifests in name order, and its subfolders with -R", async () => {
    await mkdir(join(dir, "m", "more"), { recursive: true });
    await writeFile(join(dir, "m", "1-gateway.yaml"), GATEWAY);
    await writeFile(join(dir, "m", "2-route.yml"), route("a", "a.example.com"));
    await writeFile(join(dir, "m", "notes.txt"), "not a manifest");
    await writeFile(join(dir, "m", "more", "3-route.json"), JSON.stringify(loadManifests(route("b", "b.example.com"), "x").objects[0]));
    const flat = await weft(["translate", "-f", "m", "-o", "istio", "--now", NOW]);
    expect(flat.stdout).toContain("a.example.com");
    expect(flat.stdout).not.toContain("b.example.com");
    const deep = await weft(["translate", "-f", "m", "-R", "-o", "istio", "--now", NOW]);
    expect(deep.stdout).toContain("b.example.com");
    expect(deep.stderr).toContain("from 3 files");
  });

  it("reports a path it cannot read, exits 1, and translates the rest", async () => {
    await writeFile(join(dir, "gw.yaml"), GATEWAY);
    const { code, stdout, stderr } = await weft(["translate", "-f", "missing.yaml", "-f", "gw.yaml", "-o", "istio", "--now", NOW]);
    expect(code).toBe(1);
    expect(stderr).toContain("weft: missing.yaml: cannot read: no such file or folder");
    expect(stdout).toContain("gw~istio-autogenerated-k8s-gateway~http");
  });

  it("reads stdin for -f -", async () => {
    const { code, stdout } = await weft(["translate", "-f", "-", "-o", "istio", "--now", NOW], [GATEWAY, route("r", "r.example.com")].join("---\n"));
    expect(code).toBe(0);
    expect(stdout).toContain("r.example.com");
  });

  it("prints only the section asked for, as JSON when asked", async () => {
    await writeFile(join(dir, "in.yaml"), [GATEWAY, route("r", "r.example.com"), SERVICE].join("---\n"));
    const status = await weft(["translate", "-f", "in.yaml", "-o", "status", "--format", "json", "--now", NOW]);
    const parsed = JSON.parse(status.stdout) as { status: { kind: string; status: unknown }[] };
    expect(Object.keys(parsed)).toEqual(["status"]);
    expect(parsed.status.map((s) => s.kind)).toEqual(["Gateway", "HTTPRoute"]);
    expect(JSON.stringify(parsed.status[1]!.status)).toContain(`"lastTransitionTime":"${NOW}"`);
    const istio = await weft(["translate", "-f", "in.yaml", "-o", "istio", "--format", "json", "--now", NOW]);
    expect(Object.keys(JSON.parse(istio.stdout))).toEqual(["istio"]);
  });

  it("builds xDS from the Istio config it printed, with endpoints from the EndpointSlices given", async () => {
    const slice = `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-abc
  namespace: apps
  labels: { kubernetes.io/service-name: web }
addressType: IPv4
ports: [{ port: 8080 }]
endpoints:
  - addresses: ["10.0.0.7"]
  - addresses: ["10.0.0.8"]
    conditions: { ready: false }
`;
    await writeFile(join(dir, "in.yaml"), [GATEWAY, route("r", "r.example.com"), SERVICE, slice].join("---\n"));
    const { code, stdout, stderr } = await weft(["translate", "-f", "in.yaml", "-o", "xds", "--format", "json", "--now", NOW]);
    expect(code).toBe(0);
    const resources = (JSON.parse(stdout) as { xds: { typeUrl: string; scope: string; name: string; resource: Record<string, unknown> }[] }).xds;
    const gatewayScope = "gateway:gw-istio.apps.svc.cluster.local";
    expect(resources.find((r) => r.typeUrl.endsWith(".Listener") && r.scope === gatewayScope)?.name).toBe("0.0.0.0_80");
    const route80 = resources.find((r) => r.typeUrl.endsWith(".RouteConfiguration") && r.scope === gatewayScope);
    expect(JSON.stringify(route80?.resource)).toContain('"domains":["r.example.com"]');
    const assignment = resources.find((r) => r.name === "outbound|80||web.apps.svc.cluster.local" && r.typeUrl.endsWith(".ClusterLoadAssignment"));
    expect(JSON.stringify(assignment?.resource)).toMatch(/"address":"10\.0\.0\.7","portValue":8080.*"healthStatus":"HEALTHY".*"address":"10\.0\.0\.8".*"healthStatus":"UNHEALTHY"/);
    expect(stderr).toContain("(endpoints from 1 EndpointSlice)");
  });

  it("prints all three sections by default: Istio config, statuses and xDS", async () => {
    const { stdout } = await weft(["translate", "--now", NOW]);
    const headers = stdout.split("\n").filter((l) => l.startsWith("# "));
    expect(headers.map((h) => h.split(":")[0])).toEqual(["# Istio config", "# Statuses", "# xDS"]);
    expect(headers[2]).toMatch(/^# xDS: \d+ Listeners, \d+ RouteConfigurations, \d+ Clusters, \d+ ClusterLoadAssignments/);
  });

  it("answers a usage error with the usage and exit status 2", async () => {
    const { code, stderr } = await weft(["translate", "--frobnicate"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Usage: weft translate");
  });

  it("passes translator options through (domain suffix)", async () => {
    await writeFile(join(dir, "in.yaml"), [GATEWAY, route("r", "r.example.com"), SERVICE].join("---\n"));
    const { stdout } = await weft(["translate", "-f", "in.yaml", "-o", "istio", "--domain-suffix", "corp.local", "--now", NOW]);
    expect(stdout).toContain("web.apps.svc.corp.local");
  });
});
