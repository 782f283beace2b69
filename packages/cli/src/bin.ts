#!/usr/bin/env node
/**
 * The `weft` executable. `pnpm weft ...` from the repository root runs it; relative
 * paths are taken from where pnpm was invoked (INIT_CWD), not from the repository root.
 */
import { writerToClosable } from "./closed-output.js";
import { main } from "./main.js";

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: writerToClosable(process.stdout),
  stderr: writerToClosable(process.stderr),
  cwd: process.env.INIT_CWD ?? process.cwd(),
  readStdin,
});
