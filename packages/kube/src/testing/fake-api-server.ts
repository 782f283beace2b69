/**
 * A loopback HTTP server that speaks the part of the Kubernetes API protocol Weft uses:
 * paginated lists, watch streams (resume from a resourceVersion, "too old" 410 errors
 * after compaction, bookmarks, label-selector transitions reported as additions and
 * deletions), reads, status-subresource updates with resourceVersion preconditions
 * (409 Conflict), and Leases. Tests point the real `@kubernetes/client-node` at it, and
 * use its knobs to break things the way clusters do: dropped connections, injected
 * errors and delays, compacted history.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";
import { sleep } from "../backoff.js";
import { KNOWN_RESOURCES, LEASE_RESOURCE, type ResourceType } from "../resources.js";
import { parseLabelSelector } from "./label-selector.js";
import { ObjectStore, servedAt, type Change, type ObjectRef, type StoredObject } from "./object-store.js";
import { decodeContinueToken, ListSnapshots, malformedLine, objectPathOf, parseRoute, readBody, type ListSnapshot, type Malformation, type Route } from "./wire.js";

export type { StoredObject } from "./object-store.js";
export type { Malformation } from "./wire.js";

/** One request the server received, for tests to assert on. */
export interface RequestRecord {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The bearer token, which `kubeConfig(user)` sets to the user's name. */
  user: string;
  watch: boolean;
}

/** A fault to inject into matching requests. */
export interface Fault {
  method?: string;
  /** Matches when the request path contains this text (or matches this pattern). */
  path?: string | RegExp;
  /** Only watch requests (true) or only non-watch requests (false). */
  watch?: boolean;
  user?: string;
  /** Answer with this status (and reason) instead of serving the request. */
  status?: number;
  reason?: string;
  /** Wait this long first. */
  delayMs?: number;
  /** Cut the connection instead of answering. */
  destroy?: boolean;
  /** Serve the request (a write takes effect), then cut the connection instead of answering. */
  dropResponse?: boolean;
  /** Only list requests that continue a paginated list (true) or that start one (false). */
  continued?: boolean;
  /** How many requests it applies to (default 1). */
  times?: number;
}

interface OpenWatch {
  resource: ResourceType;
  version: string;
  namespace: string | undefined;
  matches: (labels: Record<string, string> | undefined) => boolean;
  bookmarks: boolean;
  res: ServerResponse;
}

const DEFAULT_RESOURCES: ResourceType[] = [...KNOWN_RESOURCES, LEASE_RESOURCE];

export interface FakeApiServerOptions {
  /** The kinds served (default: every kind @weft/api knows, and Leases). */
  resources?: ResourceType[];
}


export class FakeApiServer {
  /** Every request received, in order. */
  readonly requests: RequestRecord[] = [];
  /** Every status-subresource update the server accepted, in order: the path and the status written. */
  readonly statusUpdates: { path: string; status: unknown }[] = [];
  private readonly watches = new Set<OpenWatch>();
  private readonly sockets = new Set<Socket>();
  private readonly faults: (Fault & { left: number })[] = [];
  /** Watch requests not yet closed, whether streaming or still waiting for an answer. */
  private readonly watchRequests = new Set<ServerResponse>();
  /** Responses a `dropResponse` fault cuts instead of sending. */
  private readonly responsesToDrop = new WeakSet<ServerResponse>();
  private readonly listSnapshots = new ListSnapshots();
  private streamsOpened = 0;
  private malformations: Malformation[] = [];
  /** Cuts injected delays short when the server closes, so no timer outlives it. */
  private readonly closing = new AbortController();

