/**
 * The watch stream's reading of a response body: events are newline-separated JSON
 * whatever the network's chunking, and a line that never ends (a broken or hostile
 * server) is refused at the line limit instead of being buffered without bound.
 * A plain node:http server on loopback writes the bodies chunk by chunk.
 */
import { KubeConfig } from "@kubernetes/client-node";
import fc from "fast-check";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { KubeApiError } from "./api.js";
import { openWatchStream } from "./watch-stream.js";

type Writer = (res: http.ServerResponse, closed: Promise<void>) => Promise<void>;

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))));
});

/** Serves every request with `write`; `closed` settles when the client goes away. */
async function serveWith(write: Writer): Promise<KubeConfig> {
  const server = http.createServer((req, res) => {
    const closed = new Promise<void>((resolve) => res.on("close", () => resolve()));
    res.writeHead(200, { "content-type": "application/json" });
    void write(res, closed);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
    users: [{ name: "u", token: "t" }],
    contexts: [{ name: "c", cluster: "c", user: "u" }],
    currentContext: "c",
  });
  return kc;
}

/** Reads one watch to its end: the events it delivered and how it ended. */
function readWatch(kc: KubeConfig, maxLineChars?: number): Promise<{ events: [string, unknown][]; error: KubeApiError | null }> {
  const events: [string, unknown][] = [];
  return new Promise((resolve, reject) => {
    const signal = new AbortController().signal;
    openWatchStream(kc, "/api/v1/configmaps", {}, signal, { onEvent: (type, object) => events.push([type, object]), onDone: (error) => resolve({ events, error }) }, maxLineChars).catch(reject);
  });
}

const drained = (res: http.ServerResponse) => new Promise<void>((resolve) => res.once("drain", () => resolve()));

describe("watch stream: reading event lines", () => {
  it("property: events come out whole and in order however the body is cut into chunks", async () => {
    const event = fc.record({ type: fc.constantFrom("ADDED", "MODIFIED", "DELETED"), object: fc.record({ n: fc.integer(), text: fc.string({ maxLength: 40 }) }) });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 12 }), async (sent, cuts) => {
        const body = sent.map((e) => `${JSON.stringify(e)}\n`).join("");
        const at = [...new Set(cuts.map((c) => c % body.length))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, i, all) => body.slice(from, all[i + 1] ?? body.length)).filter((c) => c !== "");
        const kc = await serveWith(async (res) => {
          for (const chunk of chunks) {
            res.write(chunk);
            await new Promise((resolve) => setImmediate(resolve));
          }
          res.end();
        });
        const { events, error } = await readWatch(kc);
        expect(error).toBeNull();
        expect(events).toEqual(sent.map((e) => [e.type, e.object]));
      }),
      { numRuns: 40 },
    );
  });

  it("a line longer than the limit ends the stream as malformed and closes the connection", async () => {
    let clientGone = false;
    const kc = await serveWith(async (res, closed) => {
      void closed.then(() => (clientGone = true));
      res.write(`${JSON.stringify({ type: "ADDED", object: { n: 1 } })}\n`);
      // A line that never ends: the server would go on for ever.
      while (!clientGone) if (!res.write("x".repeat(1024))) await Promise.race([drained(res), closed]);
    });
    const { events, error } = await readWatch(kc, 64 * 1024);
    expect(events).toEqual([["ADDED", { n: 1 }]]);
    expect(error?.malformed).toBe(true);
    expect(error?.message).toMatch(/an event line longer than 65536 characters/);
    await expect.poll(() => clientGone).toBe(true);
  });

  it("at the default limit (32 Mi characters), an endless line is refused too, read in the server's chunks", async () => {
    let sent = 0;
    let clientGone = false;
    const kc = await serveWith(async (res, closed) => {
      void closed.then(() => (clientGone = true));
      const piece = "y".repeat(64 * 1024);
      while (!clientGone) {
        sent += piece.length;
        if (!res.write(piece)) await Promise.race([drained(res), closed]);
      }
    });
    const { events, error } = await readWatch(kc);
    expect(events).toEqual([]);
    expect(error?.malformed).toBe(true);
    expect(sent).toBeGreaterThan(32 * 1024 * 1024);
  });
});
