/**
 * Input written to hurt: prototype pollution through `__proto__` and `constructor` keys,
 * kinds named after Object.prototype members, alias bombs, huge strings, deep nesting,
 * and JS values that throw when read. None of it may throw or leak outside the result.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadManifests } from "./load-manifests.js";
import { parseObject } from "./parse-object.js";

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

function expectPrototypesClean(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(probe.name).toBeUndefined();
  expect(Object.getOwnPropertyNames(Array.prototype)).not.toContain("polluted");
}

/** Every object in a value has a normal prototype: nothing was re-parented. */
function expectOrdinaryPrototypes(value: unknown): void {
  if (typeof value !== "object" || value === null) return;
  const proto = Object.getPrototypeOf(value);
  expect(proto === Object.prototype || proto === Array.prototype).toBe(true);
  for (const child of Object.values(value)) expectOrdinaryPrototypes(child);
}

const POLLUTING = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
__proto__: {polluted: top}
constructor: {prototype: {polluted: ctor}}
metadata:
  name: gw
  __proto__: {polluted: meta}
  labels:
    __proto__: label
    constructor: label
    prototype: label
spec:
  __proto__: {polluted: spec}
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    __proto__: {polluted: listener}
    allowedRoutes: {namespaces: {__proto__: {from: All}}}
  extra:
    __proto__: {polluted: unknown}
    constructor: {prototype: {polluted: deep}}
