/**
 * Handler registrations and the translation of a round's net changes into events.
 */
import { reportError } from "./errors.js";
import type { Event, Registration } from "./types.js";

/**
 * The net change of one key during a round: its first old value and latest new
 * value. It becomes the delivered event itself, so a change allocates one object.
 * `type` is exact after one change; "repeated" means it changed again and the
 * net effect is worked out at delivery.
 */
export interface PendingChange<T> {
  type: Event<T>["type"] | "repeated";
  old: T | undefined;
  new: T | undefined;
}

/** Starts the pending change of a key. */
export function firstChange<T>(prev: T | undefined, next: T | undefined): PendingChange<T> {
  return { type: prev === undefined ? "add" : next === undefined ? "delete" : "update", old: prev, new: next };
}

/** The event a round's net change amounts to, or undefined when it cancelled out. */
export function toEvent<T>(p: PendingChange<T>, equals: (a: T, b: T) => boolean): Event<T> | undefined {
  if (p.type !== "repeated") return p as Event<T>;
  if (p.old === undefined) {
    if (p.new === undefined) return undefined;
    p.type = "add";
  } else if (p.new === undefined) p.type = "delete";
  else if (p.old === p.new || comparesEqual(equals, p.old, p.new)) return undefined;
  else p.type = "update";
  return p as Event<T>;
}

/** `equals`, where values it cannot compare (it throws: a cycle, say) count as changed. */
function comparesEqual<T>(equals: (a: T, b: T) => boolean, a: T, b: T): boolean {
  try {
    return equals(a, b);
  } catch {
    return false;
  }
}

/** What a registration needs from its collection. */
export interface RegistrationOwner<T> {
  readonly name: string;
  hasSynced(): boolean;
  removeRegistration(reg: HandlerRegistration<T>): void;
}

/** One registered handler, per-event or batched (decided when it registers). */
export class HandlerRegistration<T> implements Registration {
  private active = true;
  private readonly one: ((e: Event<T>) => void) | undefined;
  private readonly many: ((events: Event<T>[]) => void) | undefined;

  constructor(
    private readonly owner: RegistrationOwner<T>,
    handler: { one: (e: Event<T>) => void } | { batch: (events: Event<T>[]) => void },
  ) {
    this.one = "one" in handler ? handler.one : undefined;
    this.many = "batch" in handler ? handler.batch : undefined;
  }

  unregister(): void {
    if (!this.active) return;
    this.active = false;
    this.owner.removeRegistration(this);
  }

  hasSynced(): boolean {
    return this.active && this.owner.hasSynced();
  }

  /** Calls the handler; a throwing handler is reported and never stops the others. */
  deliver(events: Event<T>[]): void {
    if (!this.active) return;
    if (this.many !== undefined) {
      if (events.length === 0) return;
      try {
        this.many(events);
      } catch (error) {
        this.report(error);
      }
      return;
    }
    for (let i = 0; i < events.length && this.active; i++) this.deliverOne(events[i]!);
  }

  /** `deliver([event])`, without the array unless a batch handler needs one. */
  deliverOne(event: Event<T>): void {
    if (!this.active) return;
    try {
      if (this.one !== undefined) this.one(event);
      else this.many!([event]);
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown): void {
    reportError(error, { source: this.owner.name, phase: "handler" });
  }
}
