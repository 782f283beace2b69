/**
 * Counting what the server sends. `byType` is keyed by type URL: a record without a
 * prototype, so no key can reach Object.prototype (and only served types are counted).
 */
import { nullProtoRecord } from "../records.js";
import type { PushStats } from "./events.js";

export function emptyStats(): PushStats {
  return { responses: 0, resources: 0, bytes: 0, byType: nullProtoRecord() };
}

/** A copy for callers: theirs to change, with the same prototype-free `byType`. */
export function copyStats(stats: PushStats): PushStats {
  return { ...stats, byType: nullProtoRecord(Object.entries(stats.byType).map(([t, c]) => [t, { ...c }] as const)) };
}

export function countResponse(stats: PushStats, typeUrl: string, resources: number, bytes: number): void {
  stats.responses++;
  stats.resources += resources;
  stats.bytes += bytes;
  const t = (stats.byType[typeUrl] ??= { responses: 0, resources: 0, bytes: 0 });
  t.responses++;
  t.resources += resources;
  t.bytes += bytes;
}
