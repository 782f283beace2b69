/**
 * A watch stream over node:http(s), with the KubeConfig's server, credentials and TLS.
 *
 * The library's `Watch` is not used because of two things it cannot do: it hands back
 * its abort handle only once response headers arrived, so a watch whose server never
 * answers cannot be cancelled (its connection stays open until the socket dies); and it
 * drops lines it cannot parse without a word, so the object such an event was about
 * silently goes missing. Here the request takes an AbortSignal from the start, and an
 * unreadable line ends the stream with a {@link MALFORMED_REASON} error, which makes
 * the reflector relist.
 */
import http from "node:http";
import https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import { errorFromStatus, KubeApiError, MALFORMED_REASON, type WatchEventType } from "./api.js";

/** A longer line than this is not a watch event anyone sends (objects are at most ~1.5 MB in etcd). */
const MAX_LINE_CHARS = 32 * 1024 * 1024;
/** Of an error response, only this much is read (it is a Status, a few hundred bytes). */
const MAX_ERROR_BODY_CHARS = 64 * 1024;

export interface WatchStreamCallbacks {
  onEvent: (type: WatchEventType, object: unknown) => void;
  /** Called once when the stream ends by itself; never after `signal` aborts. */
  onDone: (error: KubeApiError | null) => void;
}

/**
 * Opens `path` as a watch. Resolves once the request is sent (credentials may take an
 * exec plugin round first); the stream runs until it ends or `signal` aborts. A line
 * longer than `maxLineChars` (tests lower it) ends the stream as malformed.
 */
export async function openWatchStream(
  kubeConfig: KubeConfig,
  path: string,
  query: Readonly<Record<string, string | number | boolean | undefined>>,
  signal: AbortSignal,
  callbacks: WatchStreamCallbacks,
  maxLineChars = MAX_LINE_CHARS,
): Promise<void> {
  const cluster = kubeConfig.getCurrentCluster();
  if (cluster === null) throw new KubeApiError(0, `watch ${path}: the KubeConfig has no current cluster`);
  const url = new URL(cluster.server + path);
  url.searchParams.set("watch", "true");
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
  const options: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  if (signal.aborted) return;

  const what = `watch ${path}`;
  let finished = false;
  const done = (error: KubeApiError | null) => {
    // An abort is ours, not news: the caller already knows.
    if (finished || signal.aborted) return;
    finished = true;
    request.destroy();
    callbacks.onDone(error);
  };
  const transport = url.protocol === "https:" ? https : http;
  const request = transport.request(url, {
    ...options,
    method: "GET",
    headers: { ...options.headers, Accept: "application/json" },
    signal,
  });
  request.on("error", (error) => done(new KubeApiError(0, `${what}: ${error.message}`)));
  request.on("response", (response) => {
    response.setEncoding("utf8");
    response.on("error", (error) => done(new KubeApiError(0, `${what}: ${error.message}`)));
    if (response.statusCode !== 200) {
      const code = response.statusCode ?? 0;
      let body = "";
      response.on("data", (chunk: string) => {
        if (body.length < MAX_ERROR_BODY_CHARS) body += chunk;
      });
      response.on("end", () => done(errorFromStatus(parseJson(body), code, what)));
      return;
    }
    let buffered = "";
    const line = (text: string): boolean => {
      if (text.trim() === "") return true;
      const event = parseJson(text);
      if (typeof event !== "object" || event === null || typeof (event as { type?: unknown }).type !== "string") {
        done(new KubeApiError(0, `${what}: an unreadable event line (${JSON.stringify(text.slice(0, 60))}...)`, MALFORMED_REASON));
        return false;
      }
      const { type, object } = event as { type: string; object?: unknown };
      callbacks.onEvent(type as WatchEventType, object);
      return !finished && !signal.aborted;
    };
    response.on("data", (chunk: string) => {
      if (finished || signal.aborted) return;
      // Only the new chunk is searched for line ends: searching the whole buffer again
      // on every chunk made one long line (a hostile or broken server) quadratic.
      let start = 0;
      let newline = chunk.indexOf("\n");
      while (newline >= 0) {
        const text = buffered + chunk.slice(start, newline);
        buffered = "";
        if (!line(text)) return;
        start = newline + 1;
        newline = chunk.indexOf("\n", start);
      }
      buffered += start === 0 ? chunk : chunk.slice(start);
      if (buffered.length > maxLineChars) done(new KubeApiError(0, `${what}: an event line longer than ${maxLineChars} characters`, MALFORMED_REASON));
    });
    response.on("end", () => {
      if (finished || signal.aborted) return;
      if (buffered !== "" && !line(buffered)) return;
      done(null);
    });
    // A connection cut mid-stream ends the response without "end".
    response.on("close", () => {
      if (!response.complete) done(new KubeApiError(0, `${what}: the connection was closed`));
    });
  });
  request.end();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