`;

describe("hostile input", () => {
  afterEach(expectPrototypesClean);

  it("never lets __proto__ or constructor keys reach a prototype (YAML)", () => {
    const result = loadManifests(POLLUTING, "evil.yaml");
    expect(result.errors).toEqual([]);
    expect(result.objects).toHaveLength(1);
    const gw = result.objects[0];
    expectOrdinaryPrototypes(gw);
    // `constructor` is an ordinary field name and is kept as data. A `__proto__` key is
    // dropped where an object schema parses the mapping (zod does so; no Kubernetes field
    // has that name), kept as an own data property in maps keyed by the user (labels:
    // schema-kit's record), and inside unknown fields, which the YAML library builds with
    // defineProperty; either way no prototype changes.
    expect(Object.hasOwn(gw as object, "constructor")).toBe(true);
    expect((gw as Record<string, unknown>).constructor).toEqual({ prototype: { polluted: "ctor" } });
    expect(Object.hasOwn(gw as object, "__proto__")).toBe(false);
    expect(gw?.metadata.labels).toEqual({ ["__proto__"]: "label", constructor: "label", prototype: "label" });
    expect(Object.getOwnPropertyDescriptor(gw?.metadata.labels, "__proto__")?.value).toBe("label");
    const extra = (gw?.spec as Record<string, unknown>).extra as Record<string, unknown>;
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(extra, "__proto__")?.value).toEqual({ polluted: "unknown" });
    expect(extra.constructor).toEqual({ prototype: { polluted: "deep" } });
  });

  it("never lets __proto__ keys reach a prototype (JSON values, List items)", () => {
    const value = JSON.parse(
      '{"apiVersion":"v1","kind":"Service","metadata":{"name":"s","__proto__":{"polluted":1}},"spec":{"selector":{"__proto__":"x"},"__proto__":{"ports":"bad"}}}',
    );
    const result = parseObject(value, { source: "json" });
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (result.ok) expectOrdinaryPrototypes(result.object);
    const list = `apiVersion: v1\nkind: ServiceList\nitems:\n- metadata: {name: a}\n  __proto__: {polluted: item}\n- __proto__: {kind: Pod}\n  metadata: {name: b}\n`;
    const loaded = loadManifests(list, "list.yaml");
    expect(loaded.errors).toEqual([]);
    expect(loaded.objects.map((o) => o.kind)).toEqual(["Service", "Service"]);
    loaded.objects.forEach(expectOrdinaryPrototypes);
  });

  it("answers kinds and groups named after Object.prototype members with an error", () => {
    const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
    const text = names
      .flatMap((n) => [`apiVersion: v1\nkind: ${n}\nmetadata: {name: x}\n`, `apiVersion: ${n}/v1\nkind: ${n}\nmetadata: {name: x}\n`])
      .join("---\n");
    const result = loadManifests(text, "names.yaml");
    expect(result.objects).toEqual([]);
    expect(result.errors).toHaveLength(names.length * 2);
    for (const e of result.errors) expect(e.message).toMatch(/^unknown kind /);
  });

  it("bounds alias expansion (billion laughs) and keeps loading the other documents", () => {
    const levels = "abcdefghi".split("");
    let bomb = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\nlol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < levels.length; i++) {
      const ref = `*${levels[i - 1]}`;
      bomb += `${levels[i]}: &${levels[i]} [${Array(9).fill(ref).join(",")}]\n`;
    }
    const started = Date.now();
    const result = loadManifests(`${bomb}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: fine}\n`, "bomb.yaml");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.objects.map((o) => o.metadata.name)).toEqual(["fine"]);
    expect(result.errors.map((e) => [e.documentIndex, e.message])).toEqual([
      [0, "too many YAML alias expansions (more than 100); refusing a possible alias bomb"],
    ]);
  });

  it("lets the caller tighten the alias bound, and treats a negative one as the default", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: f}\nx: &x {a: 1}\ny: *x\nz: *x\n";
    expect(loadManifests(text, "a.yaml").errors).toEqual([]);
    expect(loadManifests(text, "a.yaml", { maxAliasCount: -1 }).errors).toEqual([]);
    expect(loadManifests(text, "a.yaml", { maxAliasCount: 1 }).errors.map((e) => e.message)).toEqual([
      "too many YAML alias expansions (more than 1); refusing a possible alias bomb",
    ]);
    expect(loadManifests(text, "a.yaml", { maxAliasCount: 0 }).objects).toEqual([]);
  });

  it("loads huge strings as data and keeps messages about them short", () => {
    const huge = "x".repeat(2_000_000);
    const good = loadManifests(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {blob: "${huge}"}\n`, "big.yaml");
    expect(good.errors).toEqual([]);
    const blob = good.objects[0]?.kind === "ConfigMap" ? good.objects[0].data?.blob : undefined;
    expect(blob).toHaveLength(huge.length);
    const bad = loadManifests(`apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: "${huge}"}]}\n`, "big.yaml");
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]?.message.length).toBeLessThan(120);
  });

  it("reports nesting too deep for the parser instead of overflowing the stack", () => {
    const flow = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\nx: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`;
    const result = loadManifests(`${flow}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n`, "deep.yaml");
    expect(result.objects.length + result.errors.length).toBeGreaterThan(0);
    expect(result.errors.every((e) => e.documentIndex === 0)).toBe(true);
  });

  it("prints nothing, even for input the YAML library would warn about", () => {
    const warn = vi.spyOn(process, "emitWarning");
    const log = vi.spyOn(console, "warn");
    try {
      const result = loadManifests("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: k}\n? {a: 1}\n: complex key\n", "keys.yaml");
      expect(result.errors).toEqual([]);
      expect(warn).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });

  it("turns values that throw when read into errors", () => {
    const throwing = new Proxy({}, {
      get() {
        throw new Error("boom");
      },
      has() {
        throw new Error("boom");
      },
      getOwnPropertyDescriptor() {
        throw new Error("boom");
      },
      ownKeys() {
        throw new Error("boom");
      },
    });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const getter = { apiVersion: "v1", kind: "Service", get metadata(): unknown { throw new Error("getter"); } };
    for (const value of [throwing, proxy, getter]) {
      const result = parseObject(value, { source: "js" });
      expect(result.ok).toBe(false);
    }
  });

  it("reports odd JS values as errors, not crashes", () => {
    const values: unknown[] = [undefined, null, 1n, Symbol("s"), () => 1, new Date(), new Map(), [], "str", NaN];
    for (const value of values) {
      expect(parseObject(value, { source: "js" }).ok).toBe(false);
    }
    const weird = { apiVersion: "v1", kind: "Service", metadata: { name: "s", labels: { a: 1n } }, spec: { ports: [{ port: Symbol("p") }] } };
    const result = parseObject(weird, { source: "js" });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['metadata.labels.a', "spec.ports[0].port"]);
    expect(loadManifests(42 as unknown as string, "nontext").errors[0]?.message).toBe("expected text or bytes, got number");
  });
});
