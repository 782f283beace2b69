/**
 * The fake API server's wire details: request paths, continue tokens and the list
 * snapshots behind them, malformed watch lines, request bodies.
 */
import type { IncomingMessage } from "node:http";
import type { ResourceType } from "../resources.js";
import type { StoredObject } from "./object-store.js";

/** What a request path addresses. */
export interface Route {
  resource: ResourceType;
  version: string;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
}

/** How a malformed watch event is broken (see `malformNextEvents`). */
export type Malformation = "garbage" | "no-name" | "unknown-type";

/** A paginated list's snapshot, served page by page from its first page's version. */
export interface ListSnapshot {
  rv: number;
  items: StoredObject[];
}

/** Snapshots kept for continue tokens; the oldest is forgotten first (its token then gets 410). */
const MAX_LIST_SNAPSHOTS = 64;

/** The snapshots that continue tokens refer to, the oldest forgotten first. */
export class ListSnapshots {
  private readonly snapshots = new Map<number, ListSnapshot>();
  private ids = 0;

  /** Keeps a snapshot for further pages; returns its id. */
  keep(snapshot: ListSnapshot): number {
    const id = ++this.ids;
    this.snapshots.set(id, snapshot);
    for (const oldest of this.snapshots.keys()) {
      if (this.snapshots.size <= MAX_LIST_SNAPSHOTS) break;
      this.snapshots.delete(oldest);
    }
    return id;
  }

  get(id: number): ListSnapshot | undefined {
    return this.snapshots.get(id);
  }

  forget(id: number): void {
    this.snapshots.delete(id);
  }

  clear(): void {
    this.snapshots.clear();
  }
}

/** The resource, version, scope and object a request path addresses, or undefined for a path not served. */
export function parseRoute(resources: readonly ResourceType[], pathname: string): Route | undefined {
  let parts: string[];
  try {
    parts = pathname.split("/").filter((p) => p !== "").map(decodeURIComponent);
  } catch {
    return undefined; // a malformed escape addresses nothing
  }
  let group: string;
  let rest: string[];
  if (parts[0] === "api" && parts.length >= 3) {
    group = "";
    rest = parts.slice(1);
  } else if (parts[0] === "apis" && parts.length >= 4) {
    group = parts[1]!;
    rest = parts.slice(2);
  } else return undefined;
  const [version, ...tail] = rest as [string, ...string[]];
  let namespace: string | undefined;
  let segments = tail;
  if (tail[0] === "namespaces" && tail.length >= 3) {
    namespace = tail[1];
    segments = tail.slice(2);
  }
  const [plural, name, subresource] = segments;
  const resource = resources.find((r) => r.group === group && r.plural === plural && r.versions.includes(version));
  if (resource === undefined) return undefined;
  return { resource, version, namespace, name, subresource };
}

/** `namespace/name` of the object a route addresses (`name` when cluster-scoped). */
export function objectPathOf(route: Route): string {
  return route.namespace === undefined ? route.name! : `${route.namespace}/${route.name!}`;
}

/** A continue token's content, or undefined for anything this server did not issue. */
export function decodeContinueToken(token: string): { id: number; offset: number } | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    if (typeof decoded !== "object" || decoded === null) return undefined;
    const { id, offset } = decoded as { id?: unknown; offset?: unknown };
    return Number.isSafeInteger(id) && Number.isSafeInteger(offset) && (offset as number) >= 0 ? { id: id as number, offset: offset as number } : undefined;
  } catch {
    return undefined;
  }
}

/** One watch line broken the way `how` says. */
export function malformedLine(type: string, object: StoredObject, how: Malformation): string {
  switch (how) {
    case "garbage":
      return JSON.stringify({ type, object }).slice(0, 25);
    case "no-name": {
      const { name: _dropped, ...metadata } = object.metadata;
      return JSON.stringify({ type, object: { ...object, metadata } });
    }
    case "unknown-type":
      return JSON.stringify({ type: "UPSERTED", object });
  }
}

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}
