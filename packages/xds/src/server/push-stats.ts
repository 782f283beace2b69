/**
 * Counting what the server sends.
 */
import type { PushStats } from "./events.js";

export function emptyStats(): PushStats {
  return { responses: 0, resources: 0, bytes: 0, byType: {} };
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
