/**
 * `weft`: reads the command line and runs the command. Every failure becomes a message
 * and an exit status; nothing escapes as a stack trace.
 */
import { readFileSync } from "node:fs";
import { parseCommand, USAGE, UsageError } from "./args.js";
import { EXIT, runTranslate, type Io } from "./translate-command.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}

/** Runs `weft` with the arguments after the program name; resolves to the exit status. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`weft: ${error.message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  switch (command.command) {
    case "help":
      io.stdout(`${USAGE}\n`);
      return EXIT.ok;
    case "version":
      io.stdout(`weft ${version()}\n`);
      return EXIT.ok;
    case "translate":
      return runTranslate(command, io);
  }
}
