/**
 * What a stream shares with its server.
 */
import type { Node } from "../gen/envoy/config/core/v3/base_pb.js";
import type { Emit, PushStats } from "./events.js";
import type { ResourceStore } from "./resource-store.js";

export interface StreamContext {
  store: ResourceStore;
  emit: Emit;
  scopeOf(node: Node | undefined): string;
  stats: PushStats;
  streamId: number;
}

/** The duplex call both protocols use: requests in, serialised responses out. */
export interface DuplexCall<Req> {
  on(event: "data", listener: (request: Req) => void): unknown;
  on(event: "end" | "cancelled" | "close", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  write(bytes: Uint8Array): boolean;
  end(): void;
}
