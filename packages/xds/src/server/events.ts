/**
 * What the ADS server reports about its clients.
 */
import type { Node } from "../gen/envoy/config/core/v3/base_pb.js";

export type Protocol = "sotw" | "delta";

interface StreamEvent {
  streamId: number;
  protocol: Protocol;
  nodeId: string;
}

export interface StreamOpenEvent extends StreamEvent {
  node: Node | undefined;
  /** The resource scopes this client sees, most specific first. */
  scopes: string[];
}

export interface StreamCloseEvent extends StreamEvent {
  /** Why it ended: "client ended", "cancelled", "server closed" or an error message. */
  reason: string;
}

/** A request the server did not act on: its type URL is not one it serves. Nothing of it is kept. */
export interface IgnoredEvent extends StreamEvent {
  /** The type URL as the client sent it (its first 1,024 characters). */
  typeUrl: string;
  reason: string;
}

export interface AckEvent extends StreamEvent {
  typeUrl: string;
  nonce: string;
  /** State of the world: the version_info acknowledged. Delta: the system version of the response. */
  versionInfo: string;
  /** The resources (and versions) the acknowledged response carried (a record without prototype: keys are names). */
  resources: Record<string, string>;
}

export interface NackEvent extends StreamEvent {
  typeUrl: string;
  nonce: string;
  /** The version the client rejected. */
  rejectedVersion: string;
  /**
   * State of the world: the version the client still runs (its last acknowledged
   * version_info; "" if none yet). Delta has no per-type version: always "", see
   * `ClientStatus` for the per-resource versions it holds.
   */
  keptVersion: string;
  /** The client's error_detail message (its first 1,024 characters). */
  message: string;
  /** The resources (and versions) of the rejected response (a record without prototype). */
  resources: Record<string, string>;
}

export interface AdsEvents {
  open: StreamOpenEvent;
  close: StreamCloseEvent;
  ack: AckEvent;
  nack: NackEvent;
  ignored: IgnoredEvent;
}

/** One subscription of a client, as `AdsServer.clients()` reports it. */
export interface TypeStatus {
  typeUrl: string;
  wildcard: boolean;
  subscribed: string[];
  /** Per resource, the version the client acknowledged last: its last good configuration (a record without prototype). */
  acked: Record<string, string>;
  lastNack?: { nonce: string; rejectedVersion: string; message: string };
}

export interface ClientStatus {
  streamId: number;
  protocol: Protocol;
  nodeId: string;
  scopes: string[];
  types: TypeStatus[];
}

/** Traffic counters, for benchmarks and tests of incremental pushes. */
export interface PushStats {
  responses: number;
  /** Resources carried (removals in delta responses not counted). */
  resources: number;
  /** Serialised response bytes. */
  bytes: number;
  /** By type URL (a record without prototype; only served types appear). */
  byType: Record<string, { responses: number; resources: number; bytes: number }>;
}

export type Emit = <K extends keyof AdsEvents>(event: K, payload: AdsEvents[K]) => void;
