/**
 * How a collection is recognised when it comes from another copy of @weft/krt.
 *
 * `instanceof` only knows the classes of this copy. When a package manager installs two
 * copies (say @weft/gateway's @weft/krt 0.1 beside the application's 0.2), a collection made
 * by one and handed to the other used to be reported as "not a collection", which sends
 * the user looking for a bug in their code. Every collection carries a brand under a
 * registry symbol (`Symbol.for`, shared by all copies in the process) whose value is the
 * version of the copy that made it, so the receiving copy can say what really happened.
 *
 * A foreign collection is still refused: each copy has its own propagation loop, and a
 * graph spanning two would recompute out of order (glitches) or not at all.
 */
import { KRT_VERSION } from "./version.js";

/** The registry key of the brand; the same symbol in every copy of @weft/krt. */
export const COLLECTION_BRAND = Symbol.for("@weft/krt.collection");

/** Brands every instance of `cls` (on its prototype) with this copy's version. */
export function brandCollections(cls: { prototype: object }): void {
  Object.defineProperty(cls.prototype, COLLECTION_BRAND, { value: KRT_VERSION, enumerable: false });
}

/** The @weft/krt version that made `value`, when it is a collection of any copy. */
export function brandVersion(value: unknown): string | undefined {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return undefined;
  const version: unknown = (value as Record<symbol, unknown>)[COLLECTION_BRAND];
  if (version === undefined) return undefined;
  return typeof version === "string" ? version : "an unknown version";
}

/** What to tell the user who passed a collection made by another copy of @weft/krt. */
export function foreignCopyMessage(name: string, theirs: string): string {
  return (
    `"${name}" was created by another copy of @weft/krt (${theirs}) than the one it was given to (${KRT_VERSION}); ` +
    `collections work only within one copy. Install a single @weft/krt: \`npm ls @weft/krt\` lists the copies; ` +
    `give every @weft/* package compatible versions (or an "overrides" entry) and run \`npm dedupe\``
  );
}
