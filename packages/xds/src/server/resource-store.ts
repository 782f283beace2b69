/**
 * The server's view of the resources: fed by a krt collection's batched events, indexed
 * by type, scope and name, and telling subscribed streams which names changed.
 */
import type { Collection, Registration } from "@weft/krt";
import type { XdsResource } from "../resource.js";

/** What changed in one round: per type, the (scope, name) pairs that were added, updated or removed. */
export type ChangeSet = Map<string, { scope: string; name: string }[]>;

export type ChangeListener = (changes: ChangeSet) => void;

export class ResourceStore {
  /** type url → scope → name → resource. */
  private readonly byType = new Map<string, Map<string, Map<string, XdsResource>>>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly syncWaiters = new Set<() => void>();
  private readonly registration: Registration;
  private readonly abort = new AbortController();
  private isSynced = false;
  /** Bumped on every round that changes something; the version_info of responses. */
  private generationCounter = 0;

  constructor(resources: Collection<XdsResource>) {
    this.registration = resources.registerBatch((events) => {
      const changes: ChangeSet = new Map();
      const note = (r: XdsResource) => {
        const list = changes.get(r.typeUrl);
        if (list === undefined) changes.set(r.typeUrl, [{ scope: r.scope, name: r.name }]);
        else list.push({ scope: r.scope, name: r.name });
      };
      for (const e of events) {
        if (e.type === "delete") {
          this.byType.get(e.old.typeUrl)?.get(e.old.scope)?.delete(e.old.name);
          note(e.old);
          continue;
        }
        if (e.type === "update" && (e.old.typeUrl !== e.new.typeUrl || e.old.scope !== e.new.scope || e.old.name !== e.new.name)) {
          this.byType.get(e.old.typeUrl)?.get(e.old.scope)?.delete(e.old.name);
          note(e.old);
        }
        this.put(e.new);
        note(e.new);
      }
      if (changes.size === 0) return;
      this.generationCounter++;
      for (const listener of [...this.listeners]) listener(changes);
    });
    // Serving before the inputs have synced would send a partial world, and for
    // listeners and clusters a partial world means deletions: streams wait for it.
    if (this.registration.hasSynced()) this.isSynced = true;
    else
      resources.waitUntilSynced(this.abort.signal).then(
        () => {
          this.isSynced = true;
          for (const waiter of [...this.syncWaiters]) waiter();
          this.syncWaiters.clear();
        },
        () => undefined,
      );
  }

  /** Whether the collection had synced: until then, streams hold their responses. */
  get synced(): boolean {
    return this.isSynced;
  }

  /** Calls `fn` once the collection has synced (never, if the store closes first). */
  whenSynced(fn: () => void): () => void {
    if (this.isSynced) {
      fn();
      return () => undefined;
    }
    this.syncWaiters.add(fn);
    return () => this.syncWaiters.delete(fn);
  }

  private put(r: XdsResource): void {
    let scopes = this.byType.get(r.typeUrl);
    if (scopes === undefined) this.byType.set(r.typeUrl, (scopes = new Map()));
    let names = scopes.get(r.scope);
    if (names === undefined) scopes.set(r.scope, (names = new Map()));
    names.set(r.name, r);
  }

  get generation(): number {
    return this.generationCounter;
  }

  /** The resource a client with these scopes sees under `name`: the first scope holding one wins. */
  get(typeUrl: string, name: string, scopes: readonly string[]): XdsResource | undefined {
    const byScope = this.byType.get(typeUrl);
    if (byScope === undefined) return undefined;
    for (const scope of scopes) {
      const r = byScope.get(scope)?.get(name);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  /** Every resource of a type a client with these scopes sees (for wildcard subscriptions), by name. */
  all(typeUrl: string, scopes: readonly string[]): Map<string, XdsResource> {
    const out = new Map<string, XdsResource>();
    const byScope = this.byType.get(typeUrl);
    if (byScope === undefined) return out;
    for (const scope of scopes) for (const [name, r] of byScope.get(scope) ?? []) if (!out.has(name)) out.set(name, r);
    return out;
  }

  /** How many streams follow the changes. */
  get subscriberCount(): number {
    return this.listeners.size;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.abort.abort();
    this.registration.unregister();
    this.listeners.clear();
    this.syncWaiters.clear();
  }
}
