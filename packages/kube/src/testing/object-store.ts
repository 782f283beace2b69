/**
 * The fake API server's storage: objects by resource, namespace and name, one global
 * resourceVersion counter (as etcd's revision), and the history of changes a watch
 * resumes from, until compaction drops it.
 */
import { compareStrings, groupOf } from "@weft/api";
import type { ResourceType } from "../resources.js";

/** An object as stored: plain JSON with at least an identity. */
export interface StoredObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string>; [field: string]: unknown };
  [field: string]: unknown;
}

/** An object's identity, enough to find it. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string | undefined };
}

/** One change, as the history keeps it. */
export interface Change {
  rv: number;
  resource: ResourceType;
  type: "ADDED" | "MODIFIED" | "DELETED";
  /** The object after the change (before it, for a deletion). */
  object: StoredObject;
  /** The object before a modification. */
  previous?: StoredObject;
}

const clone = <T>(value: T): T => structuredClone(value);
const now = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");

/** The object as served at `version` (the store keeps one shape for every version). */
export function servedAt(object: StoredObject, version: string): StoredObject {
  const group = groupOf(object.apiVersion);
  return { ...object, apiVersion: group === "" ? version : `${group}/${version}` };
}

export class ObjectStore {
  private readonly objects = new Map<string, { resource: ResourceType; object: StoredObject }>();
  private readonly history: Change[] = [];
  private readonly listeners = new Set<(change: Change) => void>();
  private revision = 100;
  private uid = 0;
  /** Versions below this are no longer in the history. */
  private compactedBelow = 0;

  constructor(readonly resources: readonly ResourceType[]) {}

  get resourceVersion(): number {
    return this.revision;
  }

  /** Calls `listener` after every change. */
  onChange(listener: (change: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  resourceFor(object: { apiVersion: string; kind: string }): ResourceType {
    const group = groupOf(object.apiVersion);
    const found = this.resources.find((r) => r.group === group && r.kind === object.kind);
    if (found === undefined) throw new Error(`fake API server: kind ${object.kind} of group "${group}" is not served`);
    return found;
  }

  /** Creates or replaces an object, keeping its uid and creation time across updates. */
  apply(object: StoredObject): StoredObject {
    const resource = this.resourceFor(object);
    const key = this.key(resource, object.metadata.namespace, object.metadata.name);
    const previous = this.objects.get(key)?.object;
    const stored = clone(object);
    stored.metadata.resourceVersion = String(++this.revision);
    if (previous === undefined) {
      stored.metadata.uid ??= `uid-${++this.uid}`;
      stored.metadata.creationTimestamp ??= now();
    } else {
      stored.metadata.uid = previous.metadata.uid;
      stored.metadata.creationTimestamp = previous.metadata.creationTimestamp;
    }
    this.objects.set(key, { resource, object: stored });
    this.record({ rv: this.revision, resource, type: previous === undefined ? "ADDED" : "MODIFIED", object: stored, ...(previous === undefined ? {} : { previous }) });
    return clone(stored);
  }

  /** Deletes an object; false if there was none. */
  remove(ref: ObjectRef): boolean {
    const resource = this.resourceFor(ref);
    const key = this.key(resource, ref.metadata.namespace, ref.metadata.name);
    const previous = this.objects.get(key)?.object;
    if (previous === undefined) return false;
    this.objects.delete(key);
    const gone = clone(previous);
    gone.metadata.resourceVersion = String(++this.revision);
    this.record({ rv: this.revision, resource, type: "DELETED", object: gone });
    return true;
  }

  read(ref: ObjectRef): StoredObject | undefined {
    const found = this.get(this.resourceFor(ref), ref.metadata.namespace, ref.metadata.name);
    return found === undefined ? undefined : clone(found);
  }

  /** The stored object itself (not a copy). */
  get(resource: ResourceType, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.objects.get(this.key(resource, namespace, name))?.object;
  }

  /** Every object of a resource passing `keep`, by namespace and name. */
  list(resource: ResourceType, keep: (o: StoredObject) => boolean = () => true): StoredObject[] {
    return [...this.objects.values()]
      .filter((o) => o.resource === resource && keep(o.object))
      .map((o) => o.object)
      .sort((a, b) => compareStrings(`${a.metadata.namespace ?? ""}/${a.metadata.name}`, `${b.metadata.namespace ?? ""}/${b.metadata.name}`));
  }

  /** The changes after `since`, or undefined when part of them was compacted away. */
  changesSince(since: number): Change[] | undefined {
    if (since < this.compactedBelow - 1) return undefined;
    return this.history.filter((c) => c.rv > since);
  }

  /** Whether a list snapshot taken at `rv` can still be continued. */
  retains(rv: number): boolean {
    return rv >= this.compactedBelow;
  }

  /** Forgets the history: resuming from any version seen so far is no longer possible. */
  compact(): void {
    this.compactedBelow = this.revision + 1;
    this.history.length = 0;
  }

  private key(resource: ResourceType, namespace: string | undefined, name: string): string {
    return `${resource.group}/${resource.plural}/${namespace ?? ""}/${name}`;
  }

  private record(change: Change): void {
    this.history.push(change);
    for (const listener of this.listeners) listener(change);
  }
}
