/**
 * Expands a document into the objects it holds: itself, or the items of a List
 * (`kind: List`, or a typed list such as `GatewayList`). Each item is parsed on its own,
 * so one bad item costs only itself, and its errors say which item it was.
 */
import { describeValue, formatPath, shorten, type FieldPath, type ManifestError, type Where } from "./errors.js";
import { isListKind, isMapping, ownField, parseObjectAt } from "./parse-object.js";
import type { KubeObject } from "./registry.js";

/**
 * The objects and errors one document yields; each object with its List item index when
 * it came from a List.
 */
export interface DocumentResult {
  readonly objects: { readonly object: KubeObject; readonly itemIndex?: number }[];
  readonly errors: ManifestError[];
}

/**
 * Parses one document's value. `locate` maps a path from the document root to a line of
 * the source text, when there is text.
 */
export function parseDocument(
  value: unknown,
  where: Where,
  locate?: (path: FieldPath) => number | undefined,
): DocumentResult {
  const context = locate === undefined ? {} : { locate };
  const kind = isMapping(value) ? ownField(value, "kind") : undefined;
  if (!isMapping(value) || typeof kind !== "string" || !isListKind(kind, value)) {
    const result = parseObjectAt(value, where, context);
    return result.ok ? { objects: [{ object: result.object }], errors: [] } : { objects: [], errors: [...result.errors] };
  }

  const items = ownField(value, "items");
  if (!Array.isArray(items)) {
    const got = items === undefined ? "nothing" : describeValue(items);
    return { objects: [], errors: [listError(where, locate, ["items"], `${shorten(kind)} needs an items list, got ${got}`)] };
  }

  // A typed list (GatewayList) may leave apiVersion and kind off its items.
  const apiVersion = ownField(value, "apiVersion");
  const itemKind = kind === "List" ? undefined : kind.slice(0, -"List".length);
  const out: DocumentResult = { objects: [], errors: [] };
  for (const [index, raw] of items.entries()) {
    let item: unknown = raw;
    if (itemKind !== undefined && isMapping(raw)) {
      item = {
        ...(typeof apiVersion === "string" ? { apiVersion } : {}),
        kind: itemKind,
        ...raw,
      };
    }
    const context = { prefix: ["items", index], itemIndex: index, ...(locate === undefined ? {} : { locate }) };
    const itemKindField = isMapping(item) ? ownField(item, "kind") : undefined;
    if (isMapping(item) && typeof itemKindField === "string" && isListKind(itemKindField, item)) {
      const message = `a ${shorten(itemKindField)} inside a ${shorten(kind)} is not supported; lists do not nest`;
      out.errors.push({ ...listError(where, locate, ["items", index], message), itemIndex: index });
      continue;
    }
    const result = parseObjectAt(item, where, context);
    if (result.ok) out.objects.push({ object: result.object, itemIndex: index });
    else out.errors.push(...result.errors);
  }
  return out;
}

function listError(
  where: Where,
  locate: ((path: FieldPath) => number | undefined) | undefined,
  path: FieldPath,
  message: string,
): ManifestError {
  const fieldLine = locate?.(path);
  return {
    source: where.source,
    documentIndex: where.documentIndex ?? 0,
    ...(where.line === undefined ? {} : { line: where.line }),
    ...(fieldLine === undefined ? {} : { fieldLine }),
    path: formatPath(path),
    message,
  };
}
