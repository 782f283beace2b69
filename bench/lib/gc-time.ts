/** Garbage-collection pause time, from node's `gc` performance entries. */
import { PerformanceObserver } from "node:perf_hooks";

/** Starts counting GC pauses; `stop()` waits for pending entries and returns the total ms. */
export function gcTimer(): { stop(): Promise<number> } {
  let total = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) total += e.duration;
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    async stop() {
      // Entries are delivered asynchronously; give them a turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (const e of observer.takeRecords()) total += e.duration;
      observer.disconnect();
      return total;
    },
  };
}

