/**
 * Default key, namespace, labels and selector extraction from Kubernetes-shaped
 * objects, and the resolution of a collection's options into concrete functions.
 */
import { adaptiveEqual } from "./adaptive-equality.js";
import { deepEqual } from "./equality.js";
import { KrtError } from "./errors.js";
import type { Options } from "./types.js";

type Labels = Record<string, string>;

/** The concrete functions a collection uses; every option resolved. */
export interface Extractors<T> {
  keyOf: (item: T) => string;
  equals: (a: T, b: T) => boolean;
  namespaceOf: (item: T) => string | undefined;
  labelsOf: (item: T) => Labels | undefined;
  selectorOf: (item: T) => Labels | undefined;
}

interface MetaShaped {
  metadata?: { name?: unknown; namespace?: unknown; labels?: unknown };
  spec?: { selector?: unknown };
}

function metaOf(item: unknown): MetaShaped["metadata"] | undefined {
  if (typeof item !== "object" || item === null) return undefined;
  const meta = (item as MetaShaped).metadata;
  return typeof meta === "object" && meta !== null ? meta : undefined;
}

function stringRecord(value: unknown): Labels | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Labels) : undefined;
}

/** `namespace/name` or `name`, or a KrtError explaining how to give a key. */
export function defaultKeyOf(collection: string): (item: unknown) => string {
  return (item) => {
    if (typeof item !== "object" || item === null) {
      throw new KrtError(
        collection,
        `items must be objects to derive a key from metadata, got ${item === null ? "null" : typeof item}; pass a \`key\` option for other values`,
      );
    }
    const meta = metaOf(item);
    const name = meta?.name;
    if (typeof name !== "string" || name === "") {
      throw new KrtError(collection, "cannot derive a key: the item has no metadata.name; pass a `key` option");
    }
    const namespace = meta?.namespace;
    return typeof namespace === "string" && namespace !== "" ? `${namespace}/${name}` : name;
  };
}

function defaultNamespaceOf(item: unknown): string | undefined {
  const namespace = metaOf(item)?.namespace;
  return typeof namespace === "string" ? namespace : undefined;
}

function defaultLabelsOf(item: unknown): Labels | undefined {
  return stringRecord(metaOf(item)?.labels);
}

function defaultSelectorOf(item: unknown): Labels | undefined {
  const selector = stringRecord((item as MetaShaped | null)?.spec?.selector);
  if (selector === undefined) return undefined;
  // A LabelSelector has matchLabels; a Service's selector is the map itself.
  const matchLabels = selector.matchLabels as unknown;
  if (matchLabels === undefined) return selector;
  return stringRecord(matchLabels);
}

/**
 * How the default equality of a collection may learn where its items differ (see
 * adaptive-equality.ts): "free"ly, "cycle-safe" (only for new items that cannot hold
 * a cycle), or not at all.
 */
export type EqualityShortcut = "free" | "cycle-safe" | "none";

/** Resolves a collection's options into the functions it will call. */
export function resolveExtractors<T>(name: string, opts: Options<T> | undefined, shortcut: EqualityShortcut = "none"): Extractors<T> {
  return {
    keyOf: opts?.key ?? (defaultKeyOf(name) as (item: T) => string),
    // Each collection learns where its own items tend to differ.
    equals: opts?.equals ?? ((shortcut === "none" ? deepEqual : adaptiveEqual(shortcut === "cycle-safe")) as (a: T, b: T) => boolean),
    namespaceOf: opts?.namespace ?? (defaultNamespaceOf as (item: T) => string | undefined),
    labelsOf: opts?.labels ?? (defaultLabelsOf as (item: T) => Labels | undefined),
    selectorOf: opts?.selector ?? (defaultSelectorOf as (item: T) => Labels | undefined),
  };
}

/**
 * True when every pair of `want` is in `have`. An empty `want` matches everything.
 * Label values are strings and nothing on Object.prototype is a string, so a plain
 * property read is safe here without an own-property check (this is the hottest
 * loop of label-filtered fetches).
 */
export function labelsContain(have: Labels | undefined, want: Labels): boolean {
  if (have === undefined) return isEmptyLabels(want);
  for (const k in want) if (have[k] !== want[k]) return false;
  return true;
}

/** True when a label map has no keys (or is absent). */
export function isEmptyLabels(labels: Labels | undefined): boolean {
  if (labels === undefined) return true;
  for (const _ in labels) return false;
  return true;
}
