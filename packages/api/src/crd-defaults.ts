/**
 * What an API server does to a custom resource before any controller sees it: the
 * `default:` values of the CRD's OpenAPI schema are filled in where a field is absent.
 * The walk is generic over the schema (properties, array items, additionalProperties),
 * so any CRD works, not only Gateway API's. As in Kubernetes' structural defaulting, a
 * default is applied only where the enclosing object exists, and a defaulted object is
 * itself walked, so the defaults inside a defaulted object apply too.
 *
 * Input is data: property names come from documents, so every lookup goes through own
 * properties of plain objects and results are built with Object.create(null)-safe copies.
 */

/** The part of an OpenAPI v3 schema defaulting reads. */
interface SchemaNode {
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function own(object: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? (object as JsonObject)[key] : undefined;
}

/** A deep copy of JSON data; prototype-setting keys are dropped. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (k !== "__proto__") out[k] = copy(v);
  return out;
}

function schemaNode(value: unknown): SchemaNode | undefined {
  return isObject(value) ? (value as SchemaNode) : undefined;
}

/** Fills in the defaults of `schema` in `value` (a copy; the input is not changed). */
export function applySchemaDefaults(value: unknown, schema: unknown): unknown {
  const node = schemaNode(schema);
  if (node === undefined) return copy(value);
  if (Array.isArray(value)) {
    const items = schemaNode(own(node, "items"));
    return value.map((v) => (items === undefined ? copy(v) : applySchemaDefaults(v, items)));
  }
  if (!isObject(value)) return copy(value);
  const out: JsonObject = {};
  const properties = schemaNode(own(node, "properties")) as Record<string, unknown> | undefined;
  const additional = own(node, "additionalProperties");
  for (const [k, v] of Object.entries(value)) {
    if (k === "__proto__") continue;
    const child = properties !== undefined ? schemaNode(own(properties, k)) : undefined;
    out[k] = applySchemaDefaults(v, child ?? (isObject(additional) ? additional : undefined));
  }
  if (properties !== undefined) {
    for (const [k, raw] of Object.entries(properties)) {
      const child = schemaNode(raw);
      if (child === undefined || k === "__proto__" || Object.prototype.hasOwnProperty.call(out, k)) continue;
      if (!Object.prototype.hasOwnProperty.call(child, "default")) continue;
      out[k] = applySchemaDefaults(copy(child.default), child);
    }
  }
  return out;
}

/** One served version of a CRD: which apiVersion and kind it covers, and its schema. */
interface VersionSchema {
  apiVersion: string;
  kind: string;
  schema: unknown;
}

/** The schemas of the CustomResourceDefinitions among `documents`; other documents are ignored. */
function versionSchemas(documents: readonly unknown[]): VersionSchema[] {
  const out: VersionSchema[] = [];
  for (const doc of documents) {
    if (!isObject(doc) || own(doc, "kind") !== "CustomResourceDefinition") continue;
    const spec = own(doc, "spec");
    if (!isObject(spec)) continue;
    const group = own(spec, "group");
    const names = own(spec, "names");
    const kind = isObject(names) ? own(names, "kind") : undefined;
    const versions = own(spec, "versions");
    if (typeof group !== "string" || typeof kind !== "string" || !Array.isArray(versions)) continue;
    for (const v of versions) {
      if (!isObject(v) || typeof own(v, "name") !== "string") continue;
      const schema = own(v, "schema");
      const openAPI = isObject(schema) ? own(schema, "openAPIV3Schema") : undefined;
      if (openAPI !== undefined) out.push({ apiVersion: `${group}/${own(v, "name") as string}`, kind, schema: openAPI });
    }
  }
  return out;
}

/** Applies CRD defaults to objects of the kinds the CRDs define. */
export interface CrdDefaulter {
  /** The object with its CRD's defaults filled in; objects of other kinds come back unchanged (copied). */
  apply<T>(object: T): T;
  /** The `apiVersion kind` pairs it knows. */
  readonly kinds: readonly string[];
}

/** A defaulter over the CustomResourceDefinition documents given (parsed YAML/JSON). */
export function crdDefaulter(crdDocuments: readonly unknown[]): CrdDefaulter {
  const byType = new Map<string, unknown>();
  for (const v of versionSchemas(crdDocuments)) byType.set(`${v.apiVersion} ${v.kind}`, v.schema);
  return {
    kinds: [...byType.keys()],
    apply<T>(object: T): T {
      if (!isObject(object)) return copy(object) as T;
      const schema = byType.get(`${String(own(object, "apiVersion"))} ${String(own(object, "kind"))}`);
      return (schema === undefined ? copy(object) : applySchemaDefaults(object, schema)) as T;
    },
  };
}
