/** Message formatting shared by conditions. */

/** "a", "a and b", "a, b, and c": how Istio lists several items in a message. */
export function humanReadableJoin(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(", ")}, and ${items.at(-1)}`;
}
