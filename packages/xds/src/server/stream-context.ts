/**
 * What a stream shares with its server.
 */
import type { Node } from "../gen/envoy/config/core/v3/base_pb.js";
import type { Emit, PushStats } from "./events.js";
import type { AdsLimits } from "./limits.js";
import type { ResourceStore } from "./resource-store.js";

export interface StreamContext {
  store: ResourceStore;
  emit: Emit;
  scopeOf(node: Node | undefined): string;
  stats: PushStats;
  limits: AdsLimits;
  streamId: number;
  /** Reports an error the stream caught handling a request (the stream then closes). Default: the shared error sink. */
  fail?: (error: unknown) => void;
}

/** The duplex call both protocols use: requests in, serialised responses out. */
export interface DuplexCall<Req> {
  on(event: "data", listener: (request: Req) => void): unknown;
  on(event: "end" | "cancelled" | "close" | "drain", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  /** Node's Writable contract: false asks for no more writes until "drain"; `done` runs once the transport took the bytes. */
  write(bytes: Uint8Array, done: (error?: Error | null) => void): boolean;
  end(): void;
  /** grpc-js ends a server call with this status when its "error" event carries `code` and `details`. */
  emit(event: "error", error: Error & { code: number; details: string }): boolean;
}
