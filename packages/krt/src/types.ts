/**
 * The public vocabulary of the engine. The names and shapes here are fixed by the
 * contract in `shared/design/krt-api.md`; the implementation lives in the other files.
 */

/** A change to one item of a collection, as delivered to handlers. */
export type Event<T> =
  | { type: "add"; new: T }
  | { type: "update"; old: T; new: T }
  | { type: "delete"; old: T };

/** Returned by `register`: stops delivery, and tells whether the replay is complete. */
export interface Registration {
  /** Stops delivery at once; calling it twice is harmless. */
  unregister(): void;
  /** True once the collection has synced and every item existing then was delivered. */
  hasSynced(): boolean;
}

/** Options for `registerBatch`. */
export interface RegisterBatchOptions {
  /** Deliver the current items as one batch of "add" events first. Defaults to true. */
  replay?: boolean;
}

/**
 * A keyed set of immutable items that can be read, listed and watched. Static
 * collections are written by the caller; every other kind is derived by the engine.
 */
export interface Collection<T> {
  readonly name: string;
  keyOf(item: T): string;
  get(key: string): T | undefined;
  /** Every item, ordered by key, so reads are deterministic whatever the history. */
  list(): T[];
  register(handler: (e: Event<T>) => void): Registration;
  registerBatch(handler: (events: Event<T>[]) => void, opts?: RegisterBatchOptions): Registration;
  hasSynced(): boolean;
  waitUntilSynced(signal?: AbortSignal): Promise<void>;
}

/** A collection written directly by the caller (informers, files, tests). */
export interface StaticCollection<T> extends Collection<T> {
  /** Adds or replaces the item with the same key. */
  set(item: T): void;
  delete(key: string): void;
  /** Replaces the whole content; emits only the differences. */
  reset(items: T[]): void;
  markSynced(): void;
}

/** A single derived value, with a collection view for fetching and joining. */
export interface Singleton<T> {
  value(): T | undefined;
  register(handler: (e: Event<T>) => void): Registration;
  asCollection(): Collection<T>;
}

/**
 * A narrowing of a fetch. Filters are opaque values built by `filter.*`; the type
 * parameter is the item type the filter accepts (contravariant, so a filter that
 * accepts anything fits every fetch).
 */
export interface Filter<in T> {
  readonly kind: FilterKind;
  /** Phantom member that carries the item type; never set. */
  readonly __accepts?: (item: T) => void;
}

/** The kinds of filters, in the order of how well they narrow a lookup. */
export type FilterKind = "key" | "keys" | "index" | "namespace" | "labels" | "selects" | "selectsNonEmpty" | "generic";

/** What a transform may use to read other collections while recording what it read. */
export interface HandlerContext {
  fetch<T>(c: Collection<T>, ...filters: Filter<T>[]): T[];
  fetchOne<T>(c: Collection<T>, ...filters: Filter<T>[]): T | undefined;
}

/** A secondary lookup of a collection by keys extracted from each item. */
export interface Index<K, T> {
  /** The items whose extracted keys include `key`, ordered by item key. */
  lookup(key: K): T[];
}

/** Options shared by every collection constructor. */
export interface Options<T> {
  /** Shown in errors, the graph dump and debugging output. */
  name?: string;
  /** The item key. Defaults to `namespace/name` (or `name`) from `metadata`. */
  key?: (item: T) => string;
  /** Output equality; an equal output produces no event. Defaults to fast-deep-equal. */
  equals?: (a: T, b: T) => boolean;
  /** Told when a transform throws or misbehaves for an input key. */
  onError?: (error: unknown, inputKey: string) => void;
  /** Used by `filter.namespace`. Defaults to `metadata.namespace`. */
  namespace?: (item: T) => string | undefined;
  /** Used by `filter.labels`. Defaults to `metadata.labels`. */
  labels?: (item: T) => Record<string, string> | undefined;
  /** Used by `filter.selects*`. Defaults to `spec.selector.matchLabels ?? spec.selector`. */
  selector?: (item: T) => Record<string, string> | undefined;
  /**
   * Deep-freeze every item the collection stores (with immer's `freeze`), so a
   * transform that mutates what it fetched fails loudly. Costs time; meant for tests.
   */
  freeze?: boolean;
}

/** Options of `staticCollection`. */
export interface StaticOptions<T> extends Options<T> {
  /** Whether the collection starts synced. Defaults to true. */
  synced?: boolean;
}
