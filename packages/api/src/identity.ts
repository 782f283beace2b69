/**
 * How objects are named and ordered across every package: the namespace a namespaced
 * object lives in when its manifest leaves it out, the `namespace/name` key built from
 * that rule, and the one string order that keeps outputs independent of input order.
 * They live here so a Gateway, a route and a Service agree on who they are.
 */

/** The namespace a namespaced object is in when its manifest names none. */
export const DEFAULT_NAMESPACE = "default";

/**
 * A string built by one function only, named by `B`: a composite key whose format lives
 * in one place. It is still a string (usable wherever one is), but a hand-built string
 * is not one of these, so the type says which function a key must come from.
 */
export type BrandedKey<B extends string> = string & { readonly __brand: B };

/** A key of the form `namespace/name`, built only by {@link namespacedKey} and {@link namespacedKeyOf}. */
export type NamespacedKey = BrandedKey<"NamespacedKey">;

/** What {@link namespacedKey} and {@link namespaceOf} read of an object: its name and namespace. */
export interface Named {
  readonly metadata: { readonly name: string; readonly namespace?: string | undefined };
}

/**
 * The namespace of a namespaced object: its own, or `default` when it has none. An
 * empty namespace stays empty (only an absent one is defaulted, as the translators did).
 */
export function namespaceOf(obj: { readonly metadata: { readonly namespace?: string | undefined } }): string {
  return obj.metadata.namespace ?? DEFAULT_NAMESPACE;
}

/** `namespace/name` of a namespaced object, its namespace defaulted by {@link namespaceOf}. */
export function namespacedKey(obj: Named): NamespacedKey {
  return namespacedKeyOf(namespaceOf(obj), obj.metadata.name);
}

/**
 * The key of the object `name` in `namespace` (a reference's target, say), in the one
 * format {@link namespacedKey} gives objects; the namespace is taken as given.
 */
export function namespacedKeyOf(namespace: string, name: string): NamespacedKey {
  return `${namespace}/${name}` as NamespacedKey;
}

/** Orders strings by UTF-16 code units, as Go's string comparison orders ASCII (locale-independent). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
