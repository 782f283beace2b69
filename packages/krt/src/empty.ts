/**
 * The one shared empty array of the engine's internals, typed read-only so nothing
 * can add to it. Deliberately not frozen, like every array the engine's hot loops
 * read: V8 as shipped with Node 20 reads a frozen array's elements through a slow
 * path (about 3.5x slower indexed, and a `for...of` over it allocates an iterator
 * result per step, 6x slower), and a loop that meets both kinds turns polymorphic.
 */
export const EMPTY: readonly never[] = [];
