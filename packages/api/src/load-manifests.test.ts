import { describe, expect, it } from "vitest";
import { formatManifestError, type ManifestError } from "./errors.js";
import { loadManifests } from "./load-manifests.js";
import { MAX_ERRORS_PER_OBJECT } from "./parse-object.js";
import { objectKey } from "./registry.js";

const service = (name: string, extra = "") => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${extra}`;

/** The parts of an error a test usually pins down. */
function brief(e: ManifestError) {
  return { doc: e.documentIndex, line: e.line, path: e.path, message: e.message };
}

describe("loadManifests", () => {
  it("loads every document of a stream, in order, with where each came from", () => {
    const text = `# leading comment\n${service("a")}---\n${service("b")}---\n# comment\n${service("c")}`;
    const result = loadManifests(text, "svc.yaml");
    expect(result.errors).toEqual([]);
    expect(result.objects.map(objectKey)).toEqual(["a", "b", "c"]);
    expect(result.origins).toEqual([
      { source: "svc.yaml", documentIndex: 0, line: 2 },
      { source: "svc.yaml", documentIndex: 1, line: 7 },
      { source: "svc.yaml", documentIndex: 2, line: 13 },
    ]);
  });

  it("skips empty documents silently but still counts them", () => {
    const text = `---\n# only a comment\n---\n\n---\n~\n---\nnull\n---\n${service("z")}`;
    const result = loadManifests(text, "e.yaml");
    expect(result.errors).toEqual([]);
    expect(result.origins).toEqual([{ source: "e.yaml", documentIndex: 4, line: 10 }]);
    expect(loadManifests("", "empty.yaml")).toEqual({ objects: [], origins: [], errors: [] });
  });

  it("reports a syntax error in one document and loads the others", () => {
    const text = `${service("a")}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: [b\n---\n${service("c")}`;
    const result = loadManifests(text, "bad.yaml");
    expect(result.objects.map(objectKey)).toEqual(["a", "c"]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ source: "bad.yaml", documentIndex: 1, line: 6, fieldLine: 10, path: "" });
    expect(result.errors[0]?.message).toMatch(/^YAML syntax error \(BAD_INDENT\): Flow sequence/);
  });

  it("reports duplicate keys and tabs as syntax errors", () => {
    const dup = loadManifests(`${service("a")}---\napiVersion: v1\napiVersion: v2\nkind: Service\n`, "d.yaml");
    expect(dup.errors.map(brief)).toEqual([
      { doc: 1, line: 6, path: "", message: "YAML syntax error (DUPLICATE_KEY): Map keys must be unique" },
    ]);
    const tab = loadManifests(`\t${service("tab")}`, "t.yaml");
    expect(tab.errors[0]?.message).toMatch(/TAB_AS_INDENT/);
  });

  it("reports a document that is not a mapping", () => {
    const result = loadManifests(`- a\n- b\n---\njust text\n---\n42\n---\n${service("ok")}`, "n.yaml");
    expect(result.objects).toHaveLength(1);
    expect(result.errors.map(brief)).toEqual([
      { doc: 0, line: 1, path: "", message: "expected an object (a mapping with apiVersion and kind), got a list" },
      { doc: 1, line: 4, path: "", message: "expected an object (a mapping with apiVersion and kind), got a string" },
      { doc: 2, line: 6, path: "", message: "expected an object (a mapping with apiVersion and kind), got a number" },
    ]);
  });

  it("reports a missing apiVersion, kind or metadata.name", () => {
    const text = [
      "kind: Service\nmetadata: {name: a}\n",
      "apiVersion: v1\nmetadata: {name: b}\n",
      "apiVersion: v1\nkind: Service\nmetadata: {namespace: x}\n",
      "apiVersion: v1\nkind: Service\n",
      "apiVersion: 1\nkind: [Service]\n",
      "apiVersion: v1\nkind: Service\nmetadata: {name: ''}\n",
    ].join("---\n");
    const result = loadManifests(text, "m.yaml");
    expect(result.objects).toEqual([]);
    expect(result.errors.map((e) => [e.documentIndex, e.path, e.message])).toEqual([
      [0, "apiVersion", "missing required field (a string)"],
      [1, "kind", "missing required field (a string)"],
      [2, "metadata.name", "missing required field (every object needs a name)"],
      [3, "metadata.name", "missing required field (every object needs a name)"],
      [4, "apiVersion", "expected a string, got number 1"],
      [4, "kind", "expected a string, got a list"],
      [5, "metadata.name", "must not be empty"],
    ]);
    expect(result.errors[2]).toMatchObject({ kind: "Service", namespace: "x", line: 7, fieldLine: 9 });
  });

  it("reports unknown kinds and unaccepted versions instead of dropping them", () => {
    const text = [
      "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n",
      "apiVersion: v1\nkind: Widget\nmetadata: {name: w}\n",
      "apiVersion: gateway.networking.k8s.io/v7\nkind: Gateway\nmetadata: {name: g}\n",
    ].join("---\n");
    const result = loadManifests(text, "u.yaml");
    expect(result.errors.map((e) => [e.path, e.message])).toEqual([
      ["kind", "unknown kind Widget in group example.com"],
      ["kind", 'unknown kind Widget in group "" (core)'],
      ["apiVersion", "unsupported apiVersion gateway.networking.k8s.io/v7 for kind Gateway (accepted: gateway.networking.k8s.io/v1, gateway.networking.k8s.io/v1beta1)"],
    ]);
  });

  it("names the field of a wrong type, with the line it is on", () => {
    const text = `${service("ok")}---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: istio-system
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: "80"
    protocol: HTTP
`;
    const result = loadManifests(text, "gw.yaml");
    expect(result.objects.map(objectKey)).toEqual(["ok"]);
    expect(result.errors).toEqual([
      {
        source: "gw.yaml",
        documentIndex: 1,
        line: 6,
        fieldLine: 15,
        path: "spec.listeners[0].port",
        message: 'expected a number, got string "80"',
        kind: "Gateway",
        name: "gw",
        namespace: "istio-system",
      },
    ]);
    expect(formatManifestError(result.errors[0] as ManifestError)).toBe(
      'gw.yaml:15: document 1, Gateway istio-system/gw: spec.listeners[0].port: expected a number, got string "80"',
    );
  });

  it("places a missing field at the mapping that lacks it", () => {
    const text = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  rules:\n  - backendRefs:\n    - port: 80\n";
    const result = loadManifests(text, "r.yaml");
    expect(result.errors.map((e) => [e.path, e.fieldLine])).toEqual([["spec.rules[0].backendRefs[0].name", 8]]);
  });

  it("expands a List and reports errors per item", () => {
    const text = `apiVersion: v1
kind: List
items:
- ${service("a").replace(/\n(?=.)/g, "\n  ")}- apiVersion: v1
  kind: Service
  metadata:
    name: b
  spec:
    ports:
    - port: eighty
- apiVersion: example.com/v1
  kind: Widget
  metadata: {name: w}
- ${service("d").replace(/\n(?=.)/g, "\n  ")}`;
    const result = loadManifests(text, "list.yaml");
    expect(result.objects.map(objectKey)).toEqual(["a", "d"]);
    expect(result.origins.map((o) => o.itemIndex)).toEqual([0, 3]);
    expect(result.errors.map((e) => [e.itemIndex, e.path, e.message, e.fieldLine])).toEqual([
      [1, "items[1].spec.ports[0].port", 'expected a number, got string "eighty"', 14],
      [2, "items[2].kind", "unknown kind Widget in group example.com", 16],
    ]);
  });

  it("expands a typed list whose items leave out apiVersion and kind", () => {
    const text = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClassList
items:
- metadata: {name: istio}
  spec: {controllerName: istio.io/gateway-controller}
- apiVersion: gateway.networking.k8s.io/v1beta1
  kind: GatewayClass
  metadata: {name: other}
  spec: {controllerName: example.com/x}
`;
    const result = loadManifests(text, "typed.yaml");
    expect(result.errors).toEqual([]);
    expect(result.objects.map((o) => [o.apiVersion, o.kind, objectKey(o)])).toEqual([
      ["gateway.networking.k8s.io/v1", "GatewayClass", "istio"],
      ["gateway.networking.k8s.io/v1beta1", "GatewayClass", "other"],
    ]);
  });

  it("reports a List without items, a non-object item and a nested List", () => {
    const text = "apiVersion: v1\nkind: List\n---\napiVersion: v1\nkind: List\nitems:\n- 3\n- {apiVersion: v1, kind: List, items: []}\n---\napiVersion: v1\nkind: List\nitems: []\n";
    const result = loadManifests(text, "l.yaml");
    expect(result.objects).toEqual([]);
    expect(result.errors.map((e) => [e.documentIndex, e.itemIndex, e.path, e.message])).toEqual([
      [0, undefined, "items", "List needs an items list, got nothing"],
      [1, 0, "items[0]", "expected an object (a mapping with apiVersion and kind), got a number"],
      [1, 1, "items[1]", "a List inside a List is not supported; lists do not nest"],
    ]);
  });

  it("caps the errors of one object", () => {
    const ports = Array.from({ length: 100 }, () => "  - port: x\n").join("");
    const result = loadManifests(`${service("many")}spec:\n  ports:\n${ports}`, "cap.yaml");
    expect(result.errors).toHaveLength(MAX_ERRORS_PER_OBJECT + 1);
    expect(result.errors.at(-1)?.message).toBe("80 more error(s) in this object not shown");
  });

  it("treats null in a known field as absent and keeps null in an unknown one", () => {
    const text = `${service("n")}  creationTimestamp: null\n  labels: null\nspec: null\nstatus: {}\nextra: null\n`;
    const result = loadManifests(text, "null.yaml");
    expect(result.errors).toEqual([]);
    expect(result.objects[0]).toEqual({ apiVersion: "v1", kind: "Service", metadata: { name: "n" }, status: {}, extra: null });
  });

  it("reads YAML 1.2: on/yes stay strings, timestamps stay text, merge keys work", () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  creationTimestamp: 2024-01-01T00:00:00Z
base: &base
  flag: on
data:
  <<: *base
  answer: yes
`;
    const result = loadManifests(text, "y.yaml");
    expect(result.errors).toEqual([]);
    expect(result.objects[0]).toMatchObject({
      metadata: { creationTimestamp: "2024-01-01T00:00:00Z" },
      data: { flag: "on", answer: "yes" },
    });
  });

  it("reports an unresolved alias without calling it an alias bomb", () => {
    const result = loadManifests(`${service("a")}spec: *nowhere\n---\n${service("b")}`, "alias.yaml");
    expect(result.objects.map(objectKey)).toEqual(["b"]);
    expect(result.errors.map(brief)).toEqual([
      { doc: 0, line: 1, path: "", message: expect.stringMatching(/^YAML syntax error|^cannot read YAML: Unresolved alias/) },
    ]);
  });
});
