/**
 * Every map keyed by input must be a Map or an object whose keys are defined, not
 * assigned. This feeds `__proto__`, `constructor` and `prototype` through every path
 * of @weft/api, @weft/gateway, @weft/mesh and the CLI that keys something by input
 * (object names, namespaces, label, annotation and selector keys, hostnames, section
 * names, header names, port names) and checks that Object.prototype gains nothing and
 * that the outputs keep those names as plain data.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadManifests } from "@weft/api";
import { translate } from "@weft/gateway";
import { isMine, mergeGateways, serviceInfoOfService } from "@weft/mesh";
import { main } from "./main.js";

const HOSTILE = ["__proto__", "constructor", "prototype"] as const;

/** One namespace, Gateway, HTTPRoute and Service, all named `name`, in namespace `ns`. */
function manifests(name: string, ns: string): string {
  const q = JSON.stringify;
  const map = `{${HOSTILE.map((k) => `${q(k)}: ${q(name)}`).join(", ")}}`;
  return `apiVersion: v1
kind: Namespace
metadata: {name: ${q(ns)}, labels: ${map}, annotations: ${map}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ${q(name)}, namespace: ${q(ns)}, labels: ${map}, annotations: ${map}}
spec:
  gatewayClassName: istio
  addresses: [{type: Hostname, value: ${q(`gw.${ns}.svc.cluster.local`)}}]
  listeners:
  - name: ${q(name)}
    port: 80
    protocol: HTTP
    hostname: ${q(`${name}.example.com`)}
    allowedRoutes:
      namespaces:
        from: Selector
        selector:
          matchLabels: {${q(name)}: ${q(name)}}
          matchExpressions: [{key: ${q(name)}, operator: Exists}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${q(name)}, namespace: ${q(ns)}, labels: ${map}}
spec:
  parentRefs: [{name: ${q(name)}, sectionName: ${q(name)}}]
  hostnames: [${q(`${name}.example.com`)}]
  rules:
  - matches: [{headers: [{name: ${q(name)}, value: v}], queryParams: [{name: ${q(name)}, value: v}]}]
    filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: ${q(name)}, value: v}]}}]
    backendRefs: [{name: ${q(name)}, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: ${q(name)}, namespace: ${q(ns)}, labels: ${map}}
spec:
  selector: ${map}
  ports: [{name: ${q(name)}, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: gw, namespace: ${q(ns)}}
spec:
  ports: [{name: http, port: 80}]
`;
}

const CASES = HOSTILE.flatMap((name) => HOSTILE.map((ns) => [name, ns] as const));

function prototypeSnapshot(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype].flatMap((p) => Object.getOwnPropertyNames(p).sort());
}

/** The own value of `key` (never an inherited one). */
const own = (object: unknown, key: string): unknown => (typeof object === "object" && object !== null && Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined);

describe("prototype pollution, across packages", () => {
  it.each(CASES)("object name %j in namespace %j loads, translates and merges as plain data, and Object.prototype stays clean", (name, ns) => {
    const before = prototypeSnapshot();
    const loaded = loadManifests(manifests(name, ns), "hostile.yaml");
    expect(loaded.errors).toEqual([]);
    expect(loaded.objects).toHaveLength(5);
    for (const object of loaded.objects.filter((o) => o.metadata.name === name || o.kind === "Namespace")) {
      for (const key of HOSTILE) expect(own(object.metadata.labels, key), `${object.kind} label ${key}`).toBe(name);
    }

    const result = translate(loaded.objects, { domainSuffix: "cluster.local", now: "2030-01-01T00:00:00Z" });
    expect(result.errors).toEqual([]);
    const route = result.statuses.find((s) => s.kind === "HTTPRoute")?.status as { parents: { conditions: { type: string; status: string }[] }[] };
    expect(route.parents[0]?.conditions.find((c) => c.type === "Accepted")?.status).toBe("True");
    expect(result.gateways.map((g) => g.spec.servers?.[0]?.hosts)).toEqual([[`${ns}/${name}.example.com`]]);
    const [vs] = result.virtualServices;
    expect(vs?.spec.hosts).toEqual([`${name}.example.com`]);
    const http = vs?.spec.http?.[0];
    expect(Object.keys(http?.match?.[0]?.headers ?? {})).toEqual([name]);
    expect(own(http?.match?.[0]?.headers, name)).toEqual({ exact: "v" });
    expect(own(http?.match?.[0]?.queryParams, name)).toEqual({ exact: "v" });
    expect(own(http?.headers?.request?.set, name)).toBe("v");
    expect(http?.route?.[0]?.destination.host).toBe(`${name}.${ns}.svc.cluster.local`);

    // @weft/mesh: merging the Istio Gateways, the Service's registry entry, revision labels
    // and namespace revisions keyed by the hostile name.
    // The translator types its output loosely (ConfigMeta); the merge takes the API shape.
    const merged = mergeGateways(result.gateways as unknown as Parameters<typeof mergeGateways>[0]);
    expect([...merged.mergedServers.keys()]).toHaveLength(1);
    const service = loaded.objects.find((o) => o.kind === "Service" && o.metadata.name === name);
    expect(serviceInfoOfService(service as never, "cluster.local")).toMatchObject({ name, namespace: ns, ports: [{ name, port: 80 }] });
    const state = { revision: name, tags: { [name]: name }, namespaceRevisions: { [ns]: name } };
    expect(isMine({ namespace: ns, labels: { [name]: name } }, state)).toBe(true);

    expect(prototypeSnapshot()).toEqual(before);
    expect(({} as Record<string, unknown>)[name === "__proto__" ? "polluted" : name]).toBe(name === "__proto__" ? undefined : Object.prototype[name as "constructor"]);
  });

  it("the CLI translates every hostile case to xDS with exit 0 and leaves Object.prototype clean", async () => {
    const before = prototypeSnapshot();
    const dir = await mkdtemp(join(tmpdir(), "weft-pollution-"));
    try {
      for (const [name, ns] of CASES) {
        const file = join(dir, "hostile.yaml");
        await writeFile(file, manifests(name, ns));
        let stderr = "";
        const code = await main(["translate", "-f", file, "--output", "all", "--format", "json", "--now", "2030-01-01T00:00:00Z"], {
          stdout: () => undefined,
          stderr: (t) => void (stderr += t),
          cwd: dir,
          readStdin: async () => "",
        });
        expect({ name, ns, code, problems: stderr.split("\n").filter((l) => /could not|error|problem|  /i.test(l)) }).toEqual({ name, ns, code: 0, problems: [] });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(prototypeSnapshot()).toEqual(before);
  }, 60_000);
});
