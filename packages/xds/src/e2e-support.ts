/**
 * Helpers of the end-to-end tests: tiny gRPC backends that say who they are, a client
 * for them, and polling instead of sleeping.
 */
import { Metadata, Server, ServerCredentials, credentials, makeGenericClientConstructor, status, type Client, type ServiceError, type ServiceDefinition, type UntypedServiceImplementation } from "@grpc/grpc-js";

/** A unary service whose messages are UTF-8 text: the reply names the backend that served it. */
const whoDefinition: ServiceDefinition = {
  who: {
    path: "/weft.e2e.Echo/Who",
    requestStream: false,
    responseStream: false,
    requestSerialize: (text: string) => Buffer.from(text),
    requestDeserialize: (bytes: Buffer) => bytes.toString(),
    responseSerialize: (text: string) => Buffer.from(text),
    responseDeserialize: (bytes: Buffer) => bytes.toString(),
  },
};

export const WhoClient = makeGenericClientConstructor(whoDefinition, "Echo");

export interface Backend {
  name: string;
  port: number;
  close(): void;
}

export async function startBackend(name: string): Promise<Backend> {
  const server = new Server();
  const impl: UntypedServiceImplementation = {
    who: (_call: unknown, callback: (error: ServiceError | null, reply: string) => void) => callback(null, name),
  };
  server.addService(whoDefinition, impl);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  return { name, port, close: () => server.forceShutdown() };
}

/** Calls the backend behind `client` once; resolves to its name, or to `error:<code>`. */
export function who(client: Client, headers: Record<string, string> = {}, timeoutMs = 5000): Promise<string> {
  const metadata = new Metadata();
  for (const [k, v] of Object.entries(headers)) metadata.set(k, v);
  return new Promise((resolve) => {
    // A non-empty request: bare grpc-js servers reported a zero-length request message as missing.
    (client as unknown as { who: (req: string, md: Metadata, opts: object, cb: (e: ServiceError | null, r?: string) => void) => void }).who("ping", metadata, { deadline: Date.now() + timeoutMs }, (error, reply) =>
      resolve(error ? `error:${status[error.code] ?? error.code}${process.env.WEFT_E2E_DEBUG ? ` ${error.details}` : ""}` : (reply ?? "")),
    );
  });
}

export function newClient(target: string): Client {
  return new WhoClient(target, credentials.createInsecure()) as unknown as Client;
}

/** Polls `check` until it returns true, or fails with `describe()` after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, describe: () => string, timeoutMs = 30_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`condition not reached in ${timeoutMs} ms: ${describe()}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The backends answering `n` calls, counted by name. */
export async function tally(client: Client, n: number, headers: Record<string, string> = {}): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const answer = await who(client, headers);
    counts[answer] = (counts[answer] ?? 0) + 1;
  }
  return counts;
}