  private readonly store: ObjectStore;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly resources: ResourceType[],
  ) {
    this.store = new ObjectStore(resources);
    this.store.onChange((change) => {
      // A malformed event stands in for this change on every open watch; the history keeps
      // the real one, so only a relist (or a resume from before it) can recover it.
      const malformation = this.malformations.shift();
      for (const w of this.watches) this.deliver(w, [change], malformation);
    });
  }

  /** Starts a server on a free loopback port. */
  static async start(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("fake API server: no TCP address");
    const fake = new FakeApiServer(server, `http://127.0.0.1:${address.port}`, options.resources ?? DEFAULT_RESOURCES);
    server.on("connection", (socket) => {
      fake.sockets.add(socket);
      socket.on("close", () => fake.sockets.delete(socket));
    });
    server.on("request", (req, res) => {
      fake.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) fake.sendStatus(res, 500, "InternalError", String(error));
        else res.destroy();
      });
    });
    return fake;
  }

  /** A KubeConfig for this server; requests carry `user` as their bearer token. */
  kubeConfig(user = "tester"): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: "fake", server: this.url, skipTLSVerify: true }],
      users: [{ name: user, token: user }],
      contexts: [{ name: "fake", cluster: "fake", user, namespace: "default" }],
      currentContext: "fake",
    });
    return kc;
  }

  /** The current resourceVersion of the whole store. */
  get resourceVersion(): string {
    return String(this.store.resourceVersion);
  }

  /** How many watch streams are open. */
  get openWatches(): number {
    return this.watches.size;
  }

  /** How many watch streams have been opened (served from a version), closed ones included. */
  get watchStreamsOpened(): number {
    return this.streamsOpened;
  }

  /** How many watch requests are open: streaming, or still waiting for their answer (a delay fault). */
  get openWatchRequests(): number {
    return this.watchRequests.size;
  }

  /**
   * Sends each of the next changes to open watches as a malformed event instead (one
   * per entry of `how`): unparseable text, an object without a name, or an unknown type.
   */
  malformNextEvents(...how: Malformation[]): void {
    this.malformations.push(...how);
  }

  /** Adds an object (replacing one with the same identity, as an update). */
  apply(object: StoredObject): StoredObject {
    return this.store.apply(object);
  }

  /** Removes an object; true if it existed. */
  remove(ref: ObjectRef): boolean {
    return this.store.remove(ref);
  }

  /** The stored object, or undefined. */
  read(ref: ObjectRef): StoredObject | undefined {
    return this.store.read(ref);
  }

  /** Forgets the history: watches from any version seen so far get 410 Gone. */
  compact(): void {
    this.store.compact();
    this.listSnapshots.clear();
  }

  /** Sends a BOOKMARK at the current version to every watch that accepts them. */
  bookmark(): void {
    for (const w of this.watches) {
      if (!w.bookmarks) continue;
      const apiVersion = w.resource.group === "" ? w.version : `${w.resource.group}/${w.version}`;
      w.res.write(`${JSON.stringify({ type: "BOOKMARK", object: { apiVersion, kind: w.resource.kind, metadata: { resourceVersion: this.resourceVersion } } })}\n`);
    }
  }

  /** Cuts every open watch connection, as a network failure or an API server restart would. */
  dropWatches(): void {
    for (const w of this.watches) w.res.destroy();
    this.watches.clear();
  }

  /** Ends every open watch cleanly, as the server does when a watch's timeout elapses. */
  endWatches(): void {
    for (const w of this.watches) w.res.end();
    this.watches.clear();
  }

  /** Injects a fault into the next matching request(s); `used` tells how many it has hit so far. */
  inject(fault: Fault): { readonly used: number } {
    const times = fault.times ?? 1;
    const entry = { ...fault, left: times };
    this.faults.push(entry);
    return {
      get used() {
        return times - entry.left;
      },
    };
  }

  /** Removes every injected fault not yet used. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** The requests matching a method and a path fragment. */
  requestsTo(method: string, pathIncludes: string, opts: { watch?: boolean; user?: string } = {}): RequestRecord[] {
    return this.requests.filter(
      (r) => r.method === method && r.path.includes(pathIncludes) && (opts.watch === undefined || r.watch === opts.watch) && (opts.user === undefined || r.user === opts.user),
    );
  }

  async close(): Promise<void> {
    this.closing.abort();
    for (const w of this.watches) w.res.destroy();
    this.watches.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  /** Writes the events a watch should see for log entries, in one write. */
  private deliver(w: OpenWatch, entries: readonly Change[], malformation?: Malformation): void {
    let chunk = "";
    for (const e of entries) {
      if (e.resource !== w.resource) continue;
      if (w.namespace !== undefined && e.object.metadata.namespace !== w.namespace) continue;
      const nowMatches = e.type !== "DELETED" && w.matches(e.object.metadata.labels);
      const matchedBefore = e.type === "DELETED" ? w.matches(e.object.metadata.labels) : e.previous !== undefined && w.matches(e.previous.metadata.labels);
      let type: string | undefined;
      if (e.type === "DELETED") type = matchedBefore ? "DELETED" : undefined;
      else if (nowMatches) type = matchedBefore ? "MODIFIED" : "ADDED";
      else if (matchedBefore) type = "DELETED"; // relabelled out of the selector
      if (type === undefined) continue;
      chunk += `${malformation === undefined ? JSON.stringify({ type, object: servedAt(e.object, w.version) }) : malformedLine(type, servedAt(e.object, w.version), malformation)}\n`;
    }
    if (chunk !== "") w.res.write(chunk);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const watch = url.searchParams.get("watch") === "true" || url.searchParams.get("watch") === "1";
    const auth = req.headers.authorization ?? "";
    const user = auth.startsWith("Bearer ") ? auth.slice("Bearer ".length) : "";
    const method = req.method ?? "GET";
    this.requests.push({ method, path: url.pathname, query: url.searchParams, user, watch });
    if (watch) {
      this.watchRequests.add(res);
      res.on("close", () => this.watchRequests.delete(res));
    }
    const body = await readBody(req);
    const continued = url.searchParams.has("continue") && url.searchParams.get("continue") !== "";

    const fault = this.faults.find(
      (f) =>
        f.left > 0 &&
        (f.method === undefined || f.method === method) &&
        (f.watch === undefined || f.watch === watch) &&
        (f.user === undefined || f.user === user) &&
        (f.continued === undefined || (!watch && method === "GET" && f.continued === continued)) &&
        (f.path === undefined || (typeof f.path === "string" ? url.pathname.includes(f.path) : f.path.test(url.pathname))),
    );
    if (fault !== undefined) {
      fault.left--;
      // The delay ends early when the client goes away (or the server closes): no timer outlives its request.
      if (fault.delayMs !== undefined && !(await sleep(fault.delayMs, AbortSignal.any([this.closing.signal, closedSignal(res)])))) return;
      if (fault.destroy) {
        req.socket.destroy();
        return;
      }
      if (fault.status !== undefined) {
        this.sendStatus(res, fault.status, fault.reason ?? "InternalError", "injected fault");
        return;
      }
      if (fault.dropResponse) this.responsesToDrop.add(res);
    }

    const route = parseRoute(this.resources, url.pathname);
    if (route === undefined) {
      this.sendStatus(res, 404, "NotFound", `the server could not find the requested resource (${url.pathname})`);
      return;
    }
    if (route.name === undefined) {
      if (method === "GET" && watch) return this.serveWatch(route, url.searchParams, res);
      if (method === "GET") return this.serveList(route, url.searchParams, res);
      if (method === "POST") return this.serveCreate(route, body, res);
    } else {
      if (method === "GET" && route.subresource === undefined) return this.serveGet(route, res);
      if (method === "GET" && route.subresource === "status") return this.serveGet(route, res);
      if (method === "PUT") return this.serveUpdate(route, body, res);
      if (method === "DELETE" && route.subresource === undefined) {
        const found = this.store.get(route.resource, route.namespace, route.name);
        if (found === undefined || !this.store.remove(found)) return this.sendStatus(res, 404, "NotFound", `${route.resource.plural} "${route.name}" not found`);
        return this.sendJson(res, 200, { kind: "Status", apiVersion: "v1", status: "Success" });
      }
    }
    this.sendStatus(res, 405, "MethodNotAllowed", `${method} is not supported here`);
  }

  private inScope(route: Route, object: StoredObject, selector: string | null): boolean {
    if (route.namespace !== undefined && object.metadata.namespace !== route.namespace) return false;
    return parseLabelSelector(selector)(object.metadata.labels);
  }

  /**
   * A list, paginated with `limit` and `continue` as a real server does it: every page of
   * one list comes from the snapshot taken for its first page (changes made between pages
   * are not seen; they come on the watch from the list's version), and a token whose
   * snapshot was compacted away (or forgotten) is answered 410 Expired.
   */
  private serveList(route: Route, query: URLSearchParams, res: ServerResponse): void {
    const limit = Number(query.get("limit") ?? "0");
    const token = query.get("continue");
    let snapshot: ListSnapshot;
    let id: number | undefined;
    let offset = 0;
    if (token !== null && token !== "") {
      const decoded = decodeContinueToken(token);
      if (decoded === undefined) return this.sendStatus(res, 400, "BadRequest", "invalid continue token");
      const kept = this.listSnapshots.get(decoded.id);
      if (kept === undefined || !this.store.retains(kept.rv)) {
        this.listSnapshots.forget(decoded.id);
        return this.sendStatus(res, 410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
      }
      snapshot = kept;
      id = decoded.id;
      offset = decoded.offset;
    } else {
      const selector = query.get("labelSelector");
      snapshot = { rv: this.store.resourceVersion, items: this.store.list(route.resource, (o) => this.inScope(route, o, selector)) };
    }
    const page = limit > 0 ? snapshot.items.slice(offset, offset + limit) : snapshot.items.slice(offset);
    const more = limit > 0 && offset + limit < snapshot.items.length;
    let next: string | undefined;
    if (more) {
      id ??= this.listSnapshots.keep(snapshot);
      next = Buffer.from(JSON.stringify({ id, offset: offset + limit })).toString("base64");
    } else if (id !== undefined) this.listSnapshots.forget(id);
    const coreGroup = route.resource.group === "";
    const apiVersion = coreGroup ? route.version : `${route.resource.group}/${route.version}`;
    // A real server leaves apiVersion and kind out of the items of core-group lists.
    const items = page.map((o) => {
      const served = servedAt(o, route.version);
      if (!coreGroup) return served;
      const { apiVersion: _a, kind: _k, ...rest } = served;
      return rest;
    });
    this.sendJson(res, 200, {
      apiVersion,
      kind: `${route.resource.kind}List`,
      metadata: { resourceVersion: String(snapshot.rv), ...(next === undefined ? {} : { continue: next }) },
      items,
    });
  }

  private serveWatch(route: Route, query: URLSearchParams, res: ServerResponse): void {
    const from = query.get("resourceVersion") ?? "";
    res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
    res.flushHeaders();
    const w: OpenWatch = {
      resource: route.resource,
      version: route.version,
      namespace: route.namespace,
      matches: parseLabelSelector(query.get("labelSelector")),
      bookmarks: query.get("allowWatchBookmarks") === "true",
      res,
    };
    if (from === "" || from === "0") {
      // No version: the current state as additions, then changes.
      const rv = this.store.resourceVersion;
      this.deliver(w, this.store.list(route.resource).map((object) => ({ rv, resource: route.resource, type: "ADDED" as const, object })));
    } else {
      const since = Number(from);
      const changes = Number.isFinite(since) ? this.store.changesSince(since) : undefined;
      if (changes === undefined) {
        // As a real server does: the stream opens, says 410 in an ERROR event, and ends.
        const status = { kind: "Status", apiVersion: "v1", status: "Failure", reason: "Expired", code: 410, message: `too old resource version: ${from}` };
        res.end(`${JSON.stringify({ type: "ERROR", object: status })}\n`);
        return;
      }
      this.deliver(w, changes);
    }
    this.watches.add(w);
    this.streamsOpened++;
    const timeout = Number(query.get("timeoutSeconds") ?? "0");
    const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
    res.on("close", () => {
      if (timer !== undefined) clearTimeout(timer);
      this.watches.delete(w);
    });
  }

  private serveGet(route: Route, res: ServerResponse): void {
    const found = this.store.get(route.resource, route.namespace, route.name!);
    if (found === undefined) return this.sendStatus(res, 404, "NotFound", `${route.resource.plural} "${route.name}" not found`);
    this.sendJson(res, 200, servedAt(found, route.version));
  }

  private serveCreate(route: Route, body: unknown, res: ServerResponse): void {
    const object = body as StoredObject;
    const name = object?.metadata?.name;
    if (typeof name !== "string") return this.sendStatus(res, 422, "Invalid", "metadata.name: Required value");
    if (this.store.get(route.resource, route.namespace, name) !== undefined) return this.sendStatus(res, 409, "AlreadyExists", `${route.resource.plural} "${name}" already exists`);
    const { resourceVersion: _ignored, ...metadata } = object.metadata;
    const stored = this.apply({ ...object, metadata: { ...metadata, ...(route.namespace === undefined ? {} : { namespace: route.namespace }) } });
    this.sendJson(res, 201, servedAt(stored, route.version));
  }

  private serveUpdate(route: Route, body: unknown, res: ServerResponse): void {
    const found = this.store.get(route.resource, route.namespace, route.name!);
    if (found === undefined) return this.sendStatus(res, 404, "NotFound", `${route.resource.plural} "${route.name}" not found`);
    const object = body as StoredObject;
    const precondition = object?.metadata?.resourceVersion;
    if (precondition !== undefined && precondition !== found.metadata.resourceVersion) {
      return this.sendStatus(res, 409, "Conflict", `Operation cannot be fulfilled on ${route.resource.plural} "${route.name}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    // The status subresource changes only the status; the main resource everything but.
    const next: StoredObject =
      route.subresource === "status"
        ? { ...found, status: object.status }
        : { ...object, metadata: { ...found.metadata, ...object.metadata }, ...(found.status === undefined ? {} : { status: found.status }) };
    const stored = this.apply(next);
    if (route.subresource === "status") this.statusUpdates.push({ path: objectPathOf(route), status: stored.status });
    this.sendJson(res, 200, servedAt(stored, route.version));
  }

  private sendJson(res: ServerResponse, code: number, body: unknown): void {
    if (this.responsesToDrop.has(res)) {
      res.socket?.destroy();
      return;
    }
    res.writeHead(code, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private sendStatus(res: ServerResponse, code: number, reason: string, message: string): void {
    this.sendJson(res, code, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code });
  }
}

/** Aborts when the response's connection closes (the client went away, or it was answered). */
function closedSignal(res: ServerResponse): AbortSignal {
  const closed = new AbortController();
  if (res.closed) closed.abort();
  else res.once("close", () => closed.abort());
  return closed.signal;
}
