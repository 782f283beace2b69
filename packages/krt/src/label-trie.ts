/**
 * A table of values by label map, for sharing one filter per distinct map
 * (filter-intern.ts). It is a trie of the map's (key, value) pairs in the map's key
 * order, one `Map` per level: a lookup reads the labels and makes nothing. The first
 * version keyed a `Map` by a text of the map, which cost about 300 ns a fetch warm and
 * 19 ms over the 20,000 fetches of a 10k-pod initial computation cold (the text is a
 * fresh string to build, flatten and hash each time); the trie, 100 ns and 7.5 ms.
 *
 * Maps equal but ordered differently take two paths: that only costs sharing. A map
 * with a value that is not a string has no path (`get` and `set` both refuse it), so
 * nothing it holds can be mistaken for a string. Keys are only ever `Map` keys, so
 * `__proto__` is a label like any other. The table counts its values and its nodes,
 * and `set` starts it over when either passes its limit, so no input grows it without
 * bound (a node per pair: one huge label map costs as many nodes as it has labels).
 */

class TrieNode<V> {
  value: V | undefined = undefined;
  /** By label key, then value: the node one pair further. */
  children: Map<string, Map<string, TrieNode<V>>> | undefined = undefined;
}

export class LabelTrie<V> {
  private root = new TrieNode<V>();
  private values = 0;
  private nodes = 1;

  constructor(
    /** Values held before the table starts over. */
    private readonly valueLimit: number,
    /** Nodes (label pairs) held before the table starts over. */
    private readonly nodeLimit: number,
  ) {}

  /** The number of values held. */
  get size(): number {
    return this.values;
  }

  /** The number of trie nodes, the root included. */
  get nodeCount(): number {
    return this.nodes;
  }

  /** The value kept for exactly these pairs in this order, if any. */
  get(labels: Record<string, string>): V | undefined {
    return this.nodeAt(labels)?.value;
  }

  /**
   * Keeps `value` for these labels; false (nothing kept) when a label's value is not
   * a string. A new entry into a full table starts it over first.
   */
  set(labels: Record<string, string>, value: V): boolean {
    let pairs = 0;
    for (const k in labels) {
      if (typeof labels[k] !== "string") return false;
      pairs++;
    }
    const existing = this.nodeAt(labels);
    if (existing?.value !== undefined) {
      existing.value = value;
      return true;
    }
    if (this.values >= this.valueLimit || this.nodes + pairs > this.nodeLimit) this.clear();
    let node = this.root;
    for (const k in labels) {
      const v = labels[k]!;
      let byValue = (node.children ??= new Map()).get(k);
      if (byValue === undefined) node.children.set(k, (byValue = new Map()));
      let next = byValue.get(v);
      if (next === undefined) {
        byValue.set(v, (next = new TrieNode()));
        this.nodes++;
      }
      node = next;
    }
    node.value = value;
    this.values++;
    return true;
  }

  /** The node of exactly these pairs, if the trie has one; reads the labels and makes nothing. */
  private nodeAt(labels: Record<string, string>): TrieNode<V> | undefined {
    let node: TrieNode<V> | undefined = this.root;
    for (const k in labels) {
      const v: unknown = labels[k];
      if (typeof v !== "string") return undefined;
      node = node.children?.get(k)?.get(v);
      if (node === undefined) return undefined;
    }
    return node;
  }

  clear(): void {
    this.root = new TrieNode();
    this.values = 0;
    this.nodes = 1;
  }
}
