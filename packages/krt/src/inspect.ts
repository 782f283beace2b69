/**
 * Lifetime and introspection helpers that are not part of the `Collection` contract:
 * disposing a derived graph, and counting what the engine keeps for a collection.
 */
import { asNode, Node, type AnyNode } from "./node.js";
import { TransformNode } from "./transform-node.js";
import type { Collection } from "./types.js";

/** What the engine holds for one collection. */
export interface CollectionStats {
  name: string;
  kind: string;
  /** Topological height: 0 for static collections. */
  height: number;
  items: number;
  /** Input keys with transform state (derived collections only). */
  inputStates: number;
  /** Fetch dependency records that point at this collection. */
  dependentRecords: number;
}

/** Counts what the engine keeps for `c`; useful to check for leaks. */
export function inspect(c: Collection<unknown>): CollectionStats {
  const node = asNode(c, "inspect") as AnyNode;
  return {
    name: node.name,
    kind: node.kind,
    height: node.height,
    items: node.size,
    inputStates: node instanceof TransformNode ? node.stateCount() : 0,
    dependentRecords: node.dependentRecordCount(),
  };
}

/**
 * Stops maintaining `c` and every collection derived from it, and unlinks them from
 * their inputs so they can be garbage collected.
 */
export function dispose(c: Collection<unknown> | { asCollection(): Collection<unknown> }): void {
  const target = "asCollection" in c ? c.asCollection() : c;
  // Idempotent: an owner releasing what it built must not need to know whether an
  // input's disposal already took it along.
  if (target instanceof Node && target.disposed) return;
  asNode(target, "dispose").dispose();
}
